using MiniExcelLibs;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions.Reports;

/// <summary>The report as a spreadsheet: one row per action, its status cell's lines in one cell, as the other formats print them.</summary>
public sealed class ProgressReportXlsx(IStringLocalizer<ActionsText> T)
{
    /// <summary>
    /// One sheet of the actions (theme, number, action, who, status, due date, the status cell's lines as the other
    /// formats print them) and one of the report's title block and "changed since" section.
    /// </summary>
    public async Task<byte[]> WriteAsync(ProgressReport report, CancellationToken ct)
    {
        var text = new ProgressReportHtml(T);
        var actions = report.Themes.SelectMany(theme => theme.Actions.Select(row => new Dictionary<string, object?>
        {
            [T["Theme"].Value] = theme.Heading,
            [T["No."].Value] = row.Number,
            [T["Action/Recommendation"].Value] = row.Text,
            [T["Who"].Value] = row.Who,
            [T["Status"].Value] = T[ActionsText.StatusLabel(row.Status)].Value,
            [T["Due date"].Value] = row.DueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            [T["Status/Details"].Value] = string.Join("\n", [text.StatusLine(row), .. text.DetailLines(row.UpdatesInPeriod).Select(l => l.Text)]),
            [T["Changed since the last report"].Value] = row.ChangedSinceLastReport.Count > 0
                ? string.Join("\n", text.DetailLines(row.ChangedSinceLastReport, inPeriod: false).Select(l => l.Text))
                : "",
        })).ToList();
        List<Dictionary<string, object?>> about =
        [
            Fact(T["Marking"].Value, text.Marking(report)),
            Fact(T["Title"].Value, text.Title(report)),
            .. text.Facts(report).Select(f => Fact(f.Label, f.Value)),
            Fact(T["Changed since the last report"].Value, text.ChangedIntro(report)),
            .. report.Themes.Select(t => Fact(t.Heading, text.RollupLine(t.Progress))),
        ];

        using var stream = new MemoryStream();
        var sheets = new Dictionary<string, object> { [Sheet(T["Actions"].Value)] = actions, [Sheet(T["Report"].Value)] = about };
        await MiniExcel.SaveAsAsync(stream, sheets, printHeader: true, excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }

    private Dictionary<string, object?> Fact(string label, string value) => new() { [T["Item"].Value] = label, [T["Value"].Value] = value };

    private static string Sheet(string name) => name.Length > 31 ? name[..31] : name;
}

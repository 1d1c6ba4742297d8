using MiniExcelLibs;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions.Reports;

/// <summary>The report as a spreadsheet: one row per action, with the details of the period in one cell.</summary>
public sealed class ProgressReportXlsx(IStringLocalizer<ActionsText> T)
{
    public async Task<byte[]> WriteAsync(ProgressReport report, CancellationToken ct)
    {
        var rows = report.Actions.Select(row => new Dictionary<string, object?>
        {
            [T["Theme"].Value] = ProgressReportHtml.ThemeHeading(report.Themes.First(t => t.Actions.Contains(row))),
            [T["No."].Value] = row.Action.Number,
            [T["Action/Recommendation"].Value] = row.Action.Text,
            [T["Who"].Value] = ProgressReportHtml.Who(row.Action),
            [T["Status"].Value] = T[ActionsText.StatusLabel(row.Status)].Value,
            [T["Due date"].Value] = row.Action.DueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            [T["Status details in the period"].Value] = Details(row.UpdatesInPeriod),
            [T["Changed since the last report"].Value] = row.ChangedSinceLastReport.Count > 0 ? T["Yes"].Value : T["No"].Value,
        }).ToList();

        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, rows, printHeader: true, sheetName: Sheet(), excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }

    private string Sheet()
    {
        var name = T["Progress report"].Value;
        return name.Length > 31 ? name[..31] : name;
    }

    private string Details(IReadOnlyList<StatusUpdateView> updates) =>
        string.Join("\n\n", updates.Select(u =>
            $"{u.AsOf:yyyy-MM-dd} – {T[ActionsText.StatusLabel(u.Status)].Value}: {string.Join("\n", u.Paragraphs)}"));
}

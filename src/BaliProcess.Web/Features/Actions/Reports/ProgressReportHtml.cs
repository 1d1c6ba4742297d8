using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions.Reports;

/// <summary>
/// The report as HTML: <see cref="Sections"/> is the part the report page shows inside the site's layout, and
/// <see cref="Document"/> the standalone page (with print CSS) that is downloaded and that Chromium prints to PDF.
/// Every text from the database is encoded; the markup is tables with captions and header cells, so a screen reader
/// reads each cell with its column and its action number.
/// </summary>
public sealed class ProgressReportHtml(IStringLocalizer<ActionsText> T)
{
    public const string Css = """
        @page { size: A4; margin: 16mm 14mm 18mm; }
        html { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1b1b1b; background: #fff; }
        body { margin: 0 auto; max-width: 60rem; padding: 1rem; }
        h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
        h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; break-after: avoid; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        caption { text-align: left; font-weight: 700; padding: .25rem 0; }
        th, td { border: 1px solid #6f6f6f; padding: .3rem .4rem; text-align: left; vertical-align: top; }
        thead th { background: #e8e8e8; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        p { margin: 0 0 .4rem; }
        .meta { color: #3d3d3d; }
        .status { font-weight: 700; }
        .changed { font-weight: 700; }
        .report-number { white-space: nowrap; }
        @media print { body { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
        """;

    /// <summary>The CSP source that allows exactly <see cref="Css"/> as an inline style.</summary>
    public static string CssHashSource { get; } = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'";

    public string Document(ProgressReport report)
    {
        var html = new StringBuilder();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(Title(report))).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n<h1>")
            .Append(E(Title(report))).Append("</h1>\n<p class=\"meta\">").Append(E(Generated(report))).Append("</p>\n")
            .Append(Sections(report))
            .Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    public string Title(ProgressReport report) =>
        report.Period.MeetingTitle is { } meeting
            ? T["Progress report for the {0}: {1} to {2}", meeting, Date(report.Period.From), Date(report.Period.To)].Value
            : T["Progress report: {0} to {1}", Date(report.Period.From), Date(report.Period.To)].Value;

    public string Generated(ProgressReport report) =>
        T["Generated on {0} (UTC). Status details are those dated within the period.", report.GeneratedAt.ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture)].Value;

    /// <summary>The "changed since" section and (unless <paramref name="changedOnly"/>) one section per theme, starting at heading level 2.</summary>
    public string Sections(ProgressReport report, bool changedOnly = false)
    {
        var html = new StringBuilder();
        html.Append("<section aria-labelledby=\"changed-since\">\n<h2 id=\"changed-since\">").Append(E(T["Changed since the last report"])).Append("</h2>\n");
        if (report.PreviousReportAt is not { } previous)
        {
            html.Append("<p>").Append(E(T["No report has been generated before this one, so there is nothing to compare with."])).Append("</p>\n");
        }
        else if (report.Changed.Count == 0)
        {
            html.Append("<p>").Append(E(T["No status update has been recorded since the last report, generated on {0}.", Instant(previous)])).Append("</p>\n");
        }
        else
        {
            html.Append("<p>").Append(E(T["Status updates recorded since the last report, generated on {0}:", Instant(previous)])).Append("</p>\n<table>\n<caption>")
                .Append(E(T["Changed since the last report"])).Append("</caption>\n<thead><tr><th scope=\"col\">").Append(E(T["No."]))
                .Append("</th><th scope=\"col\">").Append(E(T["Action/Recommendation"])).Append("</th><th scope=\"col\">").Append(E(T["New status details"]))
                .Append("</th></tr></thead>\n<tbody>\n");
            foreach (var row in report.Changed)
            {
                html.Append("<tr><th scope=\"row\" class=\"report-number\">").Append(E(row.Action.Number)).Append("</th><td>").Append(E(row.Action.Text))
                    .Append("</td><td>");
                AppendUpdates(html, row.ChangedSinceLastReport);
                html.Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
        if (changedOnly)
        {
            return html.ToString();
        }

        if (!report.Themes.Any())
        {
            html.Append("<p>").Append(E(T["There are no actions that you may see for this period."])).Append("</p>\n");
        }

        foreach (var section in report.Themes)
        {
            var id = $"theme-{section.Theme.Id:N}";
            html.Append("<section aria-labelledby=\"").Append(id).Append("\">\n<h2 id=\"").Append(id).Append("\">")
                .Append(E(ThemeHeading(section))).Append("</h2>\n<p>").Append(E(RollupLine(section.Progress))).Append("</p>\n<table>\n<caption>")
                .Append(E(T["Actions under {0}", section.Theme.Title])).Append("</caption>\n<thead><tr><th scope=\"col\">").Append(E(T["No."]))
                .Append("</th><th scope=\"col\">").Append(E(T["Action/Recommendation"])).Append("</th><th scope=\"col\">").Append(E(T["Who"]))
                .Append("</th><th scope=\"col\">").Append(E(T["Status/Details"])).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var row in section.Actions)
            {
                html.Append("<tr><th scope=\"row\" class=\"report-number\">").Append(E(row.Action.Number)).Append("</th><td>").Append(E(row.Action.Text))
                    .Append("</td><td>").Append(E(Who(row.Action))).Append("</td><td><p class=\"status\">").Append(E(T[ActionsText.StatusLabel(row.Status)]));
                if (row.ChangedSinceLastReport.Count > 0)
                {
                    html.Append(" <span class=\"changed\">").Append(E(T["(changed since the last report)"])).Append("</span>");
                }

                html.Append("</p>");
                if (row.UpdatesInPeriod.Count == 0)
                {
                    html.Append("<p>").Append(E(T["No status update in this period."])).Append("</p>");
                }
                else
                {
                    AppendUpdates(html, row.UpdatesInPeriod);
                }

                html.Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</section>\n");
        }

        return html.ToString();
    }

    public static string ThemeHeading(ReportThemeSection section) =>
        $"{section.Theme.Number.ToString(CultureInfo.InvariantCulture)}. {section.Theme.Title}";

    public string RollupLine(ThemeProgress progress) =>
        progress.Status is not { } status
            ? T["No actions."].Value
            : progress.PercentComplete is { } percent
                ? T["Theme status: {0} ({1} of {2} active actions completed, {3}%).", T[ActionsText.StatusLabel(status)].Value, progress.Completed, progress.Active, percent].Value
                : T["Theme status: {0} (no active actions).", T[ActionsText.StatusLabel(status)].Value].Value;

    public static string Who(ActionSummaryView action) =>
        action.Who.Length > 0 ? action.Who : string.Join(", ", action.Leads.Select(l => l.Name));

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Instant(DateTime instant) => instant.ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture) + " UTC";

    private void AppendUpdates(StringBuilder html, IReadOnlyList<StatusUpdateView> updates)
    {
        foreach (var update in updates)
        {
            html.Append("<p><strong>").Append(E(Date(update.AsOf))).Append(" – ").Append(E(T[ActionsText.StatusLabel(update.Status)])).Append("</strong> (")
                .Append(E(update.AuthorName)).Append(")</p>");
            foreach (var paragraph in update.Paragraphs)
            {
                html.Append("<p>").Append(E(paragraph)).Append("</p>");
            }
        }
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string E(LocalizedString text) => WebUtility.HtmlEncode(text.Value);
}

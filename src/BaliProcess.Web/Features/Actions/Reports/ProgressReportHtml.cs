using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions.Reports;

/// <summary>
/// The report as HTML, and the report's words for every format (title, marking, title block, status lines), so that
/// HTML, PDF, DOCX and XLSX say exactly the same: <see cref="Sections"/> is the part the report page shows inside the
/// site's layout, and <see cref="Document"/> the standalone page (with print CSS) that is downloaded and that Chromium
/// prints to PDF. Every text from the database is encoded; each table is labelled by its theme's heading and has
/// header cells, so a screen reader reads each cell with its column and its action number.
/// </summary>
public sealed class ProgressReportHtml(IStringLocalizer<ActionsText> T)
{
    /// <summary>
    /// One stylesheet for the screen and for print. Print: small type and full-width tables so the 2017 report fits a
    /// few pages; rows may split across pages (a long row kept whole leaves blank pages), but a heading stays with the
    /// start of its table and a paragraph keeps at least two lines on each side of a break.
    /// </summary>
    public const string Css = """
        @page { size: A4; margin: 17mm 11mm 14mm; }
        html { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1b1b1b; background: #fff; }
        body { margin: 0 auto; max-width: 60rem; padding: 1rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .4rem; line-height: 1.2; }
        h2 { font-size: 1.2rem; margin: 1.2rem 0 .3rem; break-after: avoid; page-break-after: avoid; }
        .title-block { border: 2px solid #1b1b1b; padding: .6rem .8rem; margin: 0 0 1rem; }
        .title-block dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0 0; }
        .title-block dt { font-weight: 700; }
        .title-block dd { margin: 0; }
        .marking { font-weight: 700; text-transform: uppercase; letter-spacing: .04em; margin: 0; }
        .rollup { break-after: avoid; page-break-after: avoid; }
        table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; table-layout: fixed; }
        col.number { width: 6%; } col.action { width: 24%; } col.who { width: 10%; } col.details { width: 60%; }
        col.changed-details { width: 70%; }
        th, td { border: 1px solid #6f6f6f; padding: .15rem .3rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        thead th { background: #e8e8e8; }
        thead { display: table-header-group; }
        tr { break-inside: auto; }
        p { margin: 0 0 .15rem; orphans: 2; widows: 2; }
        td > p:last-child { margin-bottom: 0; }
        .meta { color: #3d3d3d; }
        .status { font-weight: 700; }
        .report-number { white-space: nowrap; }
        @media print {
          html { font-size: 7.5pt; line-height: 1.2; }
          body { max-width: none; padding: 0; }
          h1 { font-size: 15pt; }
          h2 { font-size: 11pt; margin: .8rem 0 .2rem; }
          a { color: inherit; text-decoration: none; }
          thead th { background: #e8e8e8; }
        }
        """;

    /// <summary>The CSP source that allows exactly <see cref="Css"/> as an inline style.</summary>
    public static string CssHashSource { get; } = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'";

    public string Document(ProgressReport report)
    {
        var html = new StringBuilder();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(Title(report))).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append(TitleBlock(report))
            .Append(Sections(report))
            .Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    public string Title(ProgressReport report) =>
        report.Period.MeetingTitle is { } meeting
            ? T["Progress report for the {0}: {1} to {2}", meeting, Date(report.Period.From), Date(report.Period.To)].Value
            : T["Progress report: {0} to {1}", Date(report.Period.From), Date(report.Period.To)].Value;

    /// <summary>The distribution marking printed on every page: who may read an issued report, or that a draft is not issued.</summary>
    public string Marking(ProgressReport report) =>
        report.Issue is { } issue
            ? T["Report No. {0} – {1}", issue.Number, T[DistributionLabel(issue.Distribution)].Value].Value
            : T["Draft – not issued"].Value;

    public static string DistributionLabel(DistributionScope distribution) => distribution switch
    {
        DistributionScope.Public => "Public",
        DistributionScope.AllMembers => "Bali Process members only",
        _ => "Regional Support Office only",
    };

    /// <summary>The title block's facts, in order: label and value.</summary>
    public IReadOnlyList<(string Label, string Value)> Facts(ProgressReport report)
    {
        List<(string, string)> facts = [(T["Period"].Value, T["{0} to {1}", Date(report.Period.From), Date(report.Period.To)].Value)];
        if (report.Issue is { } issue)
        {
            facts.Add((T["Report number"].Value, issue.Number.ToString(CultureInfo.CurrentCulture)));
            facts.Add((T["Issued"].Value, T["{0} by {1}", Instant(issue.IssuedAt), issue.IssuedBy].Value));
            facts.Add((T["Distribution"].Value, T[DistributionLabel(issue.Distribution)].Value));
        }
        else
        {
            facts.Add((T["Status"].Value, T["Draft generated on {0}: a preview, not issued. It lists the actions you may see.", Instant(report.GeneratedAt)].Value));
        }

        facts.Add((T["Compared with"].Value, report.Previous is { } previous
            ? T["Report No. {0}, issued on {1}", previous.Number, Instant(previous.IssuedAt)].Value
            : T["No report has been issued before this one."].Value));
        facts.Add((T["Actions"].Value, report.Actions.Count().ToString(CultureInfo.CurrentCulture)));
        return facts;
    }

    public string TitleBlock(ProgressReport report)
    {
        var html = new StringBuilder("<header class=\"title-block\">\n<p class=\"marking\">").Append(E(Marking(report))).Append("</p>\n<h1>")
            .Append(E(Title(report))).Append("</h1>\n").Append(FactList(report));
        return html.Append("</header>\n").ToString();
    }

    /// <summary>The title block's facts as a description list (the report page shows it under its own heading).</summary>
    public string FactList(ProgressReport report)
    {
        var html = new StringBuilder("<p class=\"meta\">").Append(E(T["Status details are those dated within the period."])).Append("</p>\n<dl>\n");
        foreach (var (label, value) in Facts(report))
        {
            html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
        }

        return html.Append("</dl>\n").ToString();
    }

    /// <summary>What the "changed since" section says before (or instead of) its table.</summary>
    public string ChangedIntro(ProgressReport report) =>
        report.Previous is not { } previous
            ? T["No report has been issued before this one, so there is nothing to compare with."].Value
            : report.Changed.Count == 0
                ? T["No status update has been recorded since report No. {0}, issued on {1}.", previous.Number, Instant(previous.IssuedAt)].Value
                : T["Status updates recorded since report No. {0}, issued on {1}:", previous.Number, Instant(previous.IssuedAt)].Value;

    /// <summary>The first line of an action's status cell: its status, and whether it changed since the last report.</summary>
    public string StatusLine(ReportActionRow row) =>
        row.ChangedSinceLastReport.Count > 0
            ? $"{T[ActionsText.StatusLabel(row.Status)].Value} {T["(changed since the last report)"].Value}"
            : T[ActionsText.StatusLabel(row.Status)].Value;

    /// <summary>The lines of a status cell after <see cref="StatusLine"/>: each update's heading then its paragraphs.</summary>
    public IReadOnlyList<(string Text, bool Bold)> DetailLines(IReadOnlyList<ReportUpdate> updates, bool inPeriod = true)
    {
        if (updates.Count == 0 && inPeriod)
        {
            return [(T["No status update in this period."].Value, false)];
        }

        var lines = new List<(string, bool)>();
        foreach (var update in updates)
        {
            lines.Add(($"{Date(update.AsOf)} – {T[ActionsText.StatusLabel(update.Status)].Value} ({update.AuthorName})", true));
            lines.AddRange(update.Paragraphs.Select(p => (p, false)));
        }

        return lines;
    }

    /// <summary>The "changed since" section and (unless <paramref name="changedOnly"/>) one section per theme, starting at heading level 2.</summary>
    public string Sections(ProgressReport report, bool changedOnly = false)
    {
        var html = new StringBuilder();
        html.Append("<section aria-labelledby=\"changed-since\">\n<h2 id=\"changed-since\">").Append(E(T["Changed since the last report"])).Append("</h2>\n<p class=\"rollup\">")
            .Append(E(ChangedIntro(report))).Append("</p>\n");
        if (report.Changed.Count > 0)
        {
            html.Append("<table aria-labelledby=\"changed-since\">\n<colgroup><col class=\"number\"><col class=\"action\"><col class=\"changed-details\"></colgroup>\n<thead><tr><th scope=\"col\">")
                .Append(E(T["No."])).Append("</th><th scope=\"col\">").Append(E(T["Action/Recommendation"])).Append("</th><th scope=\"col\">")
                .Append(E(T["New status details"])).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var row in report.Changed)
            {
                html.Append("<tr><th scope=\"row\" class=\"report-number\">").Append(E(row.Number)).Append("</th><td>").Append(E(row.Text)).Append("</td><td>");
                AppendLines(html, DetailLines(row.ChangedSinceLastReport, inPeriod: false));
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
            var id = $"theme-{section.Number.ToString(CultureInfo.InvariantCulture)}";
            html.Append("<section aria-labelledby=\"").Append(id).Append("\">\n<h2 id=\"").Append(id).Append("\">")
                .Append(E(section.Heading)).Append("</h2>\n<p class=\"rollup\">").Append(E(RollupLine(section.Progress))).Append("</p>\n<table aria-labelledby=\"")
                .Append(id).Append("\">\n<colgroup><col class=\"number\"><col class=\"action\"><col class=\"who\"><col class=\"details\"></colgroup>\n<thead><tr><th scope=\"col\">")
                .Append(E(T["No."])).Append("</th><th scope=\"col\">").Append(E(T["Action/Recommendation"])).Append("</th><th scope=\"col\">").Append(E(T["Who"]))
                .Append("</th><th scope=\"col\">").Append(E(T["Status/Details"])).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var row in section.Actions)
            {
                html.Append("<tr><th scope=\"row\" class=\"report-number\">").Append(E(row.Number)).Append("</th><td>").Append(E(row.Text))
                    .Append("</td><td>").Append(E(row.Who)).Append("</td><td><p class=\"status\">").Append(E(StatusLine(row))).Append("</p>");
                AppendLines(html, DetailLines(row.UpdatesInPeriod));
                html.Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</section>\n");
        }

        return html.ToString();
    }

    public string RollupLine(ThemeProgress progress) =>
        progress.Status is not { } status
            ? T["No actions."].Value
            : progress.PercentComplete is { } percent
                ? T["Theme status: {0} ({1} of {2} active actions completed, {3}%).", T[ActionsText.StatusLabel(status)].Value, progress.Completed, progress.Active, percent].Value
                : T["Theme status: {0} (no active actions).", T[ActionsText.StatusLabel(status)].Value].Value;

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Instant(DateTime instant) => instant.ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture) + " UTC";

    private static void AppendLines(StringBuilder html, IReadOnlyList<(string Text, bool Bold)> lines)
    {
        foreach (var (text, bold) in lines)
        {
            html.Append(bold ? "<p><strong>" : "<p>").Append(E(text)).Append(bold ? "</strong></p>" : "</p>");
        }
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string E(LocalizedString text) => WebUtility.HtmlEncode(text.Value);
}

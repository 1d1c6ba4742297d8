using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions.Reports;

public enum ReportFormat
{
    Html,
    Pdf,
    Docx,
    Xlsx,
}

/// <summary>A generated report file.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName, ReportFormat Format);

/// <summary>
/// Generates progress reports. A preview (the report page) records nothing; each generated file is recorded as a
/// <see cref="ProgressReportRecord"/>, so that the next report can show what was recorded since ("changed since").
/// </summary>
public sealed class ProgressReportService(AppDbContext db, AuditLog audit, TimeProvider time, ChromiumPdfRenderer pdf, IStringLocalizer<ActionsText> T)
{
    public static readonly IReadOnlyList<string> FormatNames = ["html", "pdf", "docx", "xlsx"];

    public static ReportFormat? ParseFormat(string? text) =>
        string.IsNullOrWhiteSpace(text) ? ReportFormat.Html
        : Enum.TryParse<ReportFormat>(text.Trim(), ignoreCase: true, out var format) && Enum.IsDefined(format) && !text.Trim().All(char.IsDigit) ? format
        : null;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Task<CommandResult<ReportPeriod>> PeriodAsync(Viewer viewer, string? from, string? to, string? meeting, CancellationToken ct) =>
        ProgressReportBuilder.PeriodAsync(db, viewer, from, to, meeting, Today, ct);

    /// <summary>When the last report was generated, by anyone: "changed since" compares with it.</summary>
    public Task<DateTime?> LastGeneratedAtAsync(CancellationToken ct) =>
        db.Set<ProgressReportRecord>().AsNoTracking().OrderByDescending(r => r.GeneratedAt).Select(r => (DateTime?)r.GeneratedAt).FirstOrDefaultAsync(ct);

    /// <summary>The report as it would be generated now, without recording it.</summary>
    public async Task<ProgressReport> PreviewAsync(Viewer viewer, ReportPeriod period, CancellationToken ct) =>
        await ProgressReportBuilder.BuildAsync(db, viewer, period, await LastGeneratedAtAsync(ct), time.GetUtcNow().UtcDateTime, ct);

    /// <summary>Builds, renders and records one report. A PDF that cannot be made (no Chromium) is a 503 problem and is not recorded.</summary>
    public async Task<CommandResult<ReportFile>> GenerateAsync(Viewer viewer, ReportPeriod period, ReportFormat format, CancellationToken ct)
    {
        var report = await PreviewAsync(viewer, period, ct);
        var name = $"progress-report-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}";
        ReportFile file;
        switch (format)
        {
            case ReportFormat.Pdf:
                var rendered = await pdf.RenderAsync(new ProgressReportHtml(T).Document(report), new ProgressReportHtml(T).Title(report), ct);
                if (rendered.Pdf is null)
                {
                    return CommandResult<ReportFile>.Fail(Unavailable(rendered.Unavailable!));
                }

                file = new ReportFile(rendered.Pdf, "application/pdf", name + ".pdf", format);
                break;
            case ReportFormat.Docx:
                file = new ReportFile(new ProgressReportDocx(T).Write(report), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx", format);
                break;
            case ReportFormat.Xlsx:
                file = new ReportFile(await new ProgressReportXlsx(T).WriteAsync(report, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx", format);
                break;
            default:
                file = new ReportFile(System.Text.Encoding.UTF8.GetBytes(new ProgressReportHtml(T).Document(report)), "text/html; charset=utf-8", name + ".html", format);
                break;
        }

        var record = new ProgressReportRecord
        {
            From = period.From,
            To = period.To,
            GeneratedAt = report.GeneratedAt,
            GeneratedByUserId = viewer.UserId,
            Format = format.ToString().ToLowerInvariant(),
        };
        db.Add(record);
        audit.Record("actions.report.generate", nameof(ProgressReportRecord), record.Id,
            detail: $"{record.Format}; {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}; {report.Actions.Count()} actions; {report.Changed.Count} changed since the last report");
        await db.SaveChangesAsync(ct);
        return CommandResult<ReportFile>.Ok(file);
    }

    private static ProblemHttpResult Unavailable(string reason) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF output is unavailable", detail: reason);
}

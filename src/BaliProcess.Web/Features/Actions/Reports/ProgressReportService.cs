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
/// Progress reports: drafts (previews of a period, in any format) record nothing and move nothing; an RSO
/// administrator issues a report (<see cref="IssuedReport"/>), which is numbered, frozen and audited, and becomes the
/// baseline of "changed since" in the next one. Every format of a report is rendered from one <see cref="ProgressReport"/>.
/// </summary>
public sealed class ProgressReportService(AppDbContext db, AuditLog audit, TimeProvider time, ChromiumPdfRenderer pdf, IStringLocalizer<ActionsText> T)
{
    public const string IssueAction = "actions.report.issue";

    public const string IssuedReadAction = "actions.report.read";

    public static readonly IReadOnlyList<string> FormatNames = ["html", "pdf", "docx", "xlsx"];

    /// <summary>The distributions a report may be issued with; its content is built for exactly that audience.</summary>
    public static readonly IReadOnlyList<DistributionScope> Distributions = [DistributionScope.Public, DistributionScope.AllMembers, DistributionScope.OwnMember];

    public static ReportFormat? ParseFormat(string? text) =>
        string.IsNullOrWhiteSpace(text) ? ReportFormat.Html
        : Enum.TryParse<ReportFormat>(text.Trim(), ignoreCase: true, out var format) && Enum.IsDefined(format) && !text.Trim().All(char.IsDigit) ? format
        : null;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Task<CommandResult<ReportPeriod>> PeriodAsync(Viewer viewer, string? from, string? to, string? meeting, CancellationToken ct) =>
        ProgressReportBuilder.PeriodAsync(db, viewer, from, to, meeting, Today, ct);

    /// <summary>The last issued report the viewer may read: a draft's "changed since" compares with it.</summary>
    public Task<PreviousReport?> LastIssuedAsync(Viewer viewer, CancellationToken ct) =>
        db.Set<IssuedReport>().AsNoTracking().VisibleTo(viewer, db).OrderByDescending(r => r.Number)
            .Select(r => new PreviousReport(r.Number, r.IssuedAt)).FirstOrDefaultAsync(ct);

    /// <summary>The draft of a period as the viewer may read it, now: records nothing.</summary>
    public async Task<ProgressReport> DraftAsync(Viewer viewer, ReportPeriod period, CancellationToken ct) =>
        await ProgressReportBuilder.BuildAsync(db, viewer, period, await LastIssuedAsync(viewer, ct), time.GetUtcNow().UtcDateTime, ct);

    /// <summary>Issues the report of a period: numbered, frozen for its audience, audited in the same save.</summary>
    public async Task<CommandResult<IssuedReportView>> IssueAsync(Viewer issuer, IssueReportInput input, CancellationToken ct)
    {
        if (!issuer.IsPlatformAdmin || issuer.IsApiKey || issuer.UserId is not { } userId || issuer.MemberId is not { } memberId)
        {
            return CommandResult<IssuedReportView>.Fail(Problems.Forbidden("Only an RSO platform administrator may issue a progress report."));
        }

        var period = await PeriodAsync(issuer, input.From, input.To, input.Meeting, ct);
        if (!period.Succeeded && period.Problem is not null)
        {
            return CommandResult<IssuedReportView>.Fail(period.Problem);
        }

        // The period's messages and the distribution's together, so a form shows every problem at once.
        var errors = period.Invalid ?? new Validation();
        DistributionScope distribution = default;
        if (string.IsNullOrWhiteSpace(input.Distribution))
        {
            errors.Add("distribution", "Choose who may read the issued report: {0}.", string.Join(", ", Distributions));
        }
        else if (input.Distribution.Trim().All(char.IsDigit) || !Enum.TryParse(input.Distribution.Trim(), ignoreCase: true, out distribution)
                 || !Distributions.Contains(distribution))
        {
            errors.Add("distribution", "'{0}' is not a distribution a report may be issued with: use one of {1}.", input.Distribution, string.Join(", ", Distributions));
        }

        if (!errors.IsValid)
        {
            return CommandResult<IssuedReportView>.Fail(errors);
        }

        var chosen = period.Value!;
        if (await db.Set<IssuedReport>().AsNoTracking().Where(r => r.From == chosen.From && r.To == chosen.To)
                .Select(r => (int?)r.Number).FirstOrDefaultAsync(ct) is { } existing)
        {
            return CommandResult<IssuedReportView>.Fail(errors.Add("from", "Report No. {0} was already issued for {1} to {2}: a period is issued once.",
                existing, chosen.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                chosen.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var previous = await db.Set<IssuedReport>().AsNoTracking().OrderByDescending(r => r.Number)
            .Select(r => new PreviousReport(r.Number, r.IssuedAt)).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var report = await ProgressReportBuilder.BuildAsync(db, Audience(distribution, memberId), chosen, previous, now, ct);
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var issued = new IssuedReport
        {
            Number = (previous?.Number ?? 0) + 1,
            From = chosen.From,
            To = chosen.To,
            MeetingTitle = chosen.MeetingTitle,
            IssuedAt = now,
            IssuedByUserId = userId,
            IssuedByName = name.Length > 256 ? name[..256] : name,
            ActionCount = report.Actions.Count(),
            Snapshot = report.ToSnapshot(),
        };
        Ownership.Stamp(issued, memberId, null, new ResolvedScope(distribution, [], null, false), db);
        db.Add(issued);
        audit.Record(IssueAction, nameof(IssuedReport), issued.Id, subjectMember: memberId,
            detail: $"No. {issued.Number}; {chosen.From:yyyy-MM-dd} to {chosen.To:yyyy-MM-dd}; {distribution}; {issued.ActionCount} actions; {report.Changed.Count} changed since the last issued report");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator issued a report (this number or this period) at the same moment.
            return CommandResult<IssuedReportView>.Fail(Problems.Conflict("Another report was issued at the same time; reload the list of issued reports and try again."));
        }

        return CommandResult<IssuedReportView>.Ok(View(issued));
    }

    /// <summary>The issued reports the viewer may read, newest first.</summary>
    public Task<List<IssuedReportView>> IssuedListAsync(Viewer viewer, CancellationToken ct) =>
        db.Set<IssuedReport>().AsNoTracking().VisibleTo(viewer, db).OrderByDescending(r => r.Number)
            .Select(r => new IssuedReportView(r.Id, r.Number, r.From, r.To, r.MeetingTitle, r.IssuedAt, r.IssuedByName, r.Scope, r.ActionCount))
            .ToListAsync(ct);

    /// <summary>An issued report as it was issued, or null when it does not exist or the viewer may not read it (404 alike); a restricted one's read is audited.</summary>
    public async Task<ProgressReport?> IssuedAsync(Viewer viewer, Guid id, CancellationToken ct)
    {
        var issued = await db.Set<IssuedReport>().AsNoTracking().VisibleTo(viewer, db).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (issued is null)
        {
            return null;
        }

        await audit.RecordRestrictedReadAsync<IssuedReport>(IssuedReadAction, id, ct, $"No. {issued.Number}");
        return ProgressReport.FromSnapshot(issued.Snapshot, issued.Issue);
    }

    /// <summary>Renders a report in one format. A PDF that cannot be made (no Chromium) is a 503 problem.</summary>
    public async Task<CommandResult<ReportFile>> RenderAsync(ProgressReport report, ReportFormat format, CancellationToken ct)
    {
        var name = report.Issue is { } issue
            ? $"progress-report-{issue.Number}-{report.Period.From:yyyyMMdd}-{report.Period.To:yyyyMMdd}"
            : $"progress-report-draft-{report.Period.From:yyyyMMdd}-{report.Period.To:yyyyMMdd}";
        var html = new ProgressReportHtml(T);
        switch (format)
        {
            case ReportFormat.Pdf:
                var rendered = await pdf.RenderAsync(html.Document(report), html.Title(report), html.Marking(report), T["Page {0} of {1}"].Value, ct);
                return rendered.Pdf is null
                    ? CommandResult<ReportFile>.Fail(Unavailable(rendered.Unavailable!))
                    : CommandResult<ReportFile>.Ok(new ReportFile(rendered.Pdf, "application/pdf", name + ".pdf", format));
            case ReportFormat.Docx:
                return CommandResult<ReportFile>.Ok(new ReportFile(new ProgressReportDocx(T).Write(report),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx", format));
            case ReportFormat.Xlsx:
                return CommandResult<ReportFile>.Ok(new ReportFile(await new ProgressReportXlsx(T).WriteAsync(report, ct),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx", format));
            default:
                return CommandResult<ReportFile>.Ok(new ReportFile(System.Text.Encoding.UTF8.GetBytes(html.Document(report)), "text/html; charset=utf-8", name + ".html", format));
        }
    }

    /// <summary>
    /// Whom an issued report's content is built for: exactly what its readers may all see. Public: what the public
    /// sees; all members: public and all-members records (a member viewer of no member); the RSO only: what every
    /// RSO official sees (no agency, so no one agency's records).
    /// </summary>
    private static Viewer Audience(DistributionScope distribution, Guid rso) => distribution switch
    {
        DistributionScope.Public => Viewer.Anonymous,
        DistributionScope.AllMembers => new Viewer(null, Guid.Empty, null, new HashSet<string>()),
        _ => new Viewer(null, rso, null, new HashSet<string>()),
    };

    private static IssuedReportView View(IssuedReport r) =>
        new(r.Id, r.Number, r.From, r.To, r.MeetingTitle, r.IssuedAt, r.IssuedByName, r.Scope, r.ActionCount);

    private static ProblemHttpResult Unavailable(string reason) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF output is unavailable", detail: reason);
}

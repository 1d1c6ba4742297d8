using System.Globalization;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Actions.Reports;

/// <summary>The dates a report covers, inclusive; <see cref="MeetingTitle"/> when it was asked for by meeting.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, string? MeetingTitle = null);

/// <summary>A dated status detail as a report prints it: the status is translated when the report is rendered.</summary>
public sealed record ReportUpdate(DateOnly AsOf, ActionStatus Status, string AuthorName, IReadOnlyList<string> Paragraphs);

/// <summary>One action in a report: its status at the end of the period, the details written in it, and what was recorded since the last issued report.</summary>
public sealed record ReportActionRow(string Number, string Text, string Who, DateOnly? DueDate, ActionStatus Status,
    IReadOnlyList<ReportUpdate> UpdatesInPeriod, IReadOnlyList<ReportUpdate> ChangedSinceLastReport);

public sealed record ReportThemeSection(int Number, string Title, ThemeProgress Progress, IReadOnlyList<ReportActionRow> Actions)
{
    public string Heading => $"{Number.ToString(CultureInfo.InvariantCulture)}. {Title}";
}

/// <summary>The report an issued one compares with: "changed since" lists the updates recorded after it was issued.</summary>
public sealed record PreviousReport(int Number, DateTime IssuedAt);

/// <summary>How an issued report is marked: its number, when and by whom it was issued, and who may read it.</summary>
public sealed record ReportIssue(int Number, DateTime IssuedAt, string IssuedBy, DistributionScope Distribution);

/// <summary>
/// A progress report grouped by theme like the 2017 report: the one model every output format renders (HTML, PDF,
/// DOCX, XLSX), so they all say the same. It holds only values (no entity, no translated text), so an issued report
/// keeps it as its frozen snapshot and reads the same forever; labels are translated when it is rendered.
/// </summary>
/// <param name="Issue">Null for a draft preview, which records nothing.</param>
public sealed record ProgressReport(ReportPeriod Period, DateTime GeneratedAt, PreviousReport? Previous, IReadOnlyList<ReportThemeSection> Themes,
    ReportIssue? Issue = null)
{
    public IEnumerable<ReportActionRow> Actions => Themes.SelectMany(t => t.Actions);

    public IReadOnlyList<ReportActionRow> Changed => Actions.Where(a => a.ChangedSinceLastReport.Count > 0).ToList();

    private static readonly JsonSerializerOptions SnapshotOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The content frozen when a report is issued (without its marking, which the issued report's row holds).</summary>
    public string ToSnapshot() => JsonSerializer.Serialize(this with { Issue = null }, SnapshotOptions);

    public static ProgressReport FromSnapshot(string snapshot, ReportIssue issue) =>
        (JsonSerializer.Deserialize<ProgressReport>(snapshot, SnapshotOptions) ?? throw new InvalidDataException("An issued report's snapshot is empty.")) with { Issue = issue };
}

public static class ProgressReportBuilder
{
    private static readonly DateOnly EarliestDate = new(2002, 1, 1);

    /// <summary>
    /// Reads the period of a request: <paramref name="meeting"/> (an id) means from the day after the previous senior
    /// officials' meeting (or a year before, if none) to the day the meeting starts; otherwise <paramref name="from"/>
    /// and <paramref name="to"/> (YYYY-MM-DD), by default the twelve months up to today.
    /// </summary>
    public static async Task<CommandResult<ReportPeriod>> PeriodAsync(AppDbContext db, Viewer viewer, string? from, string? to, string? meeting,
        DateOnly today, CancellationToken ct)
    {
        var errors = new Validation();
        if (!string.IsNullOrWhiteSpace(meeting))
        {
            if (!Guid.TryParse(meeting.Trim(), out var meetingId))
            {
                return CommandResult<ReportPeriod>.Fail(errors.Add("meeting", "'{0}' is not a meeting id.", meeting));
            }

            var found = await db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db).Where(m => m.Id == meetingId)
                .Select(m => new { m.Title, m.StartDate }).FirstOrDefaultAsync(ct);
            if (found is null)
            {
                return CommandResult<ReportPeriod>.Fail(Problems.NotFound("meeting"));
            }

            // The same rule as the dashboard's "not updated since", so that a report and the dashboard agree.
            var previous = await ActionDashboard.SeniorOfficialsMeetings(db, viewer)
                .Where(m => m.StartDate < found.StartDate)
                .OrderByDescending(m => m.StartDate).Select(m => (DateOnly?)m.EndDate).FirstOrDefaultAsync(ct);
            var start = previous is { } end && end < found.StartDate ? end.AddDays(1) : found.StartDate.AddYears(-1);
            return CommandResult<ReportPeriod>.Ok(new ReportPeriod(start, found.StartDate, found.Title));
        }

        var toDate = today;
        if (!string.IsNullOrWhiteSpace(to) && !ActionCommands.TryParseDate(to, out toDate))
        {
            errors.Add("to", "'{0}' is not a date: write it as YYYY-MM-DD.", to);
        }

        var fromDate = toDate.AddYears(-1).AddDays(1);
        if (!string.IsNullOrWhiteSpace(from) && !ActionCommands.TryParseDate(from, out fromDate))
        {
            errors.Add("from", "'{0}' is not a date: write it as YYYY-MM-DD.", from);
        }

        if (errors.IsValid && fromDate > toDate)
        {
            errors.Add("from", "The period starts ({0}) after it ends ({1}).", fromDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                toDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (errors.IsValid && toDate < EarliestDate)
        {
            errors.Add("to", "The period must end in 2002 or later, when the Bali Process began.");
        }

        return errors.IsValid ? CommandResult<ReportPeriod>.Ok(new ReportPeriod(fromDate, toDate)) : CommandResult<ReportPeriod>.Fail(errors);
    }

    /// <summary>
    /// The report as <paramref name="audience"/> may read it: every action the access rule lets through, and nothing
    /// else. "Changed since" lists the updates recorded after <paramref name="previous"/> was issued.
    /// </summary>
    public static async Task<ProgressReport> BuildAsync(AppDbContext db, Viewer audience, ReportPeriod period, PreviousReport? previous, DateTime now,
        CancellationToken ct)
    {
        var actions = await ActionQueries.SummariesAsync(db, ActionAccess.Readable(db, audience), ct);
        var updates = await ActionQueries.UpdatesAsync(db, actions.Select(a => a.Id).ToList(), ct);
        var sections = new List<ReportThemeSection>();
        foreach (var theme in actions.GroupBy(a => a.Theme))
        {
            var rows = new List<ReportActionRow>();
            foreach (var action in theme)
            {
                var history = updates.GetValueOrDefault(action.Id) ?? [];
                var known = history.Where(u => u.AsOf <= period.To).ToList();
                if (history.Count > 0 && known.Count == 0)
                {
                    // Every word about this action is dated after the period: it had not reached the tracker yet.
                    continue;
                }

                var status = known.Count > 0 ? known[0].Status : action.Status;
                var inPeriod = known.Where(u => u.AsOf >= period.From).OrderBy(u => u.AsOf).ThenBy(u => u.RecordedAt).Select(Line).ToList();
                var changed = previous is { } since
                    ? history.Where(u => u.RecordedAt > since.IssuedAt).OrderBy(u => u.AsOf).ThenBy(u => u.RecordedAt).Select(Line).ToList()
                    : [];
                rows.Add(new ReportActionRow(action.Number, action.Text, Who(action), action.DueDate, status, inPeriod, changed));
            }

            if (rows.Count > 0)
            {
                sections.Add(new ReportThemeSection(theme.Key.Number, theme.Key.Title, ThemeRollup.Compute(rows.Select(r => r.Status).ToList()), rows));
            }
        }

        return new ProgressReport(period, now, previous, sections);
    }

    private static ReportUpdate Line(StatusUpdateView update) => new(update.AsOf, update.Status, update.AuthorName, update.Paragraphs);

    private static string Who(ActionSummaryView action) =>
        action.Who.Length > 0 ? action.Who : string.Join(", ", action.Leads.Select(l => l.Name));
}

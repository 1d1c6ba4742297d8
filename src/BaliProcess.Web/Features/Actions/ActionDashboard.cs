using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Actions;

public sealed record ThemeStatusRow(ActionThemeView Theme, IReadOnlyDictionary<ActionStatus, int> Counts, ThemeProgress Progress, IReadOnlyList<ActionSummaryView> Actions);

/// <summary>The dashboard: counts by theme and status, what needs attention, and the viewer's own actions.</summary>
/// <param name="NotUpdatedSince">The date "not updated since" compares with: the chosen date or the last senior officials' meeting.</param>
/// <param name="SinceMeetingTitle">The meeting that date comes from, when it was not chosen.</param>
/// <param name="Mine">Actions the viewer's member leads; null for a reader without a member.</param>
public sealed record DashboardView(
    IReadOnlyList<ThemeStatusRow> Themes,
    IReadOnlyDictionary<ActionStatus, int> Totals,
    IReadOnlyList<ActionSummaryView> Overdue,
    IReadOnlyList<ActionSummaryView> NotUpdated,
    DateOnly? NotUpdatedSince,
    string? SinceMeetingTitle,
    IReadOnlyList<ActionSummaryView>? Mine);

public static class ActionDashboard
{
    /// <summary>The directory's code of the Senior Officials' Meeting.</summary>
    public const string SeniorOfficialsBodyCode = "SOM";

    /// <summary>
    /// The senior officials' meetings the reader may see: the meetings of the Senior Officials' Meeting (body SOM), and
    /// every meeting whose title says "senior officials" in any case, such as the Ad Hoc Group Senior Officials' Meetings.
    /// </summary>
    public static IQueryable<Meeting> SeniorOfficialsMeetings(AppDbContext db, Viewer viewer) =>
        db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db)
            .Where(m => m.Title.ToLower().Contains("senior officials")
                || db.Set<Body>().Any(b => b.Id == m.BodyId && b.Code == SeniorOfficialsBodyCode));

    public static async Task<DashboardView> LoadAsync(AppDbContext db, Viewer viewer, DateOnly? chosenSince, DateOnly today, CancellationToken ct)
    {
        var all = await ActionQueries.SummariesAsync(db, ActionAccess.Readable(db, viewer), ct);
        var themes = all.GroupBy(a => a.Theme)
            .Select(g => new ThemeStatusRow(g.Key, Count(g), ThemeRollup.Compute(g.Select(a => a.Status).ToList()), g.ToList()))
            .ToList();

        var overdue = all.Where(a => ActionStatuses.ExpectsUpdates(a.Status) && a.DueDate < today).OrderBy(a => a.DueDate).ToList();

        var since = chosenSince;
        string? meetingTitle = null;
        if (since is null && await ActionQueries.LastSeniorOfficialsMeetingAsync(db, viewer, today, ct) is { } meeting)
        {
            since = meeting.StartDate;
            meetingTitle = meeting.Title;
        }

        var notUpdated = since is { } date
            ? all.Where(a => ActionStatuses.ExpectsUpdates(a.Status)
                && (a.LastUpdatedAt is null || a.LastUpdatedAt < date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))).ToList()
            : [];

        List<ActionSummaryView>? mine = null;
        if (viewer.MemberId is { } member)
        {
            var led = await ActionAccess.LedByAsync(ActionAccess.Readable(db, viewer), db, member, ct);
            var ids = (await ActionQueries.SummariesAsync(db, led, ct)).Select(a => a.Id).ToHashSet();
            mine = all.Where(a => ids.Contains(a.Id)).ToList();
        }

        return new DashboardView(themes, Count(all), overdue, notUpdated, since, meetingTitle, mine);
    }

    private static Dictionary<ActionStatus, int> Count(IEnumerable<ActionSummaryView> actions)
    {
        var counts = Enum.GetValues<ActionStatus>().ToDictionary(s => s, _ => 0);
        foreach (var action in actions)
        {
            counts[action.Status]++;
        }

        return counts;
    }
}

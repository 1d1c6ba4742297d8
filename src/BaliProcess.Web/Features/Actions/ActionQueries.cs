using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Actions;

public sealed record ActionThemeView(Guid Id, int Number, string Title, string Strategy);

/// <summary>A lead or funder as shown: the directory's name and code when it resolved, the words of the report otherwise.</summary>
public sealed record ActionPartyView(PartyRole Role, string Name, string? MemberCode, string? BodyCode);

public sealed record ActionSummaryView(Guid Id, string Number, string Text, ActionThemeView Theme, string Who, IReadOnlyList<ActionPartyView> Leads,
    IReadOnlyList<ActionPartyView> Funders, ActionStatus Status, DateOnly? DueDate, DateOnly? LastUpdateAsOf, DateTime? LastUpdatedAt,
    DistributionScope Scope, bool IsDraft);

public sealed record StatusUpdateView(Guid Id, DateOnly AsOf, ActionStatus Status, string Narrative, string AuthorName, string? AuthorMemberCode,
    DateTime RecordedAt, Guid? SourceDocumentId)
{
    /// <summary>The narrative's paragraphs (imported details keep the report's paragraphs, separated by blank lines).</summary>
    public IReadOnlyList<string> Paragraphs => Narrative.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed record IndicatorValueView(Guid Id, DateOnly AsOf, double Value, string? Note);

public sealed record IndicatorView(Guid Id, string Name, string Unit, double? Target, IReadOnlyList<IndicatorValueView> Values);

public static class IndicatorViews
{
    /// <summary>An indicator with its values in date order (as the chart draws them).</summary>
    public static IndicatorView Of(Indicator i) =>
        new(i.Id, i.Name, i.Unit, i.Target, i.Values.OrderBy(v => v.AsOf).ThenBy(v => v.Id).Select(v => new IndicatorValueView(v.Id, v.AsOf, v.Value, v.Note)).ToList());
}

/// <summary>Where the action comes from; the document's title only when the reader may see the document.</summary>
public sealed record ActionOriginView(Guid? DocumentId, string? DocumentTitle, Guid? MeetingId, string? OutcomeText);

public sealed record ActionDetailView(ActionSummaryView Action, ActionOriginView? Origin, IReadOnlyList<StatusUpdateView> Updates,
    IReadOnlyList<IndicatorView> Indicators, bool CanUpdate);

/// <summary>Filters of <c>GET /api/actions</c> and the dashboard; each is optional.</summary>
/// <param name="Theme">A theme number ("3") or id.</param>
/// <param name="Lead">A member or body code ("AUS", "WG-TIP").</param>
/// <param name="UpdatedSince">Only actions whose last update was recorded on or after this date.</param>
public sealed record ActionFilters(string? Theme = null, ActionStatus? Status = null, string? Lead = null, DateOnly? UpdatedSince = null);

/// <summary>Every read of the Actions module. Each starts from <see cref="ActionAccess.Readable"/>: lists, details, counts, reports, search and mail alike.</summary>
public static class ActionQueries
{
    public static async Task<List<ActionSummaryView>> ListAsync(AppDbContext db, Viewer viewer, ActionFilters filters, CancellationToken ct)
    {
        var actions = ActionAccess.Readable(db, viewer);
        if (!string.IsNullOrWhiteSpace(filters.Theme))
        {
            var theme = filters.Theme.Trim();
            if (int.TryParse(theme, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                actions = actions.Where(a => db.Set<ActionTheme>().Any(t => t.Id == a.ThemeId && t.Number == number));
            }
            else if (Guid.TryParse(theme, out var themeId))
            {
                actions = actions.Where(a => a.ThemeId == themeId);
            }
            else
            {
                return [];
            }
        }

        if (filters.Status is { } status)
        {
            actions = actions.Where(a => a.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filters.Lead))
        {
            var code = filters.Lead.Trim().ToUpperInvariant();
            var memberId = await db.Set<Member>().Where(m => m.Code == code).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
            var bodyId = await db.Set<Body>().Where(b => b.Code == code).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct);
            if (memberId is null && bodyId is null)
            {
                return [];
            }

            actions = actions.Where(a => a.Parties.Any(p => p.Role == PartyRole.Lead
                && ((memberId != null && p.MemberId == memberId) || (bodyId != null && p.BodyId == bodyId))));
        }

        if (filters.UpdatedSince is { } since)
        {
            var instant = since.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            actions = actions.Where(a => a.LastUpdatedAt >= instant);
        }

        return await SummariesAsync(db, actions, ct);
    }

    /// <summary>Loads the actions of a query with their theme, parties and last update date, ordered by theme and number.</summary>
    public static async Task<List<ActionSummaryView>> SummariesAsync(AppDbContext db, IQueryable<TrackedAction> actions, CancellationToken ct)
    {
        var rows = await actions.AsNoTracking().Include(a => a.Parties).AsSplitQuery().ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(a => a.Id).ToList();
        var themeIds = rows.Select(a => a.ThemeId).Distinct().ToList();
        var themes = await db.Set<ActionTheme>().AsNoTracking().Where(t => themeIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => new ActionThemeView(t.Id, t.Number, t.Title, t.Strategy), ct);
        var lastAsOf = await db.Set<StatusUpdate>().AsNoTracking().Where(u => ids.Contains(u.ActionId))
            .GroupBy(u => u.ActionId)
            .Select(g => new { ActionId = g.Key, AsOf = g.Max(u => u.AsOf) })
            .ToDictionaryAsync(x => x.ActionId, x => x.AsOf, ct);
        var names = await PartyNamesAsync(db, rows.SelectMany(a => a.Parties), ct);

        return rows
            .Select(a => Summary(a, themes[a.ThemeId], lastAsOf.TryGetValue(a.Id, out var asOf) ? asOf : null, names))
            .OrderBy(a => a.Theme.Strategy, StringComparer.Ordinal).ThenBy(a => a.Theme.Number)
            .ThenBy(a => a.Number, ActionNumberComparer.Instance)
            .ToList();
    }

    public static async Task<ActionDetailView?> DetailAsync(AppDbContext db, Viewer viewer, Guid id, CancellationToken ct)
    {
        var summary = (await SummariesAsync(db, ActionAccess.Readable(db, viewer).Where(a => a.Id == id), ct)).SingleOrDefault();
        if (summary is null)
        {
            return null;
        }

        var action = await db.Set<TrackedAction>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.OriginDocumentId, a.OriginOutcomeId }).SingleAsync(ct);
        var updates = await UpdatesAsync(db, [id], ct);
        var indicators = await db.Set<Indicator>().AsNoTracking().Where(i => i.ActionId == id).Include(i => i.Values).OrderBy(i => i.Name).ToListAsync(ct);
        var origin = await OriginAsync(db, viewer, action.OriginDocumentId, action.OriginOutcomeId, ct);
        return new ActionDetailView(
            summary,
            origin,
            updates.GetValueOrDefault(id) ?? [],
            indicators.Select(IndicatorViews.Of).ToList(),
            await ActionAccess.CanUpdateAsync(db, viewer, id, ct));
    }

    /// <summary>The status history of each action, newest first (by the date it speaks for, then by when it was recorded).</summary>
    public static async Task<Dictionary<Guid, List<StatusUpdateView>>> UpdatesAsync(AppDbContext db, IReadOnlyCollection<Guid> actionIds, CancellationToken ct)
    {
        var updates = await db.Set<StatusUpdate>().AsNoTracking().Where(u => actionIds.Contains(u.ActionId)).ToListAsync(ct);
        var memberIds = updates.Where(u => u.AuthorMemberId != null).Select(u => u.AuthorMemberId!.Value).Distinct().ToList();
        var codes = await db.Set<Member>().AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Code, ct);
        return updates
            .GroupBy(u => u.ActionId)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(u => u.AsOf).ThenByDescending(u => u.RecordedAt)
                    .Select(u => new StatusUpdateView(u.Id, u.AsOf, u.Status, u.Narrative, u.AuthorName,
                        u.AuthorMemberId is { } m ? codes.GetValueOrDefault(m) : null, u.RecordedAt, u.SourceDocumentId))
                    .ToList());
    }

    /// <summary>
    /// The latest senior officials' meeting (<see cref="ActionDashboard.SeniorOfficialsMeetings"/>) the reader may see that has started by
    /// <paramref name="today"/>.
    /// </summary>
    public static Task<Meeting?> LastSeniorOfficialsMeetingAsync(AppDbContext db, Viewer viewer, DateOnly today, CancellationToken ct) =>
        ActionDashboard.SeniorOfficialsMeetings(db, viewer)
            .Where(m => m.StartDate <= today)
            .OrderByDescending(m => m.StartDate).ThenBy(m => m.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The themes the viewer may know of: a theme is seen through an action the viewer may read, so a theme that an
    /// import of a restricted report created is as restricted as its actions. A theme without any action yet is a
    /// heading the RSO administrator created on the planning page, which carries no member's data, and is shown to all.
    /// </summary>
    public static Task<List<ActionThemeView>> ThemesAsync(AppDbContext db, Viewer viewer, CancellationToken ct)
    {
        var readable = ActionAccess.Readable(db, viewer);
        var all = db.Set<TrackedAction>();
        return db.Set<ActionTheme>().AsNoTracking()
            .Where(t => readable.Any(a => a.ThemeId == t.Id) || !all.Any(a => a.ThemeId == t.Id))
            .OrderBy(t => t.Strategy).ThenBy(t => t.Number)
            .Select(t => new ActionThemeView(t.Id, t.Number, t.Title, t.Strategy)).ToListAsync(ct);
    }

    private static ActionSummaryView Summary(TrackedAction a, ActionThemeView theme, DateOnly? lastAsOf, IReadOnlyDictionary<(Guid?, Guid?), (string Name, string? MemberCode, string? BodyCode)> names)
    {
        ActionPartyView View(ActionParty p) =>
            names.TryGetValue((p.MemberId, p.BodyId), out var n) && (p.MemberId != null || p.BodyId != null)
                ? new ActionPartyView(p.Role, n.Name, n.MemberCode, n.BodyCode)
                : new ActionPartyView(p.Role, p.Label, null, null);

        var parties = a.Parties.OrderBy(p => p.Position).ToList();
        return new ActionSummaryView(a.Id, a.Number, a.Text, theme, a.WhoText,
            parties.Where(p => p.Role == PartyRole.Lead).Select(View).ToList(),
            parties.Where(p => p.Role == PartyRole.Funder).Select(View).ToList(),
            a.Status, a.DueDate, lastAsOf, a.LastUpdatedAt, a.Scope, a.IsDraft);
    }

    private static async Task<Dictionary<(Guid?, Guid?), (string Name, string? MemberCode, string? BodyCode)>> PartyNamesAsync(
        AppDbContext db, IEnumerable<ActionParty> parties, CancellationToken ct)
    {
        var list = parties.ToList();
        var memberIds = list.Where(p => p.MemberId != null).Select(p => p.MemberId!.Value).Distinct().ToList();
        var bodyIds = list.Where(p => p.BodyId != null).Select(p => p.BodyId!.Value).Distinct().ToList();
        var members = await db.Set<Member>().AsNoTracking().Where(m => memberIds.Contains(m.Id)).Select(m => new { m.Id, m.Code, m.Name }).ToListAsync(ct);
        var bodies = await db.Set<Body>().AsNoTracking().Where(b => bodyIds.Contains(b.Id)).Select(b => new { b.Id, b.Code, b.Name }).ToListAsync(ct);
        var names = new Dictionary<(Guid?, Guid?), (string, string?, string?)>();
        foreach (var p in list)
        {
            var member = members.FirstOrDefault(m => m.Id == p.MemberId);
            var body = bodies.FirstOrDefault(b => b.Id == p.BodyId);
            if (member is not null || body is not null)
            {
                names[(p.MemberId, p.BodyId)] = member is not null ? (member.Name, member.Code, body?.Code) : (body!.Name, null, body.Code);
            }
        }

        return names;
    }

    private static async Task<ActionOriginView?> OriginAsync(AppDbContext db, Viewer viewer, Guid? documentId, Guid? outcomeId, CancellationToken ct)
    {
        if (documentId is null && outcomeId is null)
        {
            return null;
        }

        var title = documentId is { } d
            ? await db.Set<LibraryDocument>().AsNoTracking().VisibleTo(viewer, db).Where(x => x.Id == d).Select(x => x.Title).FirstOrDefaultAsync(ct)
            : null;
        var outcome = outcomeId is { } o
            ? await (from x in db.Set<MeetingOutcome>().AsNoTracking()
                     where x.Id == o
                     join m in db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db) on x.MeetingId equals m.Id
                     select new { x.MeetingId, x.Text }).FirstOrDefaultAsync(ct)
            : null;
        return title is null && outcome is null
            ? null
            : new ActionOriginView(title is null ? null : documentId, title, outcome?.MeetingId, outcome?.Text);
    }
}

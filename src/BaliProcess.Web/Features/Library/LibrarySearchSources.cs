using System.Globalization;
using BaliProcess.Search;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Library;

/// <summary>Documents in the platform's search: the extracted text, in the document's language, under the document's own scope.</summary>
public sealed class DocumentSearchSource : ISearchSource
{
    public const string SourceName = "document";

    public string Name => SourceName;

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var documents = await db.Set<LibraryDocument>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
        var grants = await LibrarySearch.GrantsAsync(db, ids, cancellationToken);

        // A document's body and members are those of the meeting it (or the original it translates) reports.
        var families = documents.Select(d => d.TranslationOfId ?? d.Id).Distinct().ToList();
        var meetings = await (from x in db.Set<MeetingSource>().AsNoTracking()
                              where families.Contains(x.DocumentId)
                              join m in db.Set<Meeting>() on x.MeetingId equals m.Id
                              select new
                              {
                                  Source = x.DocumentId,
                                  Body = db.Set<Body>().Where(b => b.Id == m.BodyId).Select(b => b.Code).FirstOrDefault(),
                                  Members = (from p in db.Set<MeetingParticipant>()
                                             where p.MeetingId == m.Id
                                             join member in db.Set<Member>() on p.MemberId equals (Guid?)member.Id
                                             select member.Code).ToList(),
                              })
            .ToListAsync(cancellationToken);

        return documents.Select(d =>
            {
                var meeting = meetings.FirstOrDefault(m => m.Source == (d.TranslationOfId ?? d.Id));
                return new SearchDocument(
                    SearchIds.For(SourceName, d.Id),
                    SourceName,
                    d.Title,
                    d.Text,
                    d.Language,
                    d.Date?.Year,
                    d.Date?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    meeting?.Body is { } body ? [body] : [],
                    meeting?.Members ?? [],
                    AccessRule.RecordTokens(d, grants[d.Id]),
                    $"/Library/Documents/{d.Id}");
            })
            .ToList();
    }

    public async Task<IReadOnlyList<Guid>> AllIdsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<LibraryDocument>().Select(d => d.Id).ToListAsync(cancellationToken);
}

/// <summary>Meetings in the platform's search: title, place, dates, agenda and who attended.</summary>
public sealed class MeetingSearchSource : ISearchSource
{
    public const string SourceName = "meeting";

    public string Name => SourceName;

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var meetings = await db.Set<Meeting>().AsNoTracking().Include(m => m.AgendaItems).Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        var facts = await LibrarySearch.MeetingFactsAsync(db, ids, cancellationToken);
        var grants = await LibrarySearch.GrantsAsync(db, ids, cancellationToken);
        return meetings.Select(m =>
            {
                var fact = facts.GetValueOrDefault(m.Id) ?? LibrarySearch.MeetingFacts.None;
                var text = string.Join(". ", new[]
                {
                    m.Title,
                    fact.BodyName,
                    m.Place,
                    LibraryText.DateRange(m.StartDate, m.EndDate, CultureInfo.InvariantCulture),
                    m.Format is null ? null : LibraryText.FormatLabel(m.Format),
                    string.Join("; ", m.AgendaItems.OrderBy(a => a.Number).Select(a => a.Title)),
                    string.Join(", ", fact.MemberNames),
                }.Where(p => !string.IsNullOrWhiteSpace(p)));
                return new SearchDocument(
                    SearchIds.For(SourceName, m.Id),
                    SourceName,
                    m.Title,
                    text,
                    "en",
                    m.StartDate.Year,
                    m.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    fact.BodyCode is { } body ? [body] : [],
                    fact.MemberCodes,
                    AccessRule.RecordTokens(m, grants[m.Id]),
                    $"/Meetings/{m.Id}");
            })
            .ToList();
    }

    public async Task<IReadOnlyList<Guid>> AllIdsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<Meeting>().Select(m => m.Id).ToListAsync(cancellationToken);
}

/// <summary>
/// A meeting's outcomes, each its own search result linking to its place on the meeting page. An outcome has no
/// scope of its own: it is visible exactly when its meeting is.
/// </summary>
public sealed class OutcomeSearchSource : ISearchSource
{
    public const string SourceName = "outcome";
    private const int TitleLength = 140;

    public string Name => SourceName;

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await (from o in db.Set<MeetingOutcome>().AsNoTracking()
                          where ids.Contains(o.Id)
                          join m in db.Set<Meeting>() on o.MeetingId equals m.Id
                          select new { Outcome = o, Meeting = m })
            .ToListAsync(cancellationToken);
        var meetingIds = rows.Select(r => r.Meeting.Id).Distinct().ToList();
        var facts = await LibrarySearch.MeetingFactsAsync(db, meetingIds, cancellationToken);
        var grants = await LibrarySearch.GrantsAsync(db, meetingIds, cancellationToken);
        return rows.Select(r =>
            {
                var fact = facts.GetValueOrDefault(r.Meeting.Id) ?? LibrarySearch.MeetingFacts.None;
                var text = r.Outcome.Text;
                var title = $"{LibraryText.VerbLabel(r.Outcome.Verb)}: {(text.Length <= TitleLength ? text : text[..TitleLength].TrimEnd() + "…")}";
                return new SearchDocument(
                    SearchIds.For(SourceName, r.Outcome.Id),
                    SourceName,
                    title,
                    $"{text}\n{r.Meeting.Title}",
                    "en",
                    r.Meeting.StartDate.Year,
                    r.Meeting.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    fact.BodyCode is { } body ? [body] : [],
                    fact.MemberCodes,
                    AccessRule.RecordTokens(r.Meeting, grants[r.Meeting.Id]),
                    $"/Meetings/{r.Meeting.Id}#outcome-{r.Outcome.Sequence}");
            })
            .ToList();
    }

    public async Task<IReadOnlyList<Guid>> AllIdsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<MeetingOutcome>().Select(o => o.Id).ToListAsync(cancellationToken);
}

/// <summary>Activities of the timeline in the platform's search.</summary>
public sealed class ActivitySearchSource : ISearchSource
{
    public const string SourceName = "activity";

    public string Name => SourceName;

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Activity>().AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                Activity = a,
                Body = db.Set<Body>().Where(b => b.Id == a.BodyId).Select(b => new { b.Code, b.Name }).FirstOrDefault(),
                Coordinator = db.Set<Member>().Where(m => m.Id == a.CoordinatorMemberId).Select(m => new { m.Code, m.Name }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var grants = await LibrarySearch.GrantsAsync(db, ids, cancellationToken);
        return rows.Select(r =>
            {
                var a = r.Activity;
                var text = string.Join(". ", new[] { a.Title, a.Place, r.Coordinator?.Name, r.Body?.Name, a.Produced }.Where(p => !string.IsNullOrWhiteSpace(p)));
                return new SearchDocument(
                    SearchIds.For(SourceName, a.Id),
                    SourceName,
                    a.Title,
                    text,
                    "en",
                    a.Year,
                    new DateTime(a.Year, Math.Clamp(a.Month, 1, 12), 1, 0, 0, 0, DateTimeKind.Utc),
                    r.Body is null ? [] : [r.Body.Code],
                    r.Coordinator is null ? [] : [r.Coordinator.Code],
                    AccessRule.RecordTokens(a, grants[a.Id]),
                    $"/Activities?year={a.Year}#activity-{a.Id:N}");
            })
            .ToList();
    }

    public async Task<IReadOnlyList<Guid>> AllIdsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<Activity>().Select(a => a.Id).ToListAsync(cancellationToken);
}

internal static class LibrarySearch
{
    public sealed record MeetingFacts(string? BodyCode, string? BodyName, IReadOnlyList<string> MemberCodes, IReadOnlyList<string> MemberNames)
    {
        public static readonly MeetingFacts None = new(null, null, [], []);
    }

    public static async Task<ILookup<Guid, Guid>> GrantsAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await db.Set<ScopeGrant>().AsNoTracking().Where(g => ids.Contains(g.RecordId)).ToListAsync(ct)).ToLookup(g => g.RecordId, g => g.MemberId);

    /// <summary>The body and the participants (codes and names) of each meeting.</summary>
    public static async Task<Dictionary<Guid, MeetingFacts>> MeetingFactsAsync(AppDbContext db, IReadOnlyCollection<Guid> meetingIds, CancellationToken ct)
    {
        var bodies = await (from m in db.Set<Meeting>().AsNoTracking()
                            where meetingIds.Contains(m.Id)
                            join b in db.Set<Body>() on m.BodyId equals b.Id into found
                            from b in found.DefaultIfEmpty()
                            select new { m.Id, Code = b == null ? null : b.Code, Name = b == null ? null : b.Name })
            .ToListAsync(ct);
        var participants = await (from p in db.Set<MeetingParticipant>().AsNoTracking()
                                  where meetingIds.Contains(p.MeetingId)
                                  join member in db.Set<Member>() on p.MemberId equals (Guid?)member.Id into linked
                                  from member in linked.DefaultIfEmpty()
                                  select new { p.MeetingId, Code = member == null ? null : member.Code, Name = member == null ? p.Name : member.Name })
            .ToListAsync(ct);
        var byMeeting = participants.ToLookup(p => p.MeetingId);
        return bodies.ToDictionary(b => b.Id, b => new MeetingFacts(
            b.Code, b.Name,
            byMeeting[b.Id].Where(p => p.Code != null).Select(p => p.Code!).Order(StringComparer.Ordinal).ToList(),
            // An unlinked participant is found by the name the document used.
            byMeeting[b.Id].Where(p => !string.IsNullOrEmpty(p.Name)).Select(p => p.Name!).Order(StringComparer.Ordinal).ToList()));
    }
}

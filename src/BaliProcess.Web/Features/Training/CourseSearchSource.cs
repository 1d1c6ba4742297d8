using BaliProcess.Search;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Training;

/// <summary>
/// Courses in the platform's search: title, summary, themes, audiences, places of their sessions and the provider,
/// under the course's own scope (a session has none of its own, so it is indexed with its course).
/// </summary>
public sealed class CourseSearchSource : ISearchSource
{
    public const string SourceName = "course";

    public string Name => SourceName;

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await (from c in db.Set<Course>().AsNoTracking()
                          where ids.Contains(c.Id)
                          join m in db.Set<Member>() on c.OwnerMemberId equals m.Id
                          select new { Course = c, m.Code, m.Name })
            .ToListAsync(cancellationToken);
        var sessions = (await db.Set<CourseSession>().AsNoTracking().Where(s => ids.Contains(s.CourseId)).ToListAsync(cancellationToken)).ToLookup(s => s.CourseId);
        var terms = await db.Set<TrainingTerm>().AsNoTracking().ToDictionaryAsync(t => (t.List, t.Code), cancellationToken);
        var grants = (await db.Set<ScopeGrant>().AsNoTracking().Where(g => ids.Contains(g.RecordId)).ToListAsync(cancellationToken)).ToLookup(g => g.RecordId, g => g.MemberId);

        string Names(TermList list, IEnumerable<string> codes) =>
            string.Join(", ", codes.Select(c => terms.TryGetValue((list, c), out var t) ? $"{t.NameEn} ({t.NameId})" : c));

        return rows.Select(r =>
            {
                var c = r.Course;
                var first = sessions[c.Id].OrderBy(s => s.StartDate).FirstOrDefault();
                var text = string.Join(". ", new[]
                {
                    c.Summary,
                    Names(TermList.Theme, c.Themes),
                    Names(TermList.Audience, c.Audiences),
                    r.Name,
                    string.Join("; ", sessions[c.Id].Select(s => s.Place).Where(p => p is not null).Distinct()),
                }.Where(p => !string.IsNullOrWhiteSpace(p)));
                var date = (first?.StartDate ?? DateOnly.FromDateTime(c.CreatedAt)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                return new SearchDocument(
                    SearchIds.For(SourceName, c.Id),
                    SourceName,
                    c.Title,
                    text,
                    c.Languages.FirstOrDefault() ?? "en",
                    date.Year,
                    date,
                    [],
                    [r.Code],
                    AccessRule.RecordTokens(c, grants[c.Id]),
                    $"/Training/Courses/{c.Id}");
            })
            .ToList();
    }

    public async Task<IReadOnlyList<Guid>> AllIdsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<Course>().Select(c => c.Id).ToListAsync(cancellationToken);
}

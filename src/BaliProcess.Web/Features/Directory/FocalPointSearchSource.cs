using BaliProcess.Search;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Directory;

/// <summary>Focal points in the platform's search, under their own distribution scope.</summary>
public sealed class FocalPointSearchSource : ISearchSource
{
    public const string SourceName = "focalpoint";

    public string Name => SourceName;

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await (from f in db.Set<FocalPoint>().AsNoTracking()
                          where ids.Contains(f.Id)
                          join m in db.Set<Member>() on f.OwnerMemberId equals m.Id
                          select new { FocalPoint = f, m.Code, m.Name, Body = db.Set<Body>().Where(b => b.Id == f.BodyId).Select(b => b.Code).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var grants = await db.Set<ScopeGrant>().Where(g => ids.Contains(g.RecordId)).ToListAsync(cancellationToken);
        return rows.Select(r => new SearchDocument(
                SearchIds.For(SourceName, r.FocalPoint.Id),
                "focal point",
                $"{r.FocalPoint.PersonName} – {r.FocalPoint.Role}",
                $"{r.FocalPoint.PersonName}, {r.FocalPoint.Role}, {r.Name}",
                "en",
                r.FocalPoint.CreatedAt.Year,
                r.FocalPoint.CreatedAt,
                r.Body is null ? [] : [r.Body],
                [r.Code],
                AccessRule.RecordTokens(r.FocalPoint, grants.Where(g => g.RecordId == r.FocalPoint.Id).Select(g => g.MemberId)),
                $"/Directory/Members/{r.Code}"))
            .ToList();
    }

    public async Task<IReadOnlyList<Guid>> AllIdsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<FocalPoint>().Select(f => f.Id).ToListAsync(cancellationToken);
}

using BaliProcess.Search;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Actions;

/// <summary>Tracked actions in the platform's search, under their own distribution scope: the text, who leads, and the latest update.</summary>
public sealed class ActionSearchSource : ISearchSource
{
    public const string SourceName = "action";

    public string Name => SourceName;

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var actions = await db.Set<TrackedAction>().AsNoTracking().Where(a => ids.Contains(a.Id)).Include(a => a.Parties).AsSplitQuery().ToListAsync(cancellationToken);
        if (actions.Count == 0)
        {
            return [];
        }

        var themeIds = actions.Select(a => a.ThemeId).Distinct().ToList();
        var themes = await db.Set<ActionTheme>().AsNoTracking().Where(t => themeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var latest = (await db.Set<StatusUpdate>().AsNoTracking().Where(u => ids.Contains(u.ActionId)).ToListAsync(cancellationToken))
            .GroupBy(u => u.ActionId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.AsOf).ThenByDescending(u => u.RecordedAt).First());
        var memberIds = actions.SelectMany(a => a.Parties).Where(p => p.MemberId != null).Select(p => p.MemberId!.Value).Distinct().ToList();
        var bodyIds = actions.SelectMany(a => a.Parties).Where(p => p.BodyId != null).Select(p => p.BodyId!.Value).Distinct().ToList();
        var memberCodes = await db.Set<Member>().AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Code, cancellationToken);
        var bodyCodes = await db.Set<Body>().AsNoTracking().Where(b => bodyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Code, cancellationToken);
        var grants = await db.Set<ScopeGrant>().AsNoTracking().Where(g => ids.Contains(g.RecordId)).ToListAsync(cancellationToken);

        return actions.Select(a =>
            {
                var update = latest.GetValueOrDefault(a.Id);
                var theme = themes.GetValueOrDefault(a.ThemeId);
                var title = $"{a.Number} {a.Text}";
                var body = string.Join("\n", new[] { a.Text, a.WhoText, theme?.Title, update?.Narrative }.Where(s => !string.IsNullOrWhiteSpace(s)));
                var date = update?.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) ?? a.CreatedAt;
                return new SearchDocument(
                    SearchIds.For(SourceName, a.Id),
                    "action",
                    title.Length > 300 ? title[..299] + "…" : title,
                    body,
                    "en",
                    date.Year,
                    date,
                    a.Parties.Where(p => p.BodyId != null).Select(p => bodyCodes.GetValueOrDefault(p.BodyId!.Value)).OfType<string>().Distinct().ToList(),
                    a.Parties.Where(p => p.MemberId != null).Select(p => memberCodes.GetValueOrDefault(p.MemberId!.Value)).OfType<string>().Distinct().ToList(),
                    AccessRule.RecordTokens(a, grants.Where(g => g.RecordId == a.Id).Select(g => g.MemberId)),
                    $"/Actions/{a.Id}");
            })
            .ToList();
    }

    public async Task<IReadOnlyList<Guid>> AllIdsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<TrackedAction>().Select(a => a.Id).ToListAsync(cancellationToken);
}

using BaliProcess.Search;
using BaliProcess.Web.Infrastructure.Data;

namespace BaliProcess.Web.Infrastructure.Search;

/// <summary>
/// The seam through which a module puts its records into the platform's one search. Each record's
/// <see cref="SearchDocument.AccessTokens"/> come from <c>AccessRule.RecordTokens</c>, so search applies the same
/// access rule as every other read path.
/// </summary>
public interface ISearchSource
{
    /// <summary>A short stable name stored in the outbox, e.g. "meeting".</summary>
    string Name { get; }

    /// <summary>Loads the index entries of the given records; a record missing from the result is removed from the index.</summary>
    Task<IReadOnlyList<SearchDocument>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Every record id of this source, for a full rebuild.</summary>
    Task<IReadOnlyList<Guid>> AllIdsAsync(AppDbContext db, CancellationToken cancellationToken);
}

/// <summary>Index entries carry the source name in their id so that two sources never collide.</summary>
public static class SearchIds
{
    public static string For(string source, Guid id) => $"{source}:{id:N}";
}

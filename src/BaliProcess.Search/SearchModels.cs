namespace BaliProcess.Search;

/// <summary>A record to index. <see cref="AccessTokens"/>: a viewer holding any one of them may see it.</summary>
public sealed record SearchDocument(
    string Id,
    string Kind,
    string Title,
    string Body,
    string Language,
    int? Year,
    DateTime? Date,
    IReadOnlyList<string> Bodies,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> AccessTokens,
    string Url);

/// <summary>
/// A search request. <see cref="Text"/> uses the query language of docs/adr/0002-search-engine.md: plain words
/// (all required), "exact phrase", prefix*, and a typo fallback; blank text lists everything visible, newest first.
/// Empty <see cref="ViewerTokens"/> sees nothing. <see cref="Take"/> is capped at 100 and <see cref="Skip"/> + <see cref="Take"/> at 10,000.
/// </summary>
public sealed record SearchQuery(
    string Text,
    IReadOnlyCollection<string> ViewerTokens,
    string? Kind = null,
    string? Body = null,
    string? Member = null,
    int? Year = null,
    string? Language = null,
    int Skip = 0,
    int Take = 20);

/// <summary>One result. <see cref="Title"/> is plain text; <see cref="Snippet"/> is HTML-escaped text with &lt;mark&gt; around matches.</summary>
public sealed record SearchHit(
    string Id,
    string Kind,
    string Title,
    string Snippet,
    float Score,
    string Url,
    string Language,
    int? Year,
    DateTime? Date);

public sealed record FacetValue(string Value, int Count);

/// <summary>
/// Results. <see cref="Total"/> and <see cref="Facets"/> count only documents the viewer may see.
/// Facet keys: kind, body, member, year, language. <see cref="Error"/> explains a query that could not be understood.
/// </summary>
public sealed record SearchResults(
    int Total,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets,
    string? Error);

/// <summary>Tuning for a <see cref="SearchIndex"/>; the defaults suit the web application.</summary>
public sealed record SearchIndexOptions
{
    /// <summary>Memory for cached per-segment term and access-token document sets. Zero disables the cache.</summary>
    public long CacheBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Indexing buffer of the Lucene writer.</summary>
    public double RamBufferMegabytes { get; init; } = 64;

    /// <summary>
    /// Access tokens every viewer holds (on the platform, the public token). Ranking statistics (document count, document
    /// frequencies, average lengths) come only from documents holding one of them, so that a document some viewers
    /// cannot see never changes the scores or order of anyone's hits (see <see cref="RankingPopulation"/>).
    /// </summary>
    public IReadOnlyList<string> RankingTokens { get; init; } = ["public"];

    /// <summary>Least time between two automatic near-real-time refreshes triggered by searches.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Result sizes from which ranking uses per-clause best-document lists (threshold algorithm) instead of scoring every match.</summary>
    internal int ThresholdMinResults { get; init; } = QueryExecutor.DefaultThresholdMinResults;

    /// <summary>Length of the per-clause best-document lists.</summary>
    internal int TopListLength { get; init; } = QueryExecutor.DefaultTopListLength;

    public static SearchIndexOptions Default { get; } = new();
}

using System.Diagnostics;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace BaliProcess.Search;

/// <summary>
/// Full-text index kept beside the database. Safe for concurrent searches and writes (the application
/// is expected to use one writer, fed by its outbox). Writes become visible to searches after
/// <see cref="Commit()"/>, or by themselves within <see cref="SearchIndexOptions.RefreshInterval"/> (near real time).
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _manager;
    private readonly DocSetCache _cache;
    private readonly QueryExecutor _executor;
    private readonly SearchIndexOptions _options;
    private readonly ThreadLocal<DocumentScratch> _scratch = new(() => new DocumentScratch());
    private readonly System.Threading.Lock _refreshLock = new();
    private long _lastRefreshTicks;
    private int _dirty;
    private bool _disposed;

    private SearchIndex(LuceneDirectory directory, SearchIndexOptions options)
    {
        _directory = directory;
        _options = options;
        // An index written with another layout is not read: it starts empty (and the host rebuilds it from the database).
        SchemaReset = DirectoryReader.IndexExists(directory) && !HasCurrentSchema(directory);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())
        {
            OpenMode = SchemaReset ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = options.RamBufferMegabytes,
        };
        _writer = new IndexWriter(directory, config);
        SetSchemaVersion();
        if (SchemaReset)
        {
            _writer.Commit();
        }

        string[] rankingTokens = (options.RankingTokens ?? []).Where(t => !string.IsNullOrEmpty(t)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _manager = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: new WarmingSearcherFactory(rankingTokens));
        _cache = new DocSetCache(options.CacheBytes);
        _executor = new QueryExecutor(_cache, rankingTokens, options.ThresholdMinResults, options.TopListLength);
        _lastRefreshTicks = Stopwatch.GetTimestamp();
    }

    /// <summary>Documents visible to searches (all viewers), after the latest refresh.</summary>
    public int Count
    {
        get
        {
            RefreshIfDue();
            IndexSearcher searcher = _manager.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _manager.Release(searcher);
            }
        }
    }

    /// <summary>
    /// True when <see cref="OpenOrCreate(string)"/> found an index written with another schema version (for example
    /// hit fields in stored fields, before version 2) and replaced it with an empty one. The index is a projection of
    /// the database: the host rebuilds it, as it does when the folder was lost (<see cref="Count"/> is 0).
    /// </summary>
    public bool SchemaReset { get; }

    /// <summary>Bytes held by the cache of per-segment term and access sets.</summary>
    public long CacheBytesUsed => _cache.UsedBytes;

    public static SearchIndex OpenOrCreate(string directoryPath) => OpenOrCreate(directoryPath, SearchIndexOptions.Default);

    public static SearchIndex OpenOrCreate(string directoryPath, SearchIndexOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directoryPath);
        ArgumentNullException.ThrowIfNull(options);
        System.IO.Directory.CreateDirectory(directoryPath);
        // Memory-mapped files: the operating system page cache serves the index without copies (64-bit only, which .NET 10 is here).
        return new SearchIndex(new MMapDirectory(new DirectoryInfo(directoryPath)), options);
    }

    public static SearchIndex InMemory() => InMemory(SearchIndexOptions.Default);

    public static SearchIndex InMemory(SearchIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SearchIndex(new RAMDirectory(), options);
    }

    /// <summary>Adds or replaces documents by <see cref="SearchDocument.Id"/>.</summary>
    public void Upsert(IEnumerable<SearchDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ObjectDisposedException.ThrowIf(_disposed, this);
        DocumentScratch scratch = _scratch.Value!;
        foreach (SearchDocument source in documents)
        {
            IndexSchema.Validate(source);
            var document = IndexSchema.Build(source, scratch);
            _writer.UpdateDocument(new Term(IndexSchema.Id, source.Id), document);
            Volatile.Write(ref _dirty, 1);
        }
    }

    public void Delete(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var terms = ids.Where(id => !string.IsNullOrEmpty(id)).Select(id => new Term(IndexSchema.Id, id)).ToArray();
        if (terms.Length > 0)
        {
            _writer.DeleteDocuments(terms);
            Volatile.Write(ref _dirty, 1);
        }
    }

    public void DeleteAll()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer.DeleteAll();
        Volatile.Write(ref _dirty, 1);
    }

    /// <summary>Makes all changes durable and visible to new searches.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SetSchemaVersion();
        _writer.Commit();
        Refresh();
    }

    /// <summary>
    /// Makes all changes durable together with <paramref name="values"/> in the commit's user data: a host stores there
    /// what it has applied, so the index and that marker can never disagree after a crash.
    /// </summary>
    public void Commit(IReadOnlyDictionary<string, string> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SetSchemaVersion();
        var data = new Dictionary<string, string>(_writer.CommitData ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        _writer.SetCommitData(data);
        _writer.Commit();
        Refresh();
    }

    /// <summary>A value stored with <see cref="Commit(IReadOnlyDictionary{string, string})"/> (the last commit's, or one pending), or null.</summary>
    public string? CommitValue(string key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer.CommitData is { } data && data.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>Makes changes visible to new searches without the cost of a durable commit.</summary>
    public void Refresh()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_refreshLock)
        {
            Volatile.Write(ref _dirty, 0);
            _manager.MaybeRefreshBlocking();
            _lastRefreshTicks = Stopwatch.GetTimestamp();
            ReleaseMergedSegments();
        }
    }

    /// <summary>Merges the index down to at most <paramref name="maxSegments"/> segments (after a bulk rebuild).</summary>
    public void Optimize(int maxSegments = 1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer.ForceMerge(maxSegments);
        Commit();
    }

    /// <summary>Number of segments searches currently see.</summary>
    public int SegmentCount
    {
        get
        {
            IndexSearcher searcher = _manager.Acquire();
            try
            {
                return searcher.IndexReader.Leaves.Count;
            }
            finally
            {
                _manager.Release(searcher);
            }
        }
    }

    /// <summary>Runs a query. Never throws for user input: a malformed query comes back with <see cref="SearchResults.Error"/>.</summary>
    public SearchResults Search(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ParsedQuery parsed = UserQueryParser.Parse(query.Text);
        if (parsed.Error is not null)
        {
            return QueryExecutor.Empty(parsed.Error);
        }

        RefreshIfDue();
        IndexSearcher searcher = _manager.Acquire();
        try
        {
            return _executor.Execute(searcher, query, parsed);
        }
        finally
        {
            _manager.Release(searcher);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _manager.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _scratch.Dispose();
    }

    private static bool HasCurrentSchema(LuceneDirectory directory)
    {
        var infos = new SegmentInfos();
        infos.Read(directory);
        return infos.UserData is { } data
            && data.TryGetValue(IndexSchema.SchemaVersionKey, out string? version)
            && version == IndexSchema.SchemaVersion;
    }

    private void SetSchemaVersion()
    {
        IDictionary<string, string> data = _writer.CommitData;
        if (data is null || !data.TryGetValue(IndexSchema.SchemaVersionKey, out string? version) || version != IndexSchema.SchemaVersion)
        {
            _writer.SetCommitData(new Dictionary<string, string>(StringComparer.Ordinal) { [IndexSchema.SchemaVersionKey] = IndexSchema.SchemaVersion });
        }
    }

    private void RefreshIfDue()
    {
        if (Volatile.Read(ref _dirty) == 0)
        {
            return;
        }

        long elapsed = Stopwatch.GetTimestamp() - Volatile.Read(ref _lastRefreshTicks);
        if (elapsed < _options.RefreshInterval.TotalSeconds * Stopwatch.Frequency)
        {
            return;
        }

        if (_refreshLock.TryEnter())
        {
            try
            {
                Volatile.Write(ref _dirty, 0);
                _manager.MaybeRefresh();
                _lastRefreshTicks = Stopwatch.GetTimestamp();
                ReleaseMergedSegments();
            }
            finally
            {
                _refreshLock.Exit();
            }
        }
    }

    private void ReleaseMergedSegments()
    {
        IndexSearcher searcher = _manager.Acquire();
        try
        {
            var cores = new HashSet<object>(searcher.IndexReader.Leaves.Select(l => l.AtomicReader.CoreCacheKey), ReferenceEqualityComparer.Instance);
            _cache.RetainCores(cores);
        }
        finally
        {
            _manager.Release(searcher);
        }
    }
}

/// <summary>
/// Builds the per-reader and per-segment data (norms, dates, facet sets, live documents, BM25 tables) when a
/// searcher is opened or refreshed, not in the first query that needs it: after opening a large index several
/// concurrent first queries would otherwise each build it and wait for it. Unchanged segments keep theirs.
/// </summary>
internal sealed class WarmingSearcherFactory(string[] rankingTokens) : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader)
    {
        IndexSearcher searcher = base.NewSearcher(reader);
        _ = ReaderState.For(reader, rankingTokens);
        return searcher;
    }
}

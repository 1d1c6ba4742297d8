using BaliProcess.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace BaliProcess.Benchmarks;

/// <summary>
/// The conventional Lucene path on the same index, for comparison: a BooleanQuery (all words required,
/// title boosted), a cached access filter, TopScoreDocCollector for the top 20 and the total, and the
/// 20 hits' fields read (the index keeps them in the "dv.hit" binary doc values since schema version 2).
/// No facets and no snippets: those would only add to its time.
/// </summary>
public sealed class LuceneBaseline : IDisposable
{
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Dictionary<string, Filter> _filters = new(StringComparer.Ordinal);

    public LuceneBaseline(string path)
    {
        _reader = DirectoryReader.Open(FSDirectory.Open(path));
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Total matches visible to the viewer; the top 20 are collected too.</summary>
    public int Search(string[] words, string[] viewer)
    {
        var query = new BooleanQuery();
        foreach (string word in words)
        {
            query.Add(new TermQuery(new Term("t.all", word)), Occur.MUST);
            query.Add(new TermQuery(new Term("t.title", word)) { Boost = 2f }, Occur.SHOULD);
        }

        string key = string.Join(',', viewer);
        if (!_filters.TryGetValue(key, out var filter))
        {
            var access = new BooleanQuery();
            foreach (string token in viewer)
            {
                access.Add(new TermQuery(new Term("acl", token)), Occur.SHOULD);
            }

            filter = new CachingWrapperFilter(new QueryWrapperFilter(access));
            _filters[key] = filter;
        }

        var collector = TopScoreDocCollector.Create(20, true);
        _searcher.Search(query, filter, collector);
        var leaves = _reader.Leaves;
        var scratch = new Lucene.Net.Util.BytesRef();
        foreach (var hit in collector.GetTopDocs().ScoreDocs)
        {
            // The same hit-field read as SearchIndex does for its hits (the bytes, without decoding).
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            leaf.AtomicReader.GetBinaryDocValues("dv.hit")?.Get(hit.Doc - leaf.DocBase, scratch);
        }

        return collector.TotalHits;
    }

    public static void Compare(string path, SearchIndex index, TextWriter log)
    {
        using var baseline = new LuceneBaseline(path);
        string[][] queries = [["the"], ["and"], ["people", "smuggling"], ["migration"], ["the", "and", "of"]];
        string[] viewer = ["public", "members", "member:ID", "group:AHG"];
        log.WriteLine("Thread CPU time per query (unaffected by other work on the machine), 30 runs after 3 warm-up runs:");
        log.WriteLine("| query | Lucene collectors, no facets: p50 ms | p99 ms | SearchIndex, with facets and snippets: p50 ms | p99 ms | total |");
        log.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var words in queries)
        {
            var lucene = Time(() => baseline.Search(words, viewer), out int luceneTotal);
            var ours = Time(() => index.Search(new SearchQuery(string.Join(' ', words), viewer)).Total, out int ourTotal);
            string totals = luceneTotal == ourTotal ? ourTotal.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : $"{luceneTotal:N0} vs {ourTotal:N0}";
            log.WriteLine($"| {string.Join(' ', words)} | {lucene.P50:F1} | {lucene.P99:F1} | {ours.P50:F2} | {ours.P99:F2} | {totals} |");
        }
    }

    private static LatencySummary Time(Func<int> run, out int total)
    {
        total = run();
        for (int i = 0; i < 3; i++)
        {
            run();
        }

        var samples = new double[30];
        for (int i = 0; i < samples.Length; i++)
        {
            double start = LoadRunner.ThreadCpuMilliseconds();
            run();
            samples[i] = LoadRunner.ThreadCpuMilliseconds() - start;
        }

        return LoadRunner.Summarize("", samples);
    }

    public void Dispose() => _reader.Dispose();
}

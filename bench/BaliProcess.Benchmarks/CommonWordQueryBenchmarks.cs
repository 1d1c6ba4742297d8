using BaliProcess.Search;
using BenchmarkDotNet.Attributes;

namespace BaliProcess.Benchmarks;

/// <summary>
/// One query class at a time, closed loop: the very common words and phrases whose counts and facets
/// cover most of the index. Uses the index built by the load command (BALI_BENCH_DOCS, default 1,000,000;
/// BALI_BENCH_INDEX to point elsewhere) and builds it first if missing.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CommonWordQueryBenchmarks
{
    private SearchIndex? _index;

    [Params("the", "people smuggling", "\"trafficking in persons\"")]
    public string Text { get; set; } = "the";

    [Params("member")]
    public string Viewer { get; set; } = "member";

    [Params(512, 0)]
    public int CacheMb { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int docs = int.TryParse(Environment.GetEnvironmentVariable("BALI_BENCH_DOCS"), out int d) ? d : 1_000_000;
        string path = Environment.GetEnvironmentVariable("BALI_BENCH_INDEX") ?? IndexBuilder.DefaultPath(docs);
        IndexBuilder.EnsureBuilt(path, docs, 20261122, 0, rebuild: false, Console.Out);
        _index = SearchIndex.OpenOrCreate(path, new SearchIndexOptions { CacheBytes = CacheMb * 1024L * 1024 });
    }

    [GlobalCleanup]
    public void Cleanup() => _index?.Dispose();

    [Benchmark]
    public int Search()
    {
        string[] tokens = Viewer == "anonymous" ? ["public"] : ["public", "members", "member:ID", "group:AHG"];
        return _index!.Search(new SearchQuery(Text, tokens)).Total;
    }
}

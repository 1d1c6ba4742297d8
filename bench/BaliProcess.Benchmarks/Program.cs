using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using BaliProcess.Benchmarks;
using BaliProcess.Search;
using BenchmarkDotNet.Running;

// Commands:
//   build        --docs N [--index PATH] [--seed S] [--merge SEGMENTS (default 0: leave the merge policy's segments)] [--rebuild]
//   search-load  --docs N --qps Q --seconds S [--warmup S] [--workers W] [--cache-mb M] [--mix all|common] [--index PATH]
//   query        --docs N [--index PATH] [--viewer public,members] TEXT
//   baseline     --docs N: plain Lucene collectors against SearchIndex on common queries (closed loop)
//   audit-verify --rows N [--db sqlite|postgres] [--pg CONNECTION] [--folder PATH] [--regen] [--runs R]
//   audit-write  --writers W --seconds S [--db sqlite|postgres] [--pg CONNECTION] [--folder PATH] [--sync normal|full]
//   batch-import --docs N [--db sqlite|postgres] [--pg CONNECTION] [--folder PATH]: N corpus copies through DocumentBatchImport
//   micro        BenchmarkDotNet micro-benchmarks (pass BenchmarkDotNet arguments after it, e.g. --filter *)
string command = args.Length > 0 ? args[0] : "help";
var options = Options.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "build":
        Build(options);
        break;
    case "search-load":
        SearchLoad(options);
        break;
    case "query":
        QueryOnce(options);
        break;
    case "baseline":
        Baseline(options);
        break;
    case "gen-speed":
        GenSpeed(options);
        break;
    case "audit-verify":
        await AuditVerify(options);
        break;
    case "audit-hash":
        HashProbe();
        if (options.StringOrNull("folder") is { } probeFolder)
        {
            ReadProbe(probeFolder);
        }

        break;
    case "audit-write":
        await AuditWrite(options);
        break;
    case "batch-import":
        PrintMachine();
        Environment.ExitCode = await BatchImportBench.RunAsync(options.StringOrNull("db") ?? "sqlite", options.StringOrNull("pg"),
            options.StringOrNull("folder") ?? Path.Combine(Path.GetTempPath(), "bp-batch-import"), options.Int("docs", 1000), Console.Out);
        break;
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(CommonWordQueryBenchmarks).Assembly).Run(args.Skip(1).ToArray());
        break;
    default:
        Console.WriteLine("usage: build | search-load | query | micro (see bench/README.md)");
        break;
}

static async Task AuditVerify(Options o)
{
    using var bench = NewAuditBench(o);
    PrintMachine();
    long rows = await bench.PrepareAsync(o.Int("rows", 10_000_000), o.Flag("regen"), Console.Out);
    for (int run = 1; run <= o.Int("runs", 3); run++)
    {
        var load = LoadAverage();
        var (result, wall, cpu) = await bench.VerifyAsync();
        Console.WriteLine($"verify run {run}: {result.RowsChecked:N0} rows in {wall.TotalSeconds:N2} s ({result.RowsChecked / wall.TotalSeconds:N0} rows/s), " +
            $"process CPU {cpu.TotalSeconds:N2} s, load average {load} -> {LoadAverage()}; intact={result.Intact}, root {result.RootHash?[..16]}...: {result.Message}");
        if (!result.Intact || result.RowsChecked != rows)
        {
            Environment.ExitCode = 1;
            return;
        }
    }
}

static async Task AuditWrite(Options o)
{
    using var bench = NewAuditBench(o);
    PrintMachine();
    await bench.PrepareAsync(o.Int("rows", 0), o.Flag("regen"), Console.Out);
    int writers = o.Int("writers", 8);
    var load = LoadAverage();
    var run = await bench.WriteAsync(writers, TimeSpan.FromSeconds(o.Double("seconds", 10)));
    var (writes, wall, cpu, latencies) = (run.Writes, run.Wall, run.Cpu, run.LatenciesMs);
    double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
    Console.WriteLine($"audit-write {bench.Database.Provider}, {writers} writers: {writes:N0} audited writes in {wall.TotalSeconds:N2} s = {writes / wall.TotalSeconds:N0} writes/s; " +
        $"latency p50 {Percentile(0.5):N2} ms, p99 {Percentile(0.99):N2} ms; process CPU {cpu.TotalMilliseconds / Math.Max(1, writes) * 1000:N0} us/write; load average {load} -> {LoadAverage()}");
    Console.WriteLine($"sealer beside the writers: {run.SealedWhileWriting:N0} rows sealed while writing, {run.SealedAfter:N0} left when they stopped, sealed in {run.TailSeal.TotalMilliseconds:N0} ms");
    var (result, verifyWall, _) = await bench.VerifyAsync();
    Console.WriteLine($"verify after writing: intact={result.Intact}, {result.RowsChecked:N0} rows in {verifyWall.TotalSeconds:N2} s: {result.Message}");
    if (!result.Intact)
    {
        Environment.ExitCode = 1;
    }
}

// Cost of one hash call, one-shot against a reused IncrementalHash (OpenSSL fetches the algorithm on every one-shot call).
static void HashProbe()
{
    var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
    var message = new byte[300];
    var small = new byte[33];
    var destination = new byte[32];
    using var hmac = System.Security.Cryptography.IncrementalHash.CreateHMAC(System.Security.Cryptography.HashAlgorithmName.SHA256, key);
    using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
    (string Name, Action Run)[] cases =
    [
        ("HMACSHA256.HashData 300 B", () => System.Security.Cryptography.HMACSHA256.HashData(key, message, destination)),
        ("IncrementalHash HMAC 300 B", () => { hmac.AppendData(message); hmac.GetHashAndReset(destination); }),
        ("SHA256.HashData 33 B", () => System.Security.Cryptography.SHA256.HashData(small, destination)),
        ("IncrementalHash SHA256 33 B", () => { sha.AppendData(small); sha.GetHashAndReset(destination); }),
    ];
    foreach (var (name, run) in cases)
    {
        for (int i = 0; i < 100_000; i++) run();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < 1_000_000; i++) run();
        Console.WriteLine($"{name}: {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 1000:N3} us CPU per call");
    }
}

static void ReadProbe(string folder)
{
    using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "audit-bench.db")}");
    connection.Open();
    for (int mode = 0; mode < 4; mode++)
    {
        for (int round = 0; round < 2; round++)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Sequence\", \"OccurredAt\", \"UserId\", \"UserName\", \"MemberId\", \"ApiKeyId\", \"Action\", \"SubjectType\", \"SubjectId\", \"RequestId\", \"Outcome\", \"Detail\", \"SubjectMemberId\", \"PreviousHash\", \"Hash\" FROM audit_entries ORDER BY \"Sequence\"";
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long rows = 0, sink = 0;
            using (var reader = command.ExecuteReader(System.Data.CommandBehavior.SequentialAccess))
            {
                while (reader.Read())
                {
                    rows++;
                    if (mode >= 1) for (int c = 2; c < 15; c++) if (!reader.IsDBNull(c)) sink += reader.GetString(c).Length;
                    if (mode == 2) sink += reader.GetDateTime(1).Ticks;
                    if (mode == 3) { sink += reader.GetDateTime(1).Ticks; sink += reader.IsDBNull(2) ? 0 : reader.GetGuid(2).GetHashCode(); }
                }
            }

            Console.WriteLine($"read mode {mode} round {round}: {rows:N0} rows, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / Math.Max(1, rows):N2} us CPU per row ({sink % 7})");
        }
    }
}

static AuditBench NewAuditBench(Options o) => new(o.String("db", "sqlite"), o.StringOrNull("pg"),
    o.String("folder", Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "artifacts", "audit-" + o.String("db", "sqlite"))), o.StringOrNull("sync"));

static void PrintMachine() => Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:N0} GiB, " +
    $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC {GCSettings.IsServerGC}");

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

static IndexManifest Build(Options o) =>
    IndexBuilder.EnsureBuilt(o.IndexPath, o.Docs, o.Seed, o.Int("merge", 0), o.Flag("rebuild"), Console.Out);

static void SearchLoad(Options o)
{
    var manifest = Build(o);
    double qps = o.Double("qps", 200);
    double seconds = o.Double("seconds", 60);
    double warmup = o.Double("warmup", 10);
    int workers = o.Int("workers", Environment.ProcessorCount * 2);
    long cacheMb = o.Int("cache-mb", 512);
    string mix = o.String("mix", "all");
    var generator = new CorpusGenerator(o.Seed);
    var queryMix = new QueryMix(generator);

    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:N0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC {GCSettings.IsServerGC}");
    var openWatch = Stopwatch.StartNew();
    using var index = SearchIndex.OpenOrCreate(o.IndexPath, new SearchIndexOptions { CacheBytes = cacheMb * 1024 * 1024 });
    Console.WriteLine($"Opened {index.Count:N0} documents in {index.SegmentCount} segment(s) in {openWatch.ElapsedMilliseconds} ms; cache budget {cacheMb} MiB.");

    var results = new Dictionary<string, object>
    {
        ["manifest"] = manifest,
        ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
        ["qps"] = qps,
        ["cacheMb"] = cacheMb,
        ["mix"] = mix,
    };
    if (warmup > 0)
    {
        // The first seconds after opening: caches empty, JIT cold. Reported, not hidden.
        var coldQueries = queryMix.Generate((int)(qps * warmup), seed: 7, commonOnly: mix == "common");
        var cold = LoadRunner.Run(index, coldQueries, qps, warmup, workers);
        Console.WriteLine($"\nCold start: first {warmup:N0} s after opening the index");
        Console.WriteLine(LoadRunner.Format(cold));
        results["cold"] = cold;
    }

    var queries = queryMix.Generate((int)(qps * seconds), seed: 11, commonOnly: mix == "common");
    GC.Collect();
    int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
    var measured = LoadRunner.Run(index, queries, qps, seconds, workers);
    Console.WriteLine($"\nMeasured: {seconds:N0} s at {qps:N0} q/s (mix: {mix})");
    Console.WriteLine(LoadRunner.Format(measured));
    Console.WriteLine($"GC during run: gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2}; cache used {index.CacheBytesUsed / 1048576.0:N0} MiB; working set {Environment.WorkingSet / 1048576.0:N0} MiB");
    results["measured"] = measured;
    results["cacheUsedMb"] = index.CacheBytesUsed / 1048576.0;

    string file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(o.IndexPath))!, $"results-{manifest.Documents}-{mix}-{qps}qps-cache{cacheMb}-{DateTime.UtcNow:yyyyMMddHHmmss}.json");
    File.WriteAllText(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"Results written to {file}");
}

static void Baseline(Options o)
{
    Build(o);
    using var index = SearchIndex.OpenOrCreate(o.IndexPath);
    LuceneBaseline.Compare(o.IndexPath, index, Console.Out);
}

static void GenSpeed(Options o)
{
    var generator = new CorpusGenerator(o.Seed);
    int n = o.Int("docs", 5000);
    var watch = Stopwatch.StartNew();
    var docs = Enumerable.Range(0, n).Select(generator.Generate).ToList();
    Console.WriteLine($"generate: {watch.Elapsed.TotalMilliseconds / n:F3} ms/doc, {docs.Average(d => d.Body.Length):N0} chars/doc");
    watch.Restart();
    using (var index = SearchIndex.InMemory(new SearchIndexOptions { RamBufferMegabytes = 256, CacheBytes = 0 }))
    {
        index.Upsert(docs);
        Console.WriteLine($"upsert: {watch.Elapsed.TotalMilliseconds / n:F3} ms/doc");
    }
}

static void QueryOnce(Options o)
{
    Build(o);
    using var index = SearchIndex.OpenOrCreate(o.IndexPath);
    string[] viewer = o.String("viewer", "public,members,staff").Split(',');
    string text = string.Join(' ', o.Positional);
    int runs = o.Int("runs", 3);
    var times = new List<double>();
    for (int run = 0; run < runs; run++)
    {
        var watch = Stopwatch.StartNew();
        var result = index.Search(new SearchQuery(text, viewer, Kind: o.StringOrNull("kind"), Year: o.IntOrNull("year"), Take: o.Int("take", 20)));
        times.Add(watch.Elapsed.TotalMilliseconds);
        if (run < 2 || run == runs - 1)
        {
            Console.WriteLine($"run {run}: {watch.Elapsed.TotalMilliseconds:F2} ms, total {result.Total:N0}, error {result.Error ?? "none"}; median of runs so far {times.Order().ElementAt(times.Count / 2):F2} ms");
        }

        if (run == runs - 1 && !o.Flag("quiet"))
        {
            foreach (var hit in result.Hits.Take(5))
            {
                Console.WriteLine($"  {hit.Score:F3} {hit.Id} {hit.Title}\n      {hit.Snippet}");
            }

            foreach (var facet in result.Facets)
            {
                Console.WriteLine($"  {facet.Key}: {string.Join(", ", facet.Value.Take(8).Select(v => $"{v.Value}={v.Count}"))}");
            }
        }
    }
}

internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public int Docs => Int("docs", 1_000_000);

    public int Seed => Int("seed", 20261122);

    public string IndexPath => _values.TryGetValue("index", out var p) ? p : IndexBuilder.DefaultPath(Docs);

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                string key = args[i][2..];
                bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                o._values[key] = hasValue ? args[++i] : "true";
            }
            else
            {
                o.Positional.Add(args[i]);
            }
        }

        return o;
    }

    public int Int(string key, int fallback) => _values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public int? IntOrNull(string key) => _values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    public double Double(string key, double fallback) => _values.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string String(string key, string fallback) => _values.TryGetValue(key, out var v) ? v : fallback;

    public string? StringOrNull(string key) => _values.TryGetValue(key, out var v) ? v : null;

    public bool Flag(string key) => _values.ContainsKey(key);
}

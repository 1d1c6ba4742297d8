using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BaliProcess.Search;

namespace BaliProcess.Benchmarks;

/// <param name="IndexFormat">Layout of BaliProcess.Search the index was written with (<see cref="IndexBuilder.IndexFormat"/>); 0 in manifests from before it was recorded.</param>
public sealed record IndexManifest(int Documents, int Seed, int GeneratorVersion, double BuildSeconds, double MergeSeconds, long SizeBytes, int Segments, DateTime BuiltUtc, int IndexFormat = 0);

/// <summary>Builds the benchmark index once into a folder and reuses it while its manifest matches.</summary>
public static class IndexBuilder
{
    public const int GeneratorVersion = 1;

    /// <summary>
    /// The search index layout this build writes (BaliProcess.Search schema version 2: hit fields in doc values).
    /// An index of another layout is rebuilt rather than reused: SearchIndex would open it empty.
    /// </summary>
    public const int IndexFormat = 2;
    private const string ManifestName = "bench-manifest.json";

    public static string DefaultPath(int documents) =>
        Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "artifacts", "index-" + documents.ToString(CultureInfo.InvariantCulture));

    public static IndexManifest EnsureBuilt(string path, int documents, int seed, int mergeSegments, bool rebuild, TextWriter log)
    {
        path = Path.GetFullPath(path);
        string manifestPath = Path.Combine(path, ManifestName);
        if (!rebuild && File.Exists(manifestPath))
        {
            var existing = JsonSerializer.Deserialize<IndexManifest>(File.ReadAllText(manifestPath));
            if (existing is not null && existing.Documents == documents && existing.Seed == seed && existing.GeneratorVersion == GeneratorVersion && existing.IndexFormat == IndexFormat)
            {
                log.WriteLine($"Reusing index at {path}: {existing.Documents:N0} documents, {existing.SizeBytes / 1048576.0:N0} MiB, built in {existing.BuildSeconds:N0} s (+{existing.MergeSeconds:N0} s merge).");
                return existing;
            }
        }

        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        log.WriteLine($"Building {documents:N0} documents into {path} ...");
        var generator = new CorpusGenerator(seed);
        var watch = Stopwatch.StartNew();
        double mergeSeconds;
        int segments;
        using (var index = SearchIndex.OpenOrCreate(path, new SearchIndexOptions { RamBufferMegabytes = 512, CacheBytes = 0 }))
        {
            const int batch = 1000;
            int batches = (documents + batch - 1) / batch;
            int done = 0;
            long generatedChars = 0;
            Parallel.For(0, batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
            {
                int from = b * batch;
                int to = Math.Min(documents, from + batch);
                var docs = new List<SearchDocument>(to - from);
                long chars = 0;
                for (int n = from; n < to; n++)
                {
                    var doc = generator.Generate(n);
                    chars += doc.Body.Length + doc.Title.Length;
                    docs.Add(doc);
                }

                index.Upsert(docs);
                Interlocked.Add(ref generatedChars, chars);
                int finished = Interlocked.Increment(ref done);
                if (finished % 50 == 0)
                {
                    log.WriteLine($"  {Math.Min(documents, finished * batch):N0} documents, {watch.Elapsed.TotalSeconds:N0} s, {Interlocked.Read(ref generatedChars) / 1048576.0:N0} MiB of text");
                }
            });

            index.Commit();
            double buildSeconds = watch.Elapsed.TotalSeconds;
            log.WriteLine($"Indexed and committed in {buildSeconds:N0} s; {index.SegmentCount} segments.");
            var mergeWatch = Stopwatch.StartNew();
            if (mergeSegments > 0)
            {
                index.Optimize(mergeSegments);
            }

            mergeSeconds = mergeWatch.Elapsed.TotalSeconds;
            segments = index.SegmentCount;
            log.WriteLine($"Merged to {segments} segment(s) in {mergeSeconds:N0} s.");
            watch.Stop();
            var manifest = new IndexManifest(documents, seed, GeneratorVersion, buildSeconds, mergeSeconds, DirectorySize(path), segments, DateTime.UtcNow, IndexFormat);
            File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
            log.WriteLine($"Index size {manifest.SizeBytes / 1048576.0:N0} MiB.");
            return manifest;
        }
    }

    private static long DirectorySize(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.Name != ManifestName).Sum(f => f.Length);
}

using System.Collections.Concurrent;

namespace BaliProcess.Documents.Tests;

/// <summary>
/// Locates the shared seed documents and the Directory module's reference data at run time. The seeds are real
/// Bali Process documents kept outside the repository (&lt;repo&gt;/../shared/seeds), so they are found by walking up
/// from the test binaries; a missing folder fails the tests loudly rather than skipping them.
/// </summary>
internal static class TestFiles
{
    private static readonly Lazy<string> SeedsFolder = new(() => FindUpwards(Path.Combine("shared", "seeds"), Directory.Exists)
        ?? throw new DirectoryNotFoundException($"No shared/seeds folder above {AppContext.BaseDirectory}; the seed documents belong in <repo>/../shared/seeds."));

    private static readonly Lazy<string> ReferenceDataFile = new(() => FindUpwards(Path.Combine("src", "BaliProcess.Web", "Features", "Directory", "reference-data.json"), File.Exists)
        ?? throw new FileNotFoundException($"No src/BaliProcess.Web/Features/Directory/reference-data.json above {AppContext.BaseDirectory}."));

    private static readonly Lazy<NameCatalog> SharedCatalog = new(() =>
    {
        using var stream = File.OpenRead(ReferenceDataPath);
        return NameCatalog.FromReferenceJson(stream);
    });

    private static readonly ConcurrentDictionary<string, RecognizedDocument> Recognized = new(StringComparer.Ordinal);

    public static string ReferenceDataPath => ReferenceDataFile.Value;

    public static NameCatalog Catalog => SharedCatalog.Value;

    /// <summary>The seed whose file name starts with the prefix ("000"), extracted as an upload would be.</summary>
    public static ExtractionResult ExtractSeed(string prefix)
    {
        var path = SeedPath(prefix);
        using var stream = File.OpenRead(path);
        return TextExtractor.Extract(Path.GetFileName(path), stream);
    }

    public static string SeedPath(string prefix)
    {
        var matches = Directory.GetFiles(SeedsFolder.Value, $"{prefix}_*.txt");
        return matches.Length == 1
            ? matches[0]
            : throw new FileNotFoundException($"Expected exactly one seed {prefix}_*.txt in {SeedsFolder.Value}, found {matches.Length}.");
    }

    /// <summary>The seed recognised with the reference catalog; cached, since recognition is deterministic.</summary>
    public static RecognizedDocument RecognizeSeed(string prefix) => Recognized.GetOrAdd(prefix, RecognizeSeedUncached);

    private static RecognizedDocument RecognizeSeedUncached(string prefix)
    {
        var extraction = ExtractSeed(prefix);
        extraction.Ok.ShouldBeTrue(extraction.Error);
        return new DocumentRecognizer(Catalog).Recognize(extraction.Text, Path.GetFileName(SeedPath(prefix)));
    }

    private static string? FindUpwards(string relative, Func<string, bool> exists)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

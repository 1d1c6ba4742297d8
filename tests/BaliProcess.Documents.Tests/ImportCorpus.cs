namespace BaliProcess.Documents.Tests;

/// <summary>Locates the evaluation corpus (tests/import-corpus) above the test binaries; missing, it fails loudly.</summary>
internal static class ImportCorpus
{
    private static readonly Lazy<string> CorpusFolder = new(() => FindUpwards(Path.Combine("tests", "import-corpus"))
        ?? throw new DirectoryNotFoundException($"No tests/import-corpus folder above {AppContext.BaseDirectory}."));

    public static string Folder => CorpusFolder.Value;

    public static string DocumentsFolder => Path.Combine(Folder, "documents");

    /// <summary>key.json once the parts are merged into one; until then every key-*.json part.</summary>
    public static IReadOnlyList<string> KeyFiles()
    {
        var merged = Path.Combine(Folder, "key.json");
        return File.Exists(merged) ? [merged] : [.. Directory.GetFiles(Folder, "key-*.json").Order(StringComparer.Ordinal)];
    }

    private static string? FindUpwards(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

using BaliProcess.Documents.Evaluation;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// The <c>import evaluate FOLDER KEY.json...</c> verb: measures the importer's recognition on an evaluation corpus
/// against its answer key, with the names of the configured database's Directory (so variants an administrator
/// linked count, as they do at import). It reads and recognises only: nothing is stored.
/// </summary>
public static class LibraryEvaluateCommand
{
    public const string Usage = """
          import evaluate FOLDER KEY.json [KEY2.json...] [--fail-below-targets]
                                                    recognise the corpus in FOLDER and print per-field accuracy and
                                                    attendee precision/recall by role against the answer key(s);
                                                    stores nothing; exit 1 below the targets with --fail-below-targets
        """;

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var positional = new List<string>();
        var failBelow = false;
        foreach (var arg in args)
        {
            if (arg == "--fail-below-targets")
            {
                failBelow = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                await stderr.WriteLineAsync($"Unknown option '{arg}'.");
                await stderr.WriteLineAsync(Usage);
                return 2;
            }
            else
            {
                positional.Add(arg);
            }
        }

        if (positional.Count < 2)
        {
            await stderr.WriteLineAsync("Give the corpus folder and at least one answer key file.");
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var folder = positional[0];
        if (!System.IO.Directory.Exists(folder))
        {
            await stderr.WriteLineAsync($"The corpus folder '{folder}' does not exist.");
            return 2;
        }

        var key = EvaluationKey.Load(positional.Skip(1), folder);
        if (!key.Ok)
        {
            await stderr.WriteLineAsync($"The answer key cannot be used: {key.Error}");
            return 2;
        }

        // The catalog the importer itself would use: reference data plus every Directory entry and learned variant.
        var catalog = await services.GetRequiredService<DocumentImporter>().CatalogAsync(ct);
        var limits = services.GetRequiredService<IOptions<LibraryOptions>>().Value.Limits.ToExtractionLimits();
        var report = new CorpusScorer(catalog, limits).Score(folder, key.Entries!, EvaluationTargets.Issue9, ct);
        await stdout.WriteAsync(report.ToText());
        return failBelow && !report.MeetsTargets ? 1 : 0;
    }
}

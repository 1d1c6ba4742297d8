using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;

namespace BaliProcess.Web.Features.Library;

/// <summary>The <c>import PATH...</c> verb: files and folders into the library, owned by the RSO, one report line per file.</summary>
public static class LibraryImportCommand
{
    public const string Usage = """
          import PATH... [--scope Public|AllMembers|OwnMember|NamedMembers] [--named-members C1,C2] [--translation-of DOCUMENT-ID]
                                                    import .txt, .md, .html, .pdf and .docx files (folders recursively) as the RSO;
                                                    one line per file; exit 1 if any file failed
        """;

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var paths = new List<string>();
        string? scopeText = null;
        string? namedMembers = null;
        string? translationOfText = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--scope" when i + 1 < args.Count:
                    scopeText = args[++i];
                    break;
                case "--named-members" when i + 1 < args.Count:
                    namedMembers = args[++i];
                    break;
                case "--translation-of" when i + 1 < args.Count:
                    translationOfText = args[++i];
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    await stderr.WriteLineAsync($"Unknown option '{option}'.");
                    await stderr.WriteLineAsync(Usage);
                    return 2;
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            await stderr.WriteLineAsync("Give at least one file or folder to import.");
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var scope = DistributionScope.Public;
        if (scopeText is not null && (!Enum.TryParse(scopeText, ignoreCase: true, out scope) || !Enum.IsDefined(scope)))
        {
            await stderr.WriteLineAsync($"'{scopeText}' is not a scope: use one of {string.Join(", ", Enum.GetNames<DistributionScope>())}.");
            return 2;
        }

        Guid? translationOf = null;
        if (translationOfText is not null)
        {
            if (!Guid.TryParse(translationOfText, out var original))
            {
                await stderr.WriteLineAsync($"'{translationOfText}' is not a document id.");
                return 2;
            }

            translationOf = original;
        }

        var missing = new List<ImportFileResult>();
        var files = DocumentBatchImport.FilesAt(paths, missing);
        foreach (var result in missing)
        {
            await WriteAsync(stdout, result);
        }

        var names = (namedMembers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var batch = await services.GetRequiredService<DocumentBatchImport>().ImportAsync(
            files, new ScopeInput(scope, names), importer: null, AuditActor.System("cli"), r => WriteAsync(stdout, r), translationOf, ct);
        if (!batch.Succeeded)
        {
            await stderr.WriteLineAsync(batch.ProblemMessage ?? string.Join(" ", batch.Invalid!.Errors.SelectMany(e => e.Value)));
            return 1;
        }

        var all = missing.Concat(batch.Value!).ToList();
        var failed = all.Count(r => r.Status == ImportStatus.Failed);
        await stdout.WriteLineAsync(
            $"{all.Count(r => r.Status == ImportStatus.Imported)} imported, {all.Count(r => r.Status == ImportStatus.Unchanged)} unchanged, {failed} failed.");
        return failed == 0 ? 0 : 1;
    }

    public static string ReportLine(ImportFileResult result)
    {
        var status = result.Status switch
        {
            ImportStatus.Imported => "imported",
            ImportStatus.Unchanged => "unchanged",
            _ => "error",
        };
        return $"{status,-9} {result.FileName}: {result.Message}";
    }

    private static Task WriteAsync(TextWriter writer, ImportFileResult result) => writer.WriteLineAsync(ReportLine(result));
}

using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// Imports many files, each in its own unit of work: one file that fails (unreadable, unsupported, a failing save)
/// gets its report line and leaves no rows behind, and the next file starts clean.
/// </summary>
public sealed class DocumentBatchImport(IServiceScopeFactory scopes, IOptions<LibraryOptions> options)
{
    /// <param name="importer">The official importing, or null for the CLI and the start-up import (owner: the RSO).</param>
    /// <param name="reported">Called after each file, so a long batch can print as it goes.</param>
    /// <param name="translationOf">The original document every file translates, if the batch is a set of translations.</param>
    public async Task<CommandResult<IReadOnlyList<ImportFileResult>>> ImportAsync(IReadOnlyList<ImportSource> files, ScopeInput scope, Viewer? importer,
        AuditActor? actor, Func<ImportFileResult, Task>? reported, Guid? translationOf, CancellationToken ct)
    {
        ImportContext context;
        await using (var first = scopes.CreateAsyncScope())
        {
            var resolved = await first.ServiceProvider.GetRequiredService<DocumentImporter>().ResolveContextAsync(scope, importer, actor, ct);
            if (!resolved.Succeeded)
            {
                return resolved.Invalid is not null
                    ? CommandResult<IReadOnlyList<ImportFileResult>>.Fail(resolved.Invalid)
                    : CommandResult<IReadOnlyList<ImportFileResult>>.Fail(resolved.Problem!);
            }

            context = resolved.Value! with { TranslationOfId = translationOf };
        }

        var results = new List<ImportFileResult>();
        foreach (var file in files)
        {
            var result = await ImportOneAsync(context, file, ct);
            results.Add(result);
            if (reported is not null)
            {
                await reported(result);
            }
        }

        return CommandResult<IReadOnlyList<ImportFileResult>>.Ok(results);
    }

    private async Task<ImportFileResult> ImportOneAsync(ImportContext context, ImportSource file, CancellationToken ct)
    {
        // The report names the file as given (a CLI path stays a path), without characters that would garble it.
        var reportName = ImportNames.CleanText(file.Path ?? file.Name);
        var limit = options.Value.MaxFileBytes;
        if (file.Length > limit)
        {
            return ImportFileResult.Failed(reportName, $"larger than the {LibraryLimits.Megabytes(limit)} MB the library accepts");
        }

        byte[] content;
        try
        {
            content = await file.ReadAsync(ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ImportFileResult.Failed(reportName, $"could not be read ({e.Message})");
        }

        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DocumentImporter>().ImportAsync(context, file.Name, content, ct);
        return result with { FileName = reportName };
    }

    /// <summary>
    /// The files named on a command line: files as given, folders searched recursively for the supported types.
    /// A path that does not exist comes back in <paramref name="missing"/>.
    /// </summary>
    public static IReadOnlyList<ImportSource> FilesAt(IEnumerable<string> paths, List<ImportFileResult> missing)
    {
        var files = new List<ImportSource>();
        foreach (var path in paths)
        {
            if (System.IO.Directory.Exists(path))
            {
                files.AddRange(System.IO.Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(DocumentImporter.IsSupported)
                    .Order(StringComparer.Ordinal)
                    .Select(FromFile));
            }
            else if (File.Exists(path))
            {
                files.Add(FromFile(path));
            }
            else
            {
                missing.Add(ImportFileResult.Failed(path, "no such file or folder"));
            }
        }

        return files;
    }

    // The importer sees the file's own name; folders on the way to it are the operator's, not the file's.
    private static ImportSource FromFile(string path) => new(Path.GetFileName(path), new FileInfo(path).Length, ct => File.ReadAllBytesAsync(path, ct), path);
}

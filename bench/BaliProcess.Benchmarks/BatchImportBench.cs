using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using BaliProcess.Web.Features.Accounts;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Features.Search;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BaliProcess.Benchmarks;

/// <summary>
/// Issue 9's target: a batch import of 1,000 documents in under a minute. The files are the evaluation corpus
/// (tests/import-corpus/documents), copied round-robin with each copy made distinct (the importer refuses a file
/// whose content hash it already holds), and imported through <see cref="DocumentBatchImport"/> exactly as
/// <c>./bp import FOLDER</c> does: the platform's own service composition, one unit of work per file, RSO as owner.
/// The search outbox rows are written as part of each import; indexing them is the background indexer's work and
/// not timed here.
/// </summary>
internal static class BatchImportBench
{
    public static async Task<int> RunAsync(string provider, string? connectionString, string folder, int documents, TextWriter output)
    {
        var files = Path.Combine(folder, "files");
        var data = Path.Combine(folder, "data");
        if (System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }

        System.IO.Directory.CreateDirectory(files);
        System.IO.Directory.CreateDirectory(data);
        var generated = Generate(CorpusFolder(), files, documents);
        output.WriteLine($"Generated {generated.Count:N0} distinct files ({generated.Sum(f => new FileInfo(f).Length) / 1024.0 / 1024:N1} MB) from the corpus in {files}");

        var builder = WebApplication.CreateBuilder([]);
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Provider"] = provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) ? "Postgres" : "Sqlite";
        builder.Configuration["Database:DataPath"] = data;
        if (connectionString is not null)
        {
            builder.Configuration["Database:ConnectionString"] = connectionString;
        }

        builder.Configuration["Library:SeedsPath"] = Path.Combine(folder, "no-seeds");
        builder.Services
            .AddPlatformWeb()
            .AddPlatformData(builder.Configuration, builder.Environment)
            .AddPlatformSecurity(builder.Configuration)
            .AddAudit()
            .AddAccounts()
            .AddDirectory()
            .AddLibrary(builder.Configuration)
            .AddActions(builder.Configuration)
            .AddPlatformSearch(builder.Configuration, builder.Environment);
        await using var app = builder.Build();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (connectionString is not null)
            {
                await db.Database.EnsureDeletedAsync();
            }

            await DatabaseMigration.MigrateAsync(db, scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Migrations"), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(CancellationToken.None);
        }

        var missing = new List<ImportFileResult>();
        var sources = DocumentBatchImport.FilesAt([files], missing);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var batch = await app.Services.GetRequiredService<DocumentBatchImport>().ImportAsync(
            sources, new ScopeInput(DistributionScope.Public), importer: null, AuditActor.System("bench"), reported: null, translationOf: null, CancellationToken.None);
        watch.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        if (!batch.Succeeded)
        {
            output.WriteLine($"The batch was refused: {batch.ProblemMessage}");
            return 1;
        }

        var results = batch.Value!;
        int meetings;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            meetings = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Meeting>().CountAsync();
        }

        var imported = results.Count(r => r.Status == ImportStatus.Imported);
        var failed = results.Where(r => r.Status == ImportStatus.Failed).ToList();
        output.WriteLine($"batch-import {provider}: {results.Count:N0} files in {watch.Elapsed.TotalSeconds:N1} s ({results.Count / watch.Elapsed.TotalSeconds:N1} files/s, " +
            $"{watch.Elapsed.TotalMilliseconds / Math.Max(1, results.Count):N1} ms/file); process CPU {used.TotalSeconds:N1} s; " +
            $"{imported:N0} imported, {results.Count(r => r.Status == ImportStatus.Unchanged)} unchanged, {failed.Count} failed; {meetings:N0} meetings stored");
        foreach (var group in failed.GroupBy(f => f.Message).Take(5))
        {
            output.WriteLine($"  failed x{group.Count()}: {group.Key}");
        }

        return watch.Elapsed < TimeSpan.FromMinutes(1) && imported == results.Count - failed.Count ? 0 : 1;
    }

    private static string CorpusFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "import-corpus", "documents");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/import-corpus/documents was not found above the benchmark binaries.");
    }

    /// <summary>
    /// Copies the importable corpus files round-robin until there are <paramref name="count"/>, each copy changed in a
    /// way its format keeps readable: a closing line for text, a last paragraph for .docx, a comment after %%EOF for .pdf.
    /// </summary>
    private static List<string> Generate(string corpus, string target, int count)
    {
        var originals = System.IO.Directory.GetFiles(corpus).Where(DocumentImporter.IsSupported).Order(StringComparer.Ordinal).ToList();
        if (originals.Count == 0)
        {
            throw new InvalidOperationException($"No importable files in {corpus}.");
        }

        var written = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var original = originals[i % originals.Count];
            var extension = Path.GetExtension(original).ToLowerInvariant();
            var name = Path.Combine(target, $"{i:D5}-{Path.GetFileName(original)}");
            var marker = $"Library copy {i:D5}.";
            var bytes = File.ReadAllBytes(original);
            File.WriteAllBytes(name, extension switch
            {
                ".docx" => DocxWithParagraph(bytes, marker),
                ".pdf" => [.. bytes, .. Encoding.ASCII.GetBytes($"\n% {marker}\n")],
                _ => [.. bytes, .. Encoding.UTF8.GetBytes($"\n\n{marker}\n")],
            });
            written.Add(name);
        }

        return written;
    }

    private static byte[] DocxWithParagraph(byte[] docx, string text)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("word/document.xml") ?? throw new InvalidDataException("a .docx without word/document.xml");
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            var at = xml.LastIndexOf("<w:sectPr", StringComparison.Ordinal);
            at = at < 0 ? xml.LastIndexOf("</w:body>", StringComparison.Ordinal) : at;
            xml = xml.Insert(at, $"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write(xml);
        }

        return stream.ToArray();
    }
}

using System.Text;
using BaliProcess.Documents;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using BaliProcess.Web.Infrastructure.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>The importer and the <c>import</c> verb: batches, re-imports, and saves that fail half-way.</summary>
public abstract class DocumentImportTests(PlatformFactory platform) : IDisposable
{
    private readonly string folder = System.IO.Directory.CreateTempSubdirectory("bp-import-").FullName;

    public void Dispose()
    {
        System.IO.Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<(int Exit, string Output)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await PlatformCli.RunAsync(platform.Services, ["import", .. args], TextReader.Null, output, errors);
        return (exit, output + errors.ToString());
    }

    [Fact]
    public async Task ImportCli_BatchWithCorruptPdfAndUnsupportedFile_ReportsEachAndImportsTheRest()
    {
        var marker = Marker("Batch");
        var (statement, start) = Statement(marker);
        await File.WriteAllBytesAsync(Path.Combine(folder, "statement.txt"), statement);
        await File.WriteAllBytesAsync(Path.Combine(folder, "broken.pdf"), Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not really a PDF " + marker));
        System.IO.Directory.CreateDirectory(Path.Combine(folder, "nested"));
        await File.WriteAllTextAsync(Path.Combine(folder, "nested", "note.md"), $"# Note\n\nA short note about {marker} for the library.");
        var unsupported = Path.Combine(folder, "minutes.exe");
        await File.WriteAllBytesAsync(unsupported, [0x4D, 0x5A, 0x90, 0x00]);

        var (exit, output) = await CliAsync(folder, unsupported, Path.Combine(folder, "missing.txt"), "--scope", "Public");

        exit.ShouldBe(1, output);
        output.ShouldContain($"imported  {Path.Combine(folder, "statement.txt")}: co-chairs' statement");
        output.ShouldContain($"meeting \"Second Ad Hoc Group Meeting\" on {start:yyyy-MM-dd} with 5 participants");
        output.ShouldContain($"imported  {Path.Combine(folder, "nested", "note.md")}");
        output.ShouldContain($"error     {Path.Combine(folder, "broken.pdf")}: The file could not be read: broken.pdf: not a readable PDF");
        output.ShouldContain($"error     {unsupported}: 'minutes.exe' cannot be imported");
        output.ShouldContain($"error     {Path.Combine(folder, "missing.txt")}: no such file or folder");
        output.ShouldContain("2 imported, 0 unchanged, 3 failed.");
        var stored = await platform.WithDbAsync(db => db.Set<LibraryDocument>().Where(d => d.Text.Contains(marker)).Select(d => d.OriginalFileName).OrderBy(n => n).ToListAsync());
        stored.ShouldBe(["note.md", "statement.txt"]);
    }

    [Fact]
    public async Task ImportCli_SameFileTwice_SecondRunChangesNothing()
    {
        var marker = Marker("Twice");
        var path = Path.Combine(folder, "statement.txt");
        await File.WriteAllBytesAsync(path, Statement(marker).Content);
        var first = await CliAsync(path);
        var before = await CountsAsync(marker);

        var second = await CliAsync(path);

        first.Exit.ShouldBe(0, first.Output);
        second.Exit.ShouldBe(0, second.Output);
        second.Output.ShouldContain($"unchanged {path}: already in the library as \"Co-Chairs' Statement: Second Ad Hoc Group Meeting\"; nothing changed");
        (await CountsAsync(marker)).ShouldBe(before);
        before.ShouldBe((1, 1, 2));
    }

    [Fact]
    public async Task ImportCli_NoPath_IsAUsageError()
    {
        var (exit, output) = await CliAsync("--scope", "Public");

        exit.ShouldBe(2);
        output.ShouldContain("Give at least one file or folder to import.");
    }

    [Fact]
    public async Task Import_HandlerThrowsMidCommit_LeavesNoDocumentFileAuditOrHandlerRows()
    {
        var marker = Marker("Throws");
        var content = ProgressReport(marker);
        var hash = DocumentImporter.Hash(content);
        var auditsBefore = await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "library.document.import"));

        var result = await ImportWithHandlerAsync(new ThrowingHandler(marker), content);

        result.Status.ShouldBe(ImportStatus.Failed);
        result.Message.ShouldContain("nothing of it was kept");
        result.Message.ShouldContain("the actions module is unavailable");
        await platform.WithDbAsync(async db =>
        {
            (await db.Set<LibraryDocument>().CountAsync(d => d.ContentHash == hash)).ShouldBe(0);
            (await db.Set<DocumentFile>().CountAsync(f => !db.Set<LibraryDocument>().Any(d => d.Id == f.DocumentId))).ShouldBe(0);
            (await db.Set<Activity>().CountAsync(a => a.Title == marker)).ShouldBe(0);
            (await db.Set<AuditEntry>().CountAsync(a => a.Action == "library.document.import")).ShouldBe(auditsBefore);
            return 0;
        });

        // The failure leaves the audit chain intact and the same file can be imported afterwards.
        (await ImportWithHandlerAsync(new CountingHandler(), content)).Status.ShouldBe(ImportStatus.Imported);
        await using var scope = platform.Scope();
        (await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(default)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Import_ProgressReportWithHandler_HandsTheReportOverInsideTheTransactionAndReportsItsNote()
    {
        var marker = Marker("Handed");
        var handler = new CountingHandler();

        var result = await ImportWithHandlerAsync(handler, ProgressReport(marker));

        result.Status.ShouldBe(ImportStatus.Imported, result.Message);
        result.Kind.ShouldBe(DocumentKind.ProgressReport);
        result.Notes!.ShouldContain(n => n.StartsWith("actions: ", StringComparison.Ordinal));
        handler.SawDocument.ShouldBe(result.DocumentId);
        handler.Importer.ShouldBeNull();
    }

    [Fact]
    public async Task Import_ProgressReportWithoutHandlers_KeepsTheDocumentAndSaysSo()
    {
        var result = await ImportWithHandlersAsync([], ProgressReport(Marker("Kept")));

        result.Status.ShouldBe(ImportStatus.Imported, result.Message);
        result.Message.ShouldStartWith("progress report \"Ad Hoc Group Progress Report: October 2017\"");
        result.Notes!.ShouldContain(n => n.EndsWith("kept as a document with its table's rows (no module takes its actions)", StringComparison.Ordinal));
        (await platform.WithDbAsync(db => db.Set<ProgressReportRow>().CountAsync(r => r.DocumentId == result.DocumentId))).ShouldBeGreaterThan(0);
    }

    private Task<ImportFileResult> ImportWithHandlerAsync(IProgressReportImportHandler handler, byte[] content) => ImportWithHandlersAsync([handler], content);

    /// <summary>Imports with exactly these progress-report handlers, whatever modules the platform has registered.</summary>
    private async Task<ImportFileResult> ImportWithHandlersAsync(IProgressReportImportHandler[] handlers, byte[] content)
    {
        await using var scope = platform.Scope();
        var services = scope.ServiceProvider;
        var importer = new DocumentImporter(
            services.GetRequiredService<AppDbContext>(), services.GetRequiredService<AuditLog>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<SearchNotifier>(), handlers, services.GetRequiredService<IOptions<LibraryOptions>>(),
            services.GetRequiredService<ILogger<DocumentImporter>>());
        var context = await importer.ResolveContextAsync(new ScopeInput(DistributionScope.Public), null, AuditActor.System("test"), default);
        return await importer.ImportAsync(context.Value!, "report.txt", content, default);
    }

    private Task<(int Documents, int Meetings, int Outcomes)> CountsAsync(string marker) =>
        platform.WithDbAsync(async db =>
        {
            var ids = await db.Set<LibraryDocument>().Where(d => d.Text.Contains(marker)).Select(d => d.Id).ToListAsync();
            var meetings = await db.Set<MeetingSource>().Where(s => ids.Contains(s.DocumentId)).Select(s => s.MeetingId).Distinct().ToListAsync();
            return (ids.Count, meetings.Count, await db.Set<MeetingOutcome>().CountAsync(o => meetings.Contains(o.MeetingId)));
        });

    /// <summary>Adds a row of its own, then fails: everything, its row included, must be rolled back.</summary>
    private sealed class ThrowingHandler(string marker) : IProgressReportImportHandler
    {
        public Task<string> ImportAsync(AppDbContext db, LibraryDocument document, ProgressReportInfo report, Viewer? importer, CancellationToken ct)
        {
            db.Add(new Activity { Title = marker, Year = 2017, Month = 10, OwnerMemberId = document.OwnerMemberId, SourceDocumentId = document.Id });
            throw new InvalidOperationException("the actions module is unavailable");
        }
    }

    private sealed class CountingHandler : IProgressReportImportHandler
    {
        public Guid? SawDocument { get; private set; }

        public Viewer? Importer { get; private set; }

        public Task<string> ImportAsync(AppDbContext db, LibraryDocument document, ProgressReportInfo report, Viewer? importer, CancellationToken ct)
        {
            SawDocument = db.ChangeTracker.Entries<LibraryDocument>().Any(e => e.Entity.Id == document.Id) ? document.Id : null;
            Importer = importer;
            return Task.FromResult($"actions: {report.Themes.Sum(t => t.Actions.Count)} read");
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DocumentImportSqliteTests(SqlitePlatform platform) : DocumentImportTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class DocumentImportPostgresTests(PostgresPlatform platform) : DocumentImportTests(platform);

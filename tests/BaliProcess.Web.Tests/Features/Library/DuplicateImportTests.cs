using System.Net;
using System.Text;
using System.Text.Json;
using BaliProcess.Documents;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>
/// Defect 8: the duplicate-file check spans only what the importer may see. Another member's private copy neither
/// blocks an import nor is hinted at; an own copy and a public copy are reported as duplicates.
/// </summary>
public abstract class DuplicateImportTests(PlatformFactory platform)
{
    private static byte[] Handbook(string marker) => Encoding.UTF8.GetBytes($"# Handbook on {marker}\n\nGuidance for officials on {marker}.");

    private static async Task<JsonElement> UploadResultAsync(HttpClient client, string name, byte[] content, string scope)
    {
        var response = await UploadAsync(client, scope, (name, content));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("results")[0].Clone();
    }

    private Task<int> CopiesAsync(byte[] content) =>
        platform.WithDbAsync(db => db.Set<LibraryDocument>().CountAsync(d => d.ContentHash == DocumentImporter.Hash(content)));

    [Fact]
    public async Task Import_FileAnotherMemberHoldsPrivately_IsImportedWithoutNamingTheOtherCopy()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var thailand = await platform.SignInNewUserAsync("THA");
        var marker = Marker("PrivDup");
        var content = Handbook(marker);
        var indonesianCopy = await ImportAsync(indonesia, "handbook.md", content, scope: "OwnMember");

        var result = await UploadResultAsync(thailand, "handbook.md", content, "OwnMember");

        result.GetProperty("status").GetString().ShouldBe("Imported", result.ToString());
        result.GetProperty("message").GetString()!.ShouldNotContain("already");
        var thaiCopy = result.GetProperty("documentId").GetGuid();
        thaiCopy.ShouldNotBe(indonesianCopy);
        (await CopiesAsync(content)).ShouldBe(2);
        var owners = await platform.WithDbAsync(db => db.Set<LibraryDocument>().Where(d => d.Id == thaiCopy || d.Id == indonesianCopy)
            .Select(d => d.OwnerMemberId).Distinct().CountAsync());
        owners.ShouldBe(2);
        (await thailand.GetAsync($"/api/documents/{indonesianCopy}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UploadPage_FileAnotherMemberHoldsPrivately_ShowsThePreview()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var thailand = await platform.SignInNewUserAsync("THA");
        var marker = Marker("PrivPage");
        var content = Handbook(marker);
        await ImportAsync(indonesia, "handbook.md", content, scope: "OwnMember");

        var page = await thailand.GetStringAsync("/Library/Upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(PlatformFactory.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("OwnMember"), "Form.Scope" },
            { new ByteArrayContent(content), "Form.File", "handbook.md" },
        };
        var html = await (await thailand.PostAsync("/Library/Upload?handler=Preview", form)).Content.ReadAsStringAsync();

        html.ShouldContain("Check and save: handbook.md");
        html.ShouldNotContain("already in the library");
    }

    [Fact]
    public async Task Import_OwnFileTwice_IsAlreadyInTheLibraryAndStoredOnce()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var colleague = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("OwnDup");
        var content = Handbook(marker);
        var first = await ImportAsync(indonesia, "handbook.md", content, scope: "OwnMember");

        var again = await UploadResultAsync(colleague, "handbook-copy.md", content, "Public");

        again.GetProperty("status").GetString().ShouldBe("Unchanged", again.ToString());
        again.GetProperty("message").GetString().ShouldBe($"already in the library as \"Handbook on {marker}\"; nothing changed");
        again.GetProperty("documentId").GetGuid().ShouldBe(first);
        (await CopiesAsync(content)).ShouldBe(1);
    }

    [Fact]
    public async Task Import_FileSomeoneHoldsPublicly_IsADuplicateForAnyone()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var thailand = await platform.SignInNewUserAsync("THA");
        var marker = Marker("PubDup");
        var content = Handbook(marker);
        var published = await ImportAsync(indonesia, "handbook.md", content, scope: "Public");

        var again = await UploadResultAsync(thailand, "handbook.md", content, "OwnMember");

        again.GetProperty("status").GetString().ShouldBe("Unchanged", again.ToString());
        again.GetProperty("documentId").GetGuid().ShouldBe(published);
        again.GetProperty("message").GetString()!.ShouldContain($"\"Handbook on {marker}\"");
        (await CopiesAsync(content)).ShouldBe(1);
    }

    [Fact]
    public async Task ImportCli_FileAMemberHoldsPrivately_IsImportedForTheRso()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("CliDup");
        var content = Handbook(marker);
        await ImportAsync(indonesia, "handbook.md", content, scope: "OwnMember");
        var folder = System.IO.Directory.CreateTempSubdirectory("bp-dup-").FullName;
        try
        {
            var path = Path.Combine(folder, "handbook.md");
            await File.WriteAllBytesAsync(path, content);
            var output = new StringWriter();

            var exit = await PlatformCli.RunAsync(platform.Services, ["import", path], TextReader.Null, output, output);

            exit.ShouldBe(0, output.ToString());
            output.ToString().ShouldContain($"imported  {path}");
            (await CopiesAsync(content)).ShouldBe(2);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_SameFileTwiceAtOnce_OneIsImportedTheOtherFindsItThroughTheUniqueIndex()
    {
        var content = ProgressReport(Marker("Race"));
        var meeting = new Rendezvous(2);

        // Both imports pass the duplicate check before either saves: the handler, inside each import's transaction,
        // waits for the other (or, where the database lets one writer in at a time, for a short while).
        var results = await Task.WhenAll(ImportForRsoAsync(meeting, content), ImportForRsoAsync(meeting, content));

        meeting.Arrivals.ShouldBe(2, "Both imports reached their save.");
        results.Select(r => r.Status).Order().ToArray().ShouldBe(new[] { ImportStatus.Imported, ImportStatus.Unchanged }, string.Join("; ", results.Select(r => r.Message)));
        results.Single(r => r.Status == ImportStatus.Unchanged).DocumentId.ShouldBe(results.Single(r => r.Status == ImportStatus.Imported).DocumentId);
        (await CopiesAsync(content)).ShouldBe(1);
    }

    private async Task<ImportFileResult> ImportForRsoAsync(IProgressReportImportHandler handler, byte[] content)
    {
        await Task.Yield();
        await using var scope = platform.Scope();
        var services = scope.ServiceProvider;
        var importer = new DocumentImporter(
            services.GetRequiredService<AppDbContext>(), services.GetRequiredService<AuditLog>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<SearchNotifier>(), [handler], services.GetRequiredService<IOptions<LibraryOptions>>(),
            services.GetRequiredService<ILogger<DocumentImporter>>());
        var context = await importer.ResolveContextAsync(new ScopeInput(DistributionScope.Public), null, AuditActor.System("test"), default);
        return await importer.ImportAsync(context.Value!, "report.txt", content, default);
    }

    /// <summary>Holds each import inside its transaction until all have arrived, or for at most two seconds.</summary>
    private sealed class Rendezvous(int expected) : IProgressReportImportHandler
    {
        private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrivals;

        public int Arrivals => arrivals;

        public async Task<string> ImportAsync(AppDbContext db, LibraryDocument document, ProgressReportInfo report, Viewer? importer, CancellationToken ct)
        {
            if (Interlocked.Increment(ref arrivals) >= expected)
            {
                all.TrySetResult();
            }

            await Task.WhenAny(all.Task, Task.Delay(TimeSpan.FromSeconds(2), ct));
            return "";
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DuplicateImportSqliteTests(SqlitePlatform platform) : DuplicateImportTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class DuplicateImportPostgresTests(PostgresPlatform platform) : DuplicateImportTests(platform);

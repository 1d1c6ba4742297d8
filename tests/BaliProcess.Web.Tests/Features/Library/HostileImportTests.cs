using System.Net;
using System.Text.Json;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Tests.Infrastructure;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>
/// Hostile input end to end, through each of the three ways a file enters the library: the upload page (a browser
/// without JavaScript), POST /api/documents and the <c>import</c> verb. Each file is refused with a message naming the
/// problem, leaves no document, file or import audit row (and no waiting upload on disk), and the platform answers
/// the next request.
/// </summary>
public abstract class HostileImportTests(HostileInputPlatform platform)
{
    private async Task ShouldStillAnswerAsync()
    {
        var response = await platform.Anonymous().GetAsync("/api/documents/count");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "The platform must answer after refusing the file.");
    }

    private void NoUploadShouldWait() =>
        System.IO.Directory.EnumerateFileSystemEntries(platform.PendingUploadsPath).ShouldBeEmpty("A refused upload must not wait on disk.");

    [Theory]
    [MemberData(nameof(HostileInputs.ForUploads), MemberType = typeof(HostileInputs))]
    public async Task UploadPage_HostileFile_IsRefusedOnTheFormAndNothingIsStored(string name)
    {
        var input = HostileInputs.Get(name);
        var officer = await platform.SignInNewUserAsync("IDN");
        var before = await HostileInputs.CountsAsync(platform, input.Content);
        var page = await officer.GetStringAsync("/Library/Upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(PlatformFactory.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("Public"), "Form.Scope" },
        };
        form.Add(HostileInputs.FilePart("Form.File", input));

        var response = await officer.PostAsync("/Library/Upload?handler=Preview", form);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("There is a problem");
        html.ShouldContain(input.Expected);
        html.ShouldNotContain("Check and save:");
        (await HostileInputs.CountsAsync(platform, input.Content)).ShouldBe(before);
        NoUploadShouldWait();
        await ShouldStillAnswerAsync();
    }

    [Theory]
    [MemberData(nameof(HostileInputs.ForUploads), MemberType = typeof(HostileInputs))]
    public async Task DocumentsApi_HostileFile_IsAValidationProblemAndNothingIsStored(string name)
    {
        var input = HostileInputs.Get(name);
        var officer = await platform.SignInNewUserAsync("IDN");
        var before = await HostileInputs.CountsAsync(platform, input.Content);

        using var form = new MultipartFormDataContent { { new StringContent("Public"), "scope" } };
        form.Add(HostileInputs.FilePart("files", input));

        var response = await officer.PostAsync("/api/documents", form);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject()
            .SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())).ToList();
        errors.ShouldContain(m => m!.Contains(input.Expected, StringComparison.Ordinal), body);
        (await HostileInputs.CountsAsync(platform, input.Content)).ShouldBe(before);
        await ShouldStillAnswerAsync();
    }

    [Theory]
    [MemberData(nameof(HostileInputs.ForDisk), MemberType = typeof(HostileInputs))]
    public async Task ImportCli_HostileFile_ExitsNonZeroNamingTheProblemAndNothingIsStored(string name)
    {
        var input = HostileInputs.Get(name);
        var folder = System.IO.Directory.CreateTempSubdirectory("bp-hostile-cli-").FullName;
        try
        {
            var path = Path.Combine(folder, input.FileName);
            await File.WriteAllBytesAsync(path, input.Content);
            var before = await HostileInputs.CountsAsync(platform, input.Content);
            var output = new StringWriter();
            var errors = new StringWriter();

            var exit = await PlatformCli.RunAsync(platform.Services, ["import", path], TextReader.Null, output, errors);

            var printed = output + errors.ToString();
            exit.ShouldBe(1, printed);
            printed.ShouldContain("error     ");
            printed.ShouldContain(input.Expected);
            printed.ShouldContain("0 imported, 0 unchanged, 1 failed.");
            (await HostileInputs.CountsAsync(platform, input.Content)).ShouldBe(before);
            await ShouldStillAnswerAsync();
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ImportCli_PathThroughParentFolders_StoresTheFileUnderItsOwnName()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("bp-hostile-cli-").FullName;
        try
        {
            System.IO.Directory.CreateDirectory(Path.Combine(folder, "sub"));
            var marker = LibraryFiles.Marker("Parent");
            var content = System.Text.Encoding.UTF8.GetBytes($"# Note on {marker}\n\nText.");
            await File.WriteAllBytesAsync(Path.Combine(folder, "note.md"), content);
            var path = Path.Combine(folder, "sub", "..", "note.md");
            var output = new StringWriter();

            var exit = await PlatformCli.RunAsync(platform.Services, ["import", path], TextReader.Null, output, output);

            exit.ShouldBe(0, output.ToString());
            var stored = await platform.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<BaliProcess.Web.Features.Library.LibraryDocument>().Where(d => d.Text.Contains(marker)).Select(d => d.OriginalFileName)));
            stored.ShouldBe("note.md");
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DocumentsApi_BrowserStylePathInTheName_IsStoredUnderTheFileNameAlone()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = LibraryFiles.Marker("WinPath");
        var content = System.Text.Encoding.UTF8.GetBytes($"# Guide on {marker}\n\nText.");

        var id = await LibraryFiles.ImportAsync(officer, @"C:\Users\wayan\Documents\guide.md", content);

        var detail = await LibraryFiles.GetJsonAsync(officer, $"/api/documents/{id}");
        detail.GetProperty("document").GetProperty("originalFileName").GetString().ShouldBe("guide.md");
    }
}

[Collection(HostileInputSqliteCollection.Name)]
public sealed class HostileImportSqliteTests(HostileInputSqlitePlatform platform) : HostileImportTests(platform);

[Collection(HostileInputPostgresCollection.Name)]
public sealed class HostileImportPostgresTests(HostileInputPostgresPlatform platform) : HostileImportTests(platform);

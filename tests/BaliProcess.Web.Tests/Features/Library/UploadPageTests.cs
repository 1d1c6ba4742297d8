using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>The upload page, as a browser without JavaScript uses it: upload, preview with every field editable, save.</summary>
public abstract class UploadPageTests(PlatformFactory platform)
{
    private static async Task<HttpResponseMessage> PreviewAsync(HttpClient client, string fileName, byte[] content, string query = "")
    {
        var page = await client.GetStringAsync("/Library/Upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(PlatformFactory.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("Public"), "Form.Scope" },
        };
        if (content.Length > 0)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(file, "Form.File", fileName);
        }

        return await client.PostAsync("/Library/Upload?handler=Preview" + query, form);
    }

    private Task<int> StoredWithAsync(string marker) =>
        platform.WithDbAsync(db => db.Set<LibraryDocument>().CountAsync(d => d.Text.Contains(marker)));

    [Fact]
    public async Task UploadPage_PreviewOfAStatementWithAGuestAndApologies_ShowsThemAndTheReviewPoints()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Flags");
        var (content, start) = Statement(marker);
        var text = Encoding.UTF8.GetString(content)
            .Replace("Thailand and Viet Nam", "Thailand, Viet Nam and the Coastal Authority of Qzyxwv", StringComparison.Ordinal)
            .Replace("Second Ad Hoc Group Meeting", $"Second Ad Hoc Group Meeting, 3 March {start.Year - 3}", StringComparison.Ordinal)
            + "\nApologies were received from Fiji.\n";

        var preview = await PreviewAsync(officer, "statement.txt", Encoding.UTF8.GetBytes(text));
        var html = await preview.Content.ReadAsStringAsync();

        preview.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        var fields = FormFields(html, "Save");
        Field(fields, "Form.Attendees").ShouldContain("name:Coastal Authority of Qzyxwv");
        Field(fields, "Form.Apologies").ShouldBe("FJI");
        html.ShouldContain("Points to check");
        (await StoredWithAsync(marker)).ShouldBe(0, "Nothing is stored before Save.");
    }

    [Fact]
    public async Task UploadPage_PreviewEditAndSave_StoresTheEditedValues()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Upload");
        var (content, start) = Statement(marker);

        var preview = await PreviewAsync(officer, "statement.txt", content);
        var html = await preview.Content.ReadAsStringAsync();

        preview.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Check and save: statement.txt");
        (await StoredWithAsync(marker)).ShouldBe(0, "Nothing is stored before Save.");
        var fields = FormFields(html, "Save");
        Field(fields, "Form.Kind").ShouldBe("CoChairsStatement");
        Field(fields, "Form.MeetingStart").ShouldBe(start.ToString("yyyy-MM-dd"));
        Field(fields, "Form.MeetingFormat").ShouldBe("Hybrid");
        Field(fields, "Form.Observers").ShouldBe("ASEAN");
        Field(fields, "Form.Outcomes").ShouldContain($"Agreed: The Meeting agreed to convene a workshop on {marker}");

        Set(fields, "Form.Title", $"Edited statement {marker}");
        Set(fields, "Form.MeetingPlace", "Denpasar, Indonesia");
        Set(fields, "Form.Attendees", Field(fields, "Form.Attendees") + "\nPHL");
        var saved = await officer.PostAsync("/Library/Upload?handler=Save", new FormUrlEncodedContent(fields));

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var location = saved.Headers.Location!.OriginalString;
        location.ShouldStartWith("/Library/Documents/");
        var id = Guid.Parse(location["/Library/Documents/".Length..].Split('?')[0]);
        var document = await GetJsonAsync(officer, $"/api/documents/{id}");
        document.GetProperty("document").GetProperty("title").GetString().ShouldBe($"Edited statement {marker}");
        var meeting = await GetJsonAsync(officer, $"/api/meetings/{document.GetProperty("meetingId").GetGuid()}");
        meeting.GetProperty("meeting").GetProperty("place").GetString().ShouldBe("Denpasar, Indonesia");
        meeting.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ShouldContain("PHL");
        (await officer.GetStringAsync(location)).ShouldContain("The document was saved to the library.");

        var again = await officer.PostAsync("/Library/Upload?handler=Save", new FormUrlEncodedContent(fields));
        (await again.Content.ReadAsStringAsync()).ShouldContain("is no longer waiting");
        (await StoredWithAsync(marker)).ShouldBe(1);
    }

    [Fact]
    public async Task UploadPage_UnsupportedFile_ShowsTheErrorOnTheForm()
    {
        var officer = await platform.SignInNewUserAsync("IDN");

        var response = await PreviewAsync(officer, "minutes.exe", [0x4D, 0x5A, 0x90]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("There is a problem");
        html.ShouldContain("href=\"#Form_File\"");
        html.ShouldContain("cannot be imported: use a .txt, .md, .html, .pdf or .docx file.");
    }

    [Fact]
    public async Task UploadPage_NoFileInIndonesian_ShowsTheErrorInIndonesian()
    {
        var officer = await platform.SignInNewUserAsync("IDN");

        var response = await PreviewAsync(officer, "", [], "&culture=id");

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Pilih berkas untuk diunggah.");
        html.ShouldContain("Impor dokumen");
    }

    [Fact]
    public async Task UploadPage_BadDateAndUnknownCodeOnSave_ShowTheErrorsAndSaveNothing()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("BadEdit");
        var html = await (await PreviewAsync(officer, "statement.txt", Statement(marker).Content)).Content.ReadAsStringAsync();
        var fields = FormFields(html, "Save");
        Set(fields, "Form.MeetingStart", "27 July");
        Set(fields, "Form.Attendees", "AUS\nXYZ");

        var response = await officer.PostAsync("/Library/Upload?handler=Save", new FormUrlEncodedContent(fields));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("There is a problem");
        page.ShouldContain("27 July&#x27; is not a date: write it as YYYY-MM-DD.");
        page.ShouldContain("Check and save: statement.txt");
        (await StoredWithAsync(marker)).ShouldBe(0);

        Set(fields, "Form.MeetingStart", Field(fields, "Form.MeetingEnd"));
        var second = await (await officer.PostAsync("/Library/Upload?handler=Save", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync();
        second.ShouldContain("Unknown member code(s): XYZ.");
        (await StoredWithAsync(marker)).ShouldBe(0);
    }

    [Fact]
    public async Task UploadPage_AlreadyImportedFile_SaysSoOnTheForm()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var content = Encoding.UTF8.GetBytes($"# Handbook for {Marker("Again")}\n\nText.");
        await ImportAsync(officer, "handbook.md", content);

        var html = await (await PreviewAsync(officer, "handbook.md", content)).Content.ReadAsStringAsync();

        html.ShouldContain("This file is already in the library as");
    }

    [Fact]
    public async Task UploadPage_AnalystWithoutImporterRole_IsDenied()
    {
        var analyst = await platform.SignInNewUserAsync("IDN", [Roles.Analyst]);

        var response = await analyst.GetAsync("/Library/Upload");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/Accounts/Denied");
        (await analyst.GetStringAsync("/Library")).ShouldNotContain("/Library/Upload");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UploadPageSqliteTests(SqlitePlatform platform) : UploadPageTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class UploadPagePostgresTests(PostgresPlatform platform) : UploadPageTests(platform);

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>The import page: upload a progress report, preview its actions and quantities, save only what was ticked.</summary>
public abstract partial class ImportPageTests(PlatformFactory platform)
{
    private static async Task<HttpResponseMessage> PreviewAsync(HttpClient client, string fileName, byte[] content, string scope = "Public")
    {
        var page = await client.GetStringAsync("/Actions/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(PlatformFactory.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(scope), "Scope" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "Upload", fileName);
        return await client.PostAsync("/Actions/Import?handler=Preview", form);
    }

    private Task<(int Documents, int Actions, int Updates)> CountsAsync() =>
        platform.WithDbAsync(async db => (await db.Set<LibraryDocument>().CountAsync(), await db.Set<TrackedAction>().CountAsync(), await db.Set<StatusUpdate>().CountAsync()));

    [Fact]
    public async Task ImportPage_PreviewThenSave_StoresTheActionWithOnlyTheTickedQuantities()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var marker = Marker("Import");
        var (content, theme) = Report(platform, marker, "RSO (NZ funded)",
            "<p>The pilot workshop trained 45 officials from 12 countries. Materials are being developed and will be delivered by 31 March 2027.</p>");
        var before = await CountsAsync();

        var preview = await PreviewAsync(admin, "report.txt", content);
        var html = await preview.Content.ReadAsStringAsync();

        preview.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Check and save: report.txt");
        html.ShouldContain($"Develop the {marker} toolkit for frontline officers");
        html.ShouldContain("Regional Support Office");
        html.ShouldContain("Under way");
        var keys = CaptureKeys().Matches(html).Select(m => m.Groups[1].Value).ToList();
        keys.Count.ShouldBe(2, html);
        (await CountsAsync()).ShouldBe(before, "nothing is stored before Save");

        var token = TokenField().Match(html).Groups[1].Value;
        var save = await admin.PostAsync("/Actions/Import?handler=Save", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", PlatformFactory.AntiforgeryToken(html)),
            new("Token", token),
            new("Scope", "Public"),
            new("Capture", keys[0]),
        ]));

        save.StatusCode.ShouldBe(HttpStatusCode.Redirect, await save.Content.ReadAsStringAsync());
        save.Headers.Location!.OriginalString.ShouldBe("/Actions?imported=1");
        var action = await platform.WithDbAsync(db => db.Set<TrackedAction>().Include(a => a.Indicators).ThenInclude(i => i.Values).Include(a => a.Parties)
            .SingleAsync(a => a.Text.Contains(marker)));
        action.Number.ShouldBe($"{theme}.1");
        action.Status.ShouldBe(ActionStatus.UnderWay);
        action.DueDate.ShouldBe(new DateOnly(2027, 3, 31));
        action.Parties.Select(p => (p.Role, p.Label)).ShouldBe([(PartyRole.Lead, "RSO"), (PartyRole.Funder, "NZL")], ignoreOrder: true);
        action.Indicators.SelectMany(i => i.Values).Select(v => v.Value).ShouldBe([45]);
    }

    [Fact]
    public async Task ImportPage_MalformedDocx_ShowsAClearErrorAndChangesNothing()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var before = await CountsAsync();

        var response = await PreviewAsync(admin, "report.docx", Encoding.UTF8.GetBytes("This is not a Word file at all."));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("There is a problem");
        html.ShouldContain("The file cannot be imported: The file could not be read");
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ImportPage_TextThatIsNoProgressReport_SaysSoAndChangesNothing()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var before = await CountsAsync();

        var response = await PreviewAsync(admin, "notes.txt", Encoding.UTF8.GetBytes($"Minutes of a lunch {Marker("Lunch")}.\n\nWe talked about the weather."));

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("is not a progress report: no table of numbered actions");
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ImportPage_MemberOfficer_IsNotAllowed()
    {
        var officer = await platform.SignInNewUserAsync("IDN");

        var response = await officer.GetAsync("/Actions/Import");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/Accounts/Denied");
    }

    [GeneratedRegex("name=\"Capture\" value=\"([^\"]+)\"")]
    private static partial Regex CaptureKeys();

    [GeneratedRegex("name=\"Token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

[Collection(SqliteCollection.Name)]
public sealed class ImportPageSqliteTests(SqlitePlatform platform) : ImportPageTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ImportPagePostgresTests(PostgresPlatform platform) : ImportPageTests(platform);

using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>The import page with a progress report as a Word document and as a PDF, both made at test time with a real table.</summary>
public abstract partial class ImportFormatsTests(PlatformFactory platform)
{
    private sealed record Upload(string FileName, int Theme, string Marker, byte[] Content);

    private Upload Make(string extension, Func<string, string, IReadOnlyList<ReportRow>, byte[]> write)
    {
        var marker = Marker("Format");
        var theme = NextThemeNumber(platform);
        ReportRow[] rows =
        [
            new($"{theme}.1", $"Develop the {marker} toolkit for frontline officers", "RSO (NZ funded)",
                "The pilot workshop trained 45 officials from 12 countries.",
                "Materials are being developed and will be delivered by 31 March 2027."),
            new($"{theme}.2", $"Hold a regional {marker} workshop on document fraud", "Thailand, IOM",
                "A workshop was held in Bangkok in May 2026 and further sessions continue."),
        ];
        return new Upload($"report-{marker}.{extension}", theme, marker,
            write("Ad Hoc Group Progress Report: March 2026", $"{theme}. Border cooperation {marker}", rows));
    }

    private async Task PreviewThenSaveAsync(Upload upload)
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var page = await admin.GetStringAsync("/Actions/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(PlatformFactory.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("Public"), "Scope" },
        };
        var file = new ByteArrayContent(upload.Content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "Upload", upload.FileName);

        var preview = await admin.PostAsync("/Actions/Import?handler=Preview", form);
        var html = await preview.Content.ReadAsStringAsync();

        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldNotContain("There is a problem", customMessage: ErrorSummary().Match(html).Value);
        html.ShouldContain($"Check and save: {upload.FileName}");
        html.ShouldContain($"Develop the {upload.Marker} toolkit for frontline officers");
        html.ShouldContain($"Hold a regional {upload.Marker} workshop on document fraud");
        html.ShouldContain("Regional Support Office");
        html.ShouldContain("Under way");
        var keys = CaptureKeys().Matches(html).Select(m => m.Groups[1].Value).ToList();
        keys.Count.ShouldBe(2, "45 officials and 12 countries");
        (await platform.WithDbAsync(db => db.Set<TrackedAction>().CountAsync(a => a.Text.Contains(upload.Marker)))).ShouldBe(0, "nothing is stored before Save");

        var save = await admin.PostAsync("/Actions/Import?handler=Save", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", PlatformFactory.AntiforgeryToken(html)),
            new("Token", TokenField().Match(html).Groups[1].Value),
            new("Scope", "Public"),
            .. keys.Select(k => new KeyValuePair<string, string>("Capture", k)),
        ]));

        save.StatusCode.ShouldBe(HttpStatusCode.Redirect, await save.Content.ReadAsStringAsync());
        save.Headers.Location!.OriginalString.ShouldBe("/Actions?imported=2");
        var actions = await platform.WithDbAsync(db => db.Set<TrackedAction>().Where(a => a.Text.Contains(upload.Marker))
            .Include(a => a.Parties).Include(a => a.Indicators).ThenInclude(i => i.Values).ToListAsync());
        actions.Select(a => a.Number).Order().ShouldBe([$"{upload.Theme}.1", $"{upload.Theme}.2"]);
        var toolkit = actions.Single(a => a.Number == $"{upload.Theme}.1");
        toolkit.Text.ShouldBe($"Develop the {upload.Marker} toolkit for frontline officers");
        toolkit.WhoText.ShouldBe("RSO (NZ funded)");
        toolkit.Status.ShouldBe(ActionStatus.UnderWay);
        toolkit.DueDate.ShouldBe(new DateOnly(2027, 3, 31));
        toolkit.Parties.Select(p => (p.Role, p.Label)).ShouldBe([(PartyRole.Lead, "RSO"), (PartyRole.Funder, "NZL")], ignoreOrder: true);
        toolkit.Indicators.SelectMany(i => i.Values).Select(v => v.Value).ShouldBe([45, 12], ignoreOrder: true);
        var workshop = actions.Single(a => a.Number == $"{upload.Theme}.2");
        workshop.Parties.Where(p => p.Role == PartyRole.Lead).OrderBy(p => p.Position).Select(p => p.Label).ShouldBe(["THA", "IOM"]);
        workshop.Status.ShouldBe(ActionStatus.Ongoing);
        var details = await platform.WithDbAsync(db => db.Set<StatusUpdate>().Where(u => u.ActionId == toolkit.Id).Select(u => u.Narrative).SingleAsync());
        details.ShouldBe("The pilot workshop trained 45 officials from 12 countries.\n\nMaterials are being developed and will be delivered by 31 March 2027.");
    }

    [Fact]
    public async Task ImportPage_DocxReport_PreviewShowsTheActionsAndSaveStoresThem() =>
        await PreviewThenSaveAsync(Make("docx", ReportFiles.Docx));

    [Fact]
    public async Task ImportPage_PdfReport_PreviewShowsTheActionsAndSaveStoresThem() =>
        await PreviewThenSaveAsync(Make("pdf", ReportFiles.Pdf));

    [GeneratedRegex("name=\"Capture\" value=\"([^\"]+)\"")]
    private static partial Regex CaptureKeys();

    [GeneratedRegex("There is a problem.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();

    [GeneratedRegex("name=\"Token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

[Collection(SqliteCollection.Name)]
public sealed class ImportFormatsSqliteTests(SqlitePlatform platform) : ImportFormatsTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ImportFormatsPostgresTests(PostgresPlatform platform) : ImportFormatsTests(platform);

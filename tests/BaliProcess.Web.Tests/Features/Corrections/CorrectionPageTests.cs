using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Actions;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Corrections;

/// <summary>The focal-point and action correction pages, as a browser without script posts them: a reason is required, another member's record is 404.</summary>
public abstract class CorrectionPageTests(PlatformFactory platform)
{
    [Fact]
    public async Task FocalPointEditPage_WithAndWithoutReason_SavesOnlyWithTheReason()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Focal");
        var created = await officer.PostAsJsonAsync("/api/focal-points", new { personName = marker, role = "Liaison", scope = "OwnMember" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var url = $"/Directory/FocalPoints/{id}/Edit";
        var page = await officer.GetStringAsync(url);

        var refused = await officer.PostAsync(url, PlatformFactory.Form(page, ("Form.PersonName", marker), ("Form.Role", "Head of unit"), ("Form.Reason", "")));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        var roleBefore = await platform.WithDbAsync(db => db.Set<FocalPoint>().Where(f => f.Id == id).Select(f => f.Role).SingleAsync());
        var saved = await officer.PostAsync(url, PlatformFactory.Form(page, ("Form.PersonName", marker), ("Form.Role", "Head of unit"), ("Form.Reason", "Promoted in May.")));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        refusedHtml.ShouldContain("error-summary");
        roleBefore.ShouldBe("Liaison");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await platform.WithDbAsync(db => db.Set<FocalPoint>().Where(f => f.Id == id).Select(f => f.Role).SingleAsync())).ShouldBe("Head of unit");
        (await (await platform.SignInNewUserAsync("AUS")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ActionEditPage_WithReason_CorrectsTheTextAndWrongMemberGets404()
    {
        var user = await platform.CreateUserAsync("IDN", [Roles.MemberOfficer]);
        var officer = await platform.SignInAsync(user);
        var marker = Marker("ActPage");
        var actionId = await ActionsTestSupport.ImportReportAsync(platform, ActionsTestSupport.Report(platform, marker, "IDN", "Under way.").Content, DistributionScope.OwnMember, user);
        var url = $"/Actions/{actionId}/Edit";
        var page = await officer.GetStringAsync(url);

        var saved = await officer.PostAsync(url, PlatformFactory.Form(page,
            ("Form.Text", $"Corrected action {marker}"), ("Form.WhoText", "Indonesia"), ("Form.Scope", "OwnMember"), ("Form.Reason", "The report's wording was cut.")));

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        (await platform.WithDbAsync(db => db.Set<TrackedAction>().Where(a => a.Id == actionId).Select(a => a.Text).SingleAsync())).ShouldBe($"Corrected action {marker}");
        (await (await platform.SignInNewUserAsync("AUS")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CorrectionPageSqliteTests(SqlitePlatform platform) : CorrectionPageTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class CorrectionPagePostgresTests(PostgresPlatform platform) : CorrectionPageTests(platform);

using System.Net;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>Status updates: leads update their own actions, the RSO administers all, and bad input stores nothing.</summary>
public abstract class StatusUpdateTests(PlatformFactory platform)
{
    private async Task<Guid> SeedActionAsync(string number)
    {
        await ImportSeedReportAsync(platform);
        return (await SeedActionsAsync(platform))[number];
    }

    private async Task ShouldStoreNothingAsync(HttpResponseMessage response, Guid actionId, int before, HttpStatusCode status, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        body.ShouldContain(message);
        (await UpdateCountAsync(platform, actionId)).ShouldBe(before, "a refused update stores nothing");
    }

    [Fact]
    public async Task AddUpdate_Lead_IsStoredWithItsAuditRowAndShownFirst()
    {
        var actionId = await SeedActionAsync("2.3");
        var bangladesh = await platform.SignInNewUserAsync("BGD");
        var marker = Marker("Update");
        var audited = await AuditedUpdatesAsync(actionId);

        var response = await PostUpdateAsync(bangladesh, actionId, new { asOf = Today, status = "UnderWay", narrative = $"Campaign {marker} reached 12 more districts." });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var detail = await GetJsonAsync(bangladesh, $"/api/actions/{actionId}");
        var newest = detail.GetProperty("updates")[0];
        newest.GetProperty("narrative").GetString()!.ShouldContain(marker);
        newest.GetProperty("authorMemberCode").GetString().ShouldBe("BGD");
        newest.GetProperty("status").GetString().ShouldBe("UnderWay");
        detail.GetProperty("action").GetProperty("status").GetString().ShouldBe("UnderWay");
        detail.GetProperty("canUpdate").GetBoolean().ShouldBeTrue();
        detail.GetProperty("updates").EnumerateArray().ShouldContain(u => u.GetProperty("asOf").GetString() == "2017-10-01", "the history is kept");
        (await AuditedUpdatesAsync(actionId)).ShouldBe(audited + 1);
    }

    private Task<int> AuditedUpdatesAsync(Guid actionId) =>
        platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "actions.update.add" && e.SubjectId == actionId.ToString() && e.Outcome == AuditOutcome.Succeeded));

    [Fact]
    public async Task AddUpdate_NotALead_Answers403AndStoresNothing()
    {
        var actionId = await SeedActionAsync("2.3");
        var thailand = await platform.SignInNewUserAsync("THA");
        var before = await UpdateCountAsync(platform, actionId);

        var response = await PostUpdateAsync(thailand, actionId, new { asOf = Today, status = "Completed", narrative = "Thailand says it is done." });

        await ShouldStoreNothingAsync(response, actionId, before, HttpStatusCode.Forbidden, "Only an official of a lead of this action");
        (await GetJsonAsync(thailand, $"/api/actions/{actionId}")).GetProperty("canUpdate").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task AddUpdate_UnknownStatus_Answers400NamingTheAllowedValuesAndStoresNothing()
    {
        var actionId = await SeedActionAsync("2.3");
        var australia = await platform.SignInNewUserAsync("AUS");
        var before = await UpdateCountAsync(platform, actionId);

        var response = await PostUpdateAsync(australia, actionId, new { asOf = Today, status = "Finished", narrative = "Done." });

        await ShouldStoreNothingAsync(response, actionId, before, HttpStatusCode.BadRequest, "'Finished' is not an allowed status: use one of NotStarted, UnderWay, Ongoing, Completed, Dormant, Discontinued.");
    }

    [Fact]
    public async Task AddUpdate_DateInTheFuture_Answers400AndStoresNothing()
    {
        var actionId = await SeedActionAsync("2.3");
        var australia = await platform.SignInNewUserAsync("AUS");
        var before = await UpdateCountAsync(platform, actionId);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await PostUpdateAsync(australia, actionId, new { asOf = tomorrow, status = "Ongoing", narrative = "Not yet happened." });

        await ShouldStoreNothingAsync(response, actionId, before, HttpStatusCode.BadRequest, $"The date {tomorrow} is in the future");
    }

    [Fact]
    public async Task AddUpdate_EmptyNarrative_Answers400AndStoresNothing()
    {
        var actionId = await SeedActionAsync("2.3");
        var iom = await platform.SignInNewUserAsync("IOM");
        var before = await UpdateCountAsync(platform, actionId);

        var response = await PostUpdateAsync(iom, actionId, new { asOf = Today, status = "Ongoing", narrative = "   " });

        await ShouldStoreNothingAsync(response, actionId, before, HttpStatusCode.BadRequest, "the narrative is required");
    }

    [Fact]
    public async Task AddUpdate_UnknownAction_Answers404()
    {
        var response = await PostUpdateAsync(await platform.SignInNewUserAsync("AUS"), Guid.CreateVersion7(), new { status = "Ongoing", narrative = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AddUpdate_MemberOfALeadBody_IsAllowed()
    {
        var actionId = await SeedActionAsync("1.4");
        await platform.WithDbAsync(async db =>
        {
            var body = await db.Set<Body>().SingleAsync(b => b.Code == "WG-TIP");
            var philippines = await db.Set<Member>().SingleAsync(m => m.Code == "PHL");
            if (!await db.Set<BodyMembership>().AnyAsync(m => m.BodyId == body.Id && m.MemberId == philippines.Id))
            {
                db.Add(new BodyMembership { BodyId = body.Id, MemberId = philippines.Id, Role = BodyRole.Member });
                await db.SaveChangesAsync();
            }

            return 0;
        });

        var response = await PostUpdateAsync(await platform.SignInNewUserAsync("PHL"), actionId,
            new { asOf = "2018-02-20", status = "Ongoing", narrative = "The fourth annual meeting was held." });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AddUpdate_RsoOfficialAndPlatformAdmin_MayUpdateWhatTheyAdminister()
    {
        var rsoLed = await SeedActionAsync("1.1");
        var otherLed = await SeedActionAsync("2.1");
        var rsoOfficer = await platform.SignInNewUserAsync("RSO");
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);

        (await PostUpdateAsync(rsoOfficer, rsoLed, new { asOf = "2018-07-20", status = "Ongoing", narrative = "The 3rd Meeting of National Training Directors was held." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostUpdateAsync(rsoOfficer, otherLed, new { asOf = "2018-07-20", status = "Ongoing", narrative = "Not the RSO's action." }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostUpdateAsync(admin, otherLed, new { asOf = "2018-07-20", status = "Ongoing", narrative = "The RSO administers the tracker." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AddUpdate_BackDated_KeepsTheStatusOfTheNewerUpdate()
    {
        var actionId = await SeedActionAsync("5.3");
        var rso = await platform.SignInNewUserAsync("RSO");
        (await PostUpdateAsync(rso, actionId, new { asOf = "2019-01-10", status = "Completed", narrative = "The last workshop of the series was held." })).EnsureSuccessStatusCode();

        (await PostUpdateAsync(rso, actionId, new { asOf = "2018-04-10", status = "Ongoing", narrative = "A workshop was held in April 2018." })).EnsureSuccessStatusCode();

        (await GetJsonAsync(rso, $"/api/actions/{actionId}")).GetProperty("action").GetProperty("status").GetString().ShouldBe("Completed");
    }

    [Fact]
    public async Task AddUpdate_ApiKeyWithoutWriteScope_IsForbidden()
    {
        var actionId = await SeedActionAsync("2.3");
        var feed = platform.WithApiKey(await platform.CreateApiKeyAsync("BGD", ApiScopes.ActionsRead));
        var writer = platform.WithApiKey(await platform.CreateApiKeyAsync("BGD", ApiScopes.ActionsWrite));

        (await PostUpdateAsync(feed, actionId, new { status = "Ongoing", narrative = "From a read-only key." })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostUpdateAsync(writer, actionId, new { status = "Ongoing", narrative = "From the ministry's reporting system." })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task UpdateForm_Lead_SavesAndShowsTheUpdateInTheHistory()
    {
        var actionId = await SeedActionAsync("3.3");
        var iom = await platform.SignInNewUserAsync("IOM");
        var page = await iom.GetStringAsync($"/Actions/{actionId}");
        page.ShouldContain("Add a status update");
        var marker = Marker("Form");

        var response = await iom.PostAsync($"/Actions/{actionId}", PlatformFactory.Form(page,
            ("Form.AsOf", Today), ("Form.Status", "UnderWay"), ("Form.Narrative", $"Pilot {marker} began with two members.\n\nA second paragraph.")));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var after = await iom.GetStringAsync(response.Headers.Location!.OriginalString);
        after.ShouldContain("Your status update was saved.");
        after.ShouldContain($"Pilot {marker} began with two members.");
    }

    [Fact]
    public async Task UpdateForm_EmptyNarrative_ShowsTheErrorOnTheFormInTheReadersLanguage()
    {
        var actionId = await SeedActionAsync("3.3");
        var iom = await platform.SignInNewUserAsync("IOM");
        var page = await iom.GetStringAsync($"/Actions/{actionId}?culture=id");
        var before = await UpdateCountAsync(platform, actionId);

        var response = await iom.PostAsync($"/Actions/{actionId}?culture=id", PlatformFactory.Form(page, ("Form.AsOf", Today), ("Form.Status", "Ongoing"), ("Form.Narrative", "")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Tuliskan apa yang telah terjadi: uraian wajib diisi.");
        html.ShouldContain("href=\"#Form_Narrative\"");
        (await UpdateCountAsync(platform, actionId)).ShouldBe(before);
    }

    [Fact]
    public async Task ActionPage_NotALead_HasNoUpdateForm()
    {
        var actionId = await SeedActionAsync("3.3");

        var html = await (await platform.SignInNewUserAsync("FJI")).GetStringAsync($"/Actions/{actionId}");

        html.ShouldNotContain("Add a status update");
        html.ShouldContain("Regional Biometric Data Exchange Solution");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StatusUpdateSqliteTests(SqlitePlatform platform) : StatusUpdateTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class StatusUpdatePostgresTests(PostgresPlatform platform) : StatusUpdateTests(platform);

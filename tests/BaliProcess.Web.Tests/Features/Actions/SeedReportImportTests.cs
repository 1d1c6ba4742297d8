using System.Text.Json;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>The October 2017 Ad Hoc Group progress report, imported through the Library's importer, becomes the tracker's 29 actions.</summary>
public abstract class SeedReportImportTests(PlatformFactory platform)
{
    private async Task<JsonElement> ActionAsync(string number)
    {
        await ImportSeedReportAsync(platform);
        var id = (await SeedActionsAsync(platform))[number];
        return await GetJsonAsync(platform.Anonymous(), $"/api/actions/{id}");
    }

    private static List<string?> Codes(JsonElement detail, string property, string code) =>
        detail.GetProperty("action").GetProperty(property).EnumerateArray().Select(p => p.GetProperty(code).GetString()).ToList();

    [Fact]
    public async Task SeedReport_Imported_TrackerHoldsThe29ActionsOf2017()
    {
        await ImportSeedReportAsync(platform);

        var actions = await SeedActionsAsync(platform);

        actions.Keys.Order(ActionNumberComparer.Instance).ShouldBe(
        [
            "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6",
            "4.1", "4.2", "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3", "6.4", "6.5",
        ]);
        var themes = await platform.WithDbAsync(db => db.Set<ActionTheme>().Where(t => t.Strategy == Strategy2017).OrderBy(t => t.Number).Select(t => t.Title).ToListAsync());
        themes.ShouldBe(["Law enforcement cooperation and capacity building", "Information and intelligence sharing", "Border Management",
            "Cooperation on returns and reintegration", "Protection and asylum management", "Member Engagement and Outreach"]);
        var origins = await platform.WithDbAsync(db => db.Set<TrackedAction>().Where(a => actions.Values.Contains(a.Id))
            .Select(a => db.Set<LibraryDocument>().Where(d => d.Id == a.OriginDocumentId).Select(d => d.Title).First()).Distinct().ToListAsync());
        origins.ShouldAllBe(t => t == "Ad Hoc Group Progress Report: October 2017");
    }

    [Fact]
    public async Task SeedReport_Action23_IsLedByBangladeshAustraliaAndIom()
    {
        var detail = await ActionAsync("2.3");

        detail.GetProperty("action").GetProperty("who").GetString().ShouldBe("Bangladesh, Australia, IOM");
        Codes(detail, "leads", "memberCode").ShouldBe(["BGD", "AUS", "IOM"]);
        detail.GetProperty("action").GetProperty("text").GetString().ShouldBe("Conduct pilot, joint information campaign");
        var update = detail.GetProperty("updates").EnumerateArray().Last();
        update.GetProperty("asOf").GetString().ShouldBe("2017-10-01");
        update.GetProperty("narrative").GetString()!.ShouldContain("7,121 students in 135 schools");
    }

    [Fact]
    public async Task SeedReport_Action25_IsLedByTheRsoAndFundedByNewZealand()
    {
        var detail = await ActionAsync("2.5");

        Codes(detail, "leads", "memberCode").ShouldBe(["RSO"]);
        Codes(detail, "funders", "memberCode").ShouldBe(["NZL"]);
        detail.GetProperty("action").GetProperty("dueDate").GetString().ShouldBe("2018-06-30");
        Codes(await ActionAsync("2.6"), "funders", "memberCode").ShouldBe(["CAN"]);
    }

    [Fact]
    public async Task SeedReport_Action61_HasNoLeadButKeepsItsDetails()
    {
        var detail = await ActionAsync("6.1");

        detail.GetProperty("action").GetProperty("leads").GetArrayLength().ShouldBe(0);
        detail.GetProperty("action").GetProperty("who").GetString().ShouldBe("");
        detail.GetProperty("updates")[0].GetProperty("narrative").GetString()!.ShouldContain("Sixth Global Meeting of RCPs in Geneva");
    }

    [Fact]
    public async Task SeedReport_Action32_IsDormantAndLedByTheTechnicalExpertsBody()
    {
        var detail = await ActionAsync("3.2");

        detail.GetProperty("action").GetProperty("status").GetString().ShouldBe("Dormant");
        Codes(detail, "leads", "bodyCode").ShouldBe(["TEWG"]);
    }

    [Fact]
    public async Task SeedReport_UnresolvedLeads_AreKeptAsWritten()
    {
        var detail = await ActionAsync("1.3");

        var lead = detail.GetProperty("action").GetProperty("leads").EnumerateArray().ShouldHaveSingleItem();
        lead.GetProperty("name").GetString().ShouldBe("AHG members");
        lead.GetProperty("memberCode").ValueKind.ShouldBe(JsonValueKind.Null);
        Codes(await ActionAsync("1.2"), "leads", "bodyCode").ShouldBe(["WG-TIP"]);
    }

    [Fact]
    public async Task SeedReport_Quantities_AreCapturedAsIndicatorValuesAtTheReportDate()
    {
        static List<(string Name, double Value)> Values(JsonElement detail) =>
            detail.GetProperty("indicators").EnumerateArray()
                .SelectMany(i => i.GetProperty("values").EnumerateArray().Select(v => (i.GetProperty("name").GetString()!, v.GetProperty("value").GetDouble())))
                .ToList();

        Values(await ActionAsync("1.3")).ShouldContain(("Persons convicted", 72));
        var returned = Values(await ActionAsync("4.1")).Where(v => v.Name == "Migrants returned").Select(v => v.Value).ToList();
        returned.ShouldBe([900, 127], ignoreOrder: true);
        Values(await ActionAsync("1.2")).Count(v => v.Name == "Languages" && v.Value == 14).ShouldBe(1);
        Values(await ActionAsync("1.5")).ShouldContain(("Participants", 91));
        Values(await ActionAsync("1.5")).ShouldContain(("Countries", 37));
        var detail = await ActionAsync("1.3");
        var value = detail.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "Persons convicted").GetProperty("values")[0];
        value.GetProperty("asOf").GetString().ShouldBe("2017-10-01");
        value.GetProperty("note").GetString()!.ShouldContain("72 persons being convicted");
    }

    [Fact]
    public async Task SeedReport_ImportedAgain_ChangesNothing()
    {
        await ImportSeedReportAsync(platform);
        var before = await platform.WithDbAsync(async db => (await db.Set<TrackedAction>().CountAsync(), await db.Set<StatusUpdate>().CountAsync(), await db.Set<IndicatorValue>().CountAsync()));

        await ImportSeedReportAsync(platform);

        var after = await platform.WithDbAsync(async db => (await db.Set<TrackedAction>().CountAsync(), await db.Set<StatusUpdate>().CountAsync(), await db.Set<IndicatorValue>().CountAsync()));
        after.ShouldBe(before);
    }

    [Fact]
    public async Task SeedReport_Imported_IsPublicSearchableAndAudited()
    {
        await ImportSeedReportAsync(platform);
        await platform.DrainSearchAsync();
        var id = (await SeedActionsAsync(platform))["2.3"];

        var list = await GetJsonAsync(platform.Anonymous(), "/api/actions?lead=BGD");
        var search = await GetJsonAsync(platform.Anonymous(), "/api/search?q=%22joint%20information%20campaign%22&kind=action");

        list.EnumerateArray().ShouldContain(a => a.GetProperty("id").GetGuid() == id);
        list.EnumerateArray().ShouldAllBe(a => a.GetProperty("scope").GetString() == "Public");
        search.GetProperty("hits").EnumerateArray().ShouldContain(h => h.GetProperty("url").GetString() == $"/Actions/{id}");
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "actions.import"))).ShouldBeGreaterThan(0);
        (await GetJsonAsync(platform.Anonymous(), "/api/actions?theme=3&status=Dormant")).EnumerateArray()
            .ShouldContain(a => a.GetProperty("number").GetString() == "3.2");
    }

    [Fact]
    public async Task ListActions_UnknownStatusOrBadDate_Answers400()
    {
        var status = await platform.Anonymous().GetAsync("/api/actions?status=Finished");
        var since = await platform.Anonymous().GetAsync("/api/actions?updatedSince=last-week");

        status.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await status.Content.ReadAsStringAsync()).ShouldContain("NotStarted, UnderWay, Ongoing, Completed, Dormant, Discontinued");
        since.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SeedReportImportSqliteTests(SqlitePlatform platform) : SeedReportImportTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class SeedReportImportPostgresTests(PostgresPlatform platform) : SeedReportImportTests(platform);

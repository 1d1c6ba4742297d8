using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>Indicators: a lead adds one with a unit and a target, records dated values, changes the target; the chart shows them.</summary>
public abstract class IndicatorTests(PlatformFactory platform)
{
    private async Task<Guid> SeedActionAsync(string number)
    {
        await ImportSeedReportAsync(platform);
        return (await SeedActionsAsync(platform))[number];
    }

    private static async Task<JsonElement> CreatedJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<int> IndicatorRowsAsync(Guid actionId) =>
        platform.WithDbAsync(db => db.Set<Indicator>().CountAsync(i => i.ActionId == actionId));

    private Task<int> ValueRowsAsync(Guid actionId) =>
        platform.WithDbAsync(db => db.Set<IndicatorValue>().CountAsync(v => db.Set<Indicator>().Any(i => i.Id == v.IndicatorId && i.ActionId == actionId)));

    [Fact]
    public async Task Indicator_LeadAddsItWithATargetAndRecordsValues_DetailAndChartShowThemAndEachStepIsAudited()
    {
        var actionId = await SeedActionAsync("2.3");
        var bangladesh = await platform.SignInNewUserAsync("BGD");
        var name = Marker("Districts");

        var indicator = await CreatedJsonAsync(await bangladesh.PostAsJsonAsync($"/api/actions/{actionId}/indicators", new { name, unit = "districts", target = 64 }));
        var indicatorId = indicator.GetProperty("id").GetGuid();
        await CreatedJsonAsync(await bangladesh.PostAsJsonAsync($"/api/actions/{actionId}/indicators/{indicatorId}/values", new { asOf = "2025-03-01", value = 12, note = "First campaign wave" }));
        await CreatedJsonAsync(await bangladesh.PostAsJsonAsync($"/api/actions/{actionId}/indicators/{indicatorId}/values", new { asOf = "2024-11-01", value = 5 }));
        var changed = await bangladesh.PutAsJsonAsync($"/api/actions/{actionId}/indicators/{indicatorId}", new { name, unit = "districts", target = 40 });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());

        var detail = await GetJsonAsync(bangladesh, $"/api/actions/{actionId}");
        var shown = detail.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);
        shown.GetProperty("target").GetDouble().ShouldBe(40);
        shown.GetProperty("values").EnumerateArray().Select(v => (v.GetProperty("asOf").GetString(), v.GetProperty("value").GetDouble()))
            .ShouldBe([("2024-11-01", 5d), ("2025-03-01", 12d)], "values are kept and shown in date order");
        var page = await platform.Anonymous().GetStringAsync($"/Actions/{actionId}");
        page.ShouldContain($"<h3>{name}</h3>");
        page.ShouldContain("Target: 40 districts.");
        page.ShouldContain("stroke-dasharray=\"6 4\"", customMessage: "the target is drawn as a dashed line");
        page.ShouldContain("First campaign wave");
        var audited = await platform.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.SubjectId == actionId.ToString() && e.Action.StartsWith("actions.indicator.") && e.Detail!.Contains(name)).Select(e => e.Action).ToListAsync());
        audited.Order(StringComparer.Ordinal).ShouldBe(["actions.indicator.add", "actions.indicator.change", "actions.indicator.value", "actions.indicator.value"]);
    }

    [Fact]
    public async Task Indicator_NotALead_Answers403AndStoresNothing()
    {
        var actionId = await SeedActionAsync("2.3");
        var thailand = await platform.SignInNewUserAsync("THA");
        var before = await IndicatorRowsAsync(actionId);

        var response = await thailand.PostAsJsonAsync($"/api/actions/{actionId}/indicators", new { name = "Arrests", unit = "persons" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("may change its indicators");
        (await IndicatorRowsAsync(actionId)).ShouldBe(before);
    }

    [Fact]
    public async Task Indicator_BadInput_Answers400NamingEachFieldAndStoresNothing()
    {
        var actionId = await SeedActionAsync("2.3");
        var bangladesh = await platform.SignInNewUserAsync("BGD");
        var name = Marker("Campaigns");
        var indicatorId = (await CreatedJsonAsync(await bangladesh.PostAsJsonAsync($"/api/actions/{actionId}/indicators", new { name, unit = "campaigns" })))
            .GetProperty("id").GetGuid();
        var (indicators, values) = (await IndicatorRowsAsync(actionId), await ValueRowsAsync(actionId));
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var duplicate = await bangladesh.PostAsJsonAsync($"/api/actions/{actionId}/indicators", new { name = name.ToUpperInvariant(), unit = "campaigns" });
        var empty = await bangladesh.PostAsJsonAsync($"/api/actions/{actionId}/indicators", new { name = "", unit = " ", target = -5 });
        var future = await bangladesh.PostAsJsonAsync($"/api/actions/{actionId}/indicators/{indicatorId}/values", new { asOf = tomorrow, value = -1 });
        var unknown = await bangladesh.PostAsJsonAsync($"/api/actions/{actionId}/indicators/{Guid.NewGuid()}/values", new { value = 3 });
        var malformed = await bangladesh.PostAsync($"/api/actions/{actionId}/indicators/{indicatorId}/values",
            new StringContent("{\"value\": \"many\"}", System.Text.Encoding.UTF8, "application/json"));

        (await duplicate.Content.ReadAsStringAsync()).ShouldContain($"This action already has an indicator named '{name.ToUpperInvariant()}'.");
        var emptyBody = await empty.Content.ReadAsStringAsync();
        emptyBody.ShouldContain("The indicator's name is required.");
        emptyBody.ShouldContain("The unit is required.");
        emptyBody.ShouldContain("The target must be a number of zero or more, or left empty.");
        var futureBody = await future.Content.ReadAsStringAsync();
        futureBody.ShouldContain($"The date {tomorrow} is in the future");
        futureBody.ShouldContain("The value must be a number of zero or more.");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        malformed.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        foreach (var response in new[] { duplicate, empty, future })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        (await IndicatorRowsAsync(actionId)).ShouldBe(indicators);
        (await ValueRowsAsync(actionId)).ShouldBe(values);
    }

    [Fact]
    public async Task Indicator_OtherMembersPrivateAction_Answers404EvenToAPlatformAdministrator()
    {
        var marker = Marker("Hidden");
        var (content, _) = Report(platform, marker, "Australia", "Planning has begun.");
        var australia = await platform.CreateUserAsync("AUS", [Roles.MemberOfficer]);
        var actionId = await ImportReportAsync(platform, content, DistributionScope.OwnMember, australia);

        var response = await (await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin])).PostAsJsonAsync($"/api/actions/{actionId}/indicators", new { name = "Visits", unit = "visits" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await IndicatorRowsAsync(actionId)).ShouldBe(0);
    }

    [Fact]
    public async Task DetailPageForms_LeadAddsAnIndicatorRecordsAValueAndChangesTheTarget_EachIsShown()
    {
        var actionId = await SeedActionAsync("3.3");
        var iom = await platform.SignInNewUserAsync("IOM");
        var name = Marker("Officials");
        var page = await iom.GetStringAsync($"/Actions/{actionId}");
        page.ShouldContain("Add an indicator");

        var added = await iom.PostAsync($"/Actions/{actionId}?handler=Indicator", PlatformFactory.Form(page,
            ("NewIndicator.Name", name), ("NewIndicator.Unit", "officials"), ("NewIndicator.Target", "300")));
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
        page = await iom.GetStringAsync(added.Headers.Location!.OriginalString);
        page.ShouldContain("The indicator was added.");
        var indicatorId = await platform.WithDbAsync(db => db.Set<Indicator>().Where(i => i.ActionId == actionId && i.Name == name).Select(i => i.Id).SingleAsync());

        var value = await iom.PostAsync($"/Actions/{actionId}?handler=Value", PlatformFactory.Form(page,
            ("NewValue.IndicatorId", indicatorId.ToString()), ("NewValue.AsOf", "2025-05-05"), ("NewValue.Value", "125.5"), ("NewValue.Note", "Pilot")));
        value.StatusCode.ShouldBe(HttpStatusCode.Redirect, await value.Content.ReadAsStringAsync());
        var target = await iom.PostAsync($"/Actions/{actionId}?handler=Target", PlatformFactory.Form(page,
            ("NewTarget.IndicatorId", indicatorId.ToString()), ("NewTarget.Target", "")));
        target.StatusCode.ShouldBe(HttpStatusCode.Redirect, await target.Content.ReadAsStringAsync());

        var stored = await platform.WithDbAsync(db => db.Set<Indicator>().Include(i => i.Values).SingleAsync(i => i.Id == indicatorId));
        stored.Target.ShouldBeNull("an empty target field removes the target");
        stored.Values.Select(v => v.Value).ShouldBe([125.5]);
        (await iom.GetStringAsync(target.Headers.Location!.OriginalString)).ShouldContain("The target was changed.");
    }

    [Fact]
    public async Task DetailPageForms_ValueThatIsNoNumberInIndonesian_ShowsTheErrorOnTheFormAndStoresNothing()
    {
        var actionId = await SeedActionAsync("3.3");
        var iom = await platform.SignInNewUserAsync("IOM");
        var page = await iom.GetStringAsync($"/Actions/{actionId}");
        var added = await iom.PostAsync($"/Actions/{actionId}?handler=Indicator", PlatformFactory.Form(page,
            ("NewIndicator.Name", Marker("Trainers")), ("NewIndicator.Unit", "trainers")));
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await iom.GetStringAsync($"/Actions/{actionId}?culture=id");
        var before = await ValueRowsAsync(actionId);
        var indicatorId = await platform.WithDbAsync(db => db.Set<Indicator>().Where(i => i.ActionId == actionId).Select(i => i.Id).FirstAsync());

        var response = await iom.PostAsync($"/Actions/{actionId}?handler=Value&culture=id", PlatformFactory.Form(page,
            ("NewValue.IndicatorId", indicatorId.ToString()), ("NewValue.AsOf", Today), ("NewValue.Value", "banyak")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("&#x27;banyak&#x27; bukan angka");
        html.ShouldContain("href=\"#NewValue_Value\"");
        (await ValueRowsAsync(actionId)).ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IndicatorSqliteTests(SqlitePlatform platform) : IndicatorTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class IndicatorPostgresTests(PostgresPlatform platform) : IndicatorTests(platform);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Library;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>The RSO plans the tracker by hand: themes of a later strategy, and actions with leads, funders and the meeting outcome they come from.</summary>
public abstract class ActionPlanningTests(PlatformFactory platform)
{
    private Task<HttpClient> AdminAsync() => platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);

    private static async Task<JsonElement> CreatedJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<Guid> ThemeAsync(HttpClient admin, string strategy, int number = 1) =>
        (await CreatedJsonAsync(await admin.PostAsJsonAsync("/api/action-themes", new { number, title = "Border management", strategy }))).GetProperty("id").GetGuid();

    /// <summary>A meeting imported from a statement, and the id and text of its first outcome.</summary>
    private static async Task<(Guid MeetingId, Guid OutcomeId, string Text)> OutcomeAsync(HttpClient admin, string marker)
    {
        var documentId = await LibraryFiles.ImportAsync(admin, $"statement-{marker}.txt", LibraryFiles.Statement(marker).Content);
        var meetingId = (await GetJsonAsync(admin, $"/api/documents/{documentId}")).GetProperty("meetingId").GetGuid();
        var outcome = (await GetJsonAsync(admin, $"/api/meetings/{meetingId}")).GetProperty("outcomes")[0];
        return (meetingId, outcome.GetProperty("id").GetGuid(), outcome.GetProperty("text").GetString()!);
    }

    private Task<int> CountAsync<T>()
        where T : class => platform.WithDbAsync(db => db.Set<T>().CountAsync());

    [Fact]
    public async Task CreateTheme_PlatformAdmin_IsListedAndAudited()
    {
        var admin = await AdminAsync();
        var strategy = Marker("Strategy");

        var theme = await CreatedJsonAsync(await admin.PostAsJsonAsync("/api/action-themes", new { number = 4, title = "Returns and reintegration", strategy }));

        var themes = await GetJsonAsync(platform.Anonymous(), "/api/action-themes");
        themes.EnumerateArray().ShouldContain(t => t.GetProperty("strategy").GetString() == strategy && t.GetProperty("number").GetInt32() == 4);
        var id = theme.GetProperty("id").GetGuid().ToString();
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "actions.theme.create" && e.SubjectId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task CreateTheme_DuplicateNumberMissingTitleOrNumberOutOfRange_Answers400AndStoresNothing()
    {
        var admin = await AdminAsync();
        var strategy = Marker("Strategy");
        await ThemeAsync(admin, strategy, 2);
        var before = await CountAsync<ActionTheme>();

        var duplicate = await admin.PostAsJsonAsync("/api/action-themes", new { number = 2, title = "Again", strategy });
        var missing = await admin.PostAsJsonAsync("/api/action-themes", new { number = 120, title = " ", strategy });

        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await duplicate.Content.ReadAsStringAsync()).ShouldContain($"{strategy} already has a theme 2.");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await missing.Content.ReadAsStringAsync();
        body.ShouldContain("The theme number must be a whole number from 1 to 99.");
        body.ShouldContain("The theme's title is required.");
        (await CountAsync<ActionTheme>()).ShouldBe(before);
    }

    [Fact]
    public async Task CreateThemeOrAction_MemberOfficial_Answers403AndStoresNothing()
    {
        var admin = await AdminAsync();
        var themeId = await ThemeAsync(admin, Marker("Strategy"));
        var officer = await platform.SignInNewUserAsync("AUS");
        var (themes, actions) = (await CountAsync<ActionTheme>(), await CountAsync<TrackedAction>());

        var theme = await officer.PostAsJsonAsync("/api/action-themes", new { number = 1, title = "Mine", strategy = Marker("Strategy") });
        var action = await officer.PostAsJsonAsync("/api/actions", new { themeId, number = "1.1", text = "Do it", leads = new[] { "AUS" } });

        theme.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        action.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await action.Content.ReadAsStringAsync()).ShouldContain("This needs the platform administrator role of the Regional Support Office.");
        (await CountAsync<ActionTheme>()).ShouldBe(themes);
        (await CountAsync<TrackedAction>()).ShouldBe(actions);
    }

    [Fact]
    public async Task CreateAction_WithLeadsFundersOriginAndDueDate_IsNotStartedLinkedToItsOutcomeAndItsLeadMayUpdateIt()
    {
        var admin = await AdminAsync();
        var marker = Marker("Plan");
        var themeId = await ThemeAsync(admin, Marker("Strategy"), 3);
        var (meetingId, outcomeId, outcomeText) = await OutcomeAsync(admin, marker);

        var created = await CreatedJsonAsync(await admin.PostAsJsonAsync("/api/actions", new
        {
            themeId, number = "3.7", text = $"Hold the {marker} workshop on document fraud",
            leads = new[] { "AUS", "International Organization for Migration" }, funders = new[] { "NZ" },
            originOutcomeId = outcomeId, dueDate = "2027-06-30",
        }));

        var action = created.GetProperty("action");
        var id = action.GetProperty("id").GetGuid();
        action.GetProperty("status").GetString().ShouldBe("NotStarted");
        action.GetProperty("dueDate").GetString().ShouldBe("2027-06-30");
        action.GetProperty("scope").GetString().ShouldBe("Public");
        action.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("memberCode").GetString()).ShouldBe(["AUS", "IOM"]);
        action.GetProperty("funders").EnumerateArray().Select(l => l.GetProperty("memberCode").GetString()).ShouldBe(["NZL"]);
        created.GetProperty("origin").GetProperty("meetingId").GetGuid().ShouldBe(meetingId);
        created.GetProperty("origin").GetProperty("outcomeText").GetString().ShouldBe(outcomeText);
        var page = await platform.Anonymous().GetStringAsync($"/Actions/{id}");
        page.ShouldContain($"href=\"/Meetings/{meetingId}\"");
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "actions.create" && e.SubjectId == id.ToString()))).ShouldBe(1);

        var australia = await platform.SignInNewUserAsync("AUS");
        (await PostUpdateAsync(australia, id, new { asOf = Today, status = "UnderWay", narrative = "Venue and trainers confirmed." })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task CreateAction_BadInput_Answers400NamingEachFieldAndStoresNothing()
    {
        var admin = await AdminAsync();
        var themeId = await ThemeAsync(admin, Marker("Strategy"), 3);
        (await admin.PostAsJsonAsync("/api/actions", new { themeId, number = "3.1", text = "First", leads = new[] { "AUS" } })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await CountAsync<TrackedAction>();

        var wrongTheme = await admin.PostAsJsonAsync("/api/actions", new
        {
            themeId, number = "7.1", text = " ", leads = new[] { "AUS", "Atlantis" }, originOutcomeId = Guid.NewGuid(), dueDate = "30/06/2027",
        });
        var taken = await admin.PostAsJsonAsync("/api/actions", new { themeId, number = "3.1", text = "Again", leads = Array.Empty<string>() });
        var noTheme = await admin.PostAsJsonAsync("/api/actions", new { themeId = Guid.NewGuid(), number = "three", text = "x", leads = new[] { "AUS" } });

        var body = await wrongTheme.Content.ReadAsStringAsync();
        wrongTheme.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        body.ShouldContain("Actions of theme 3 are numbered 3.1, 3.2 and so on.");
        body.ShouldContain("The action's text is required.");
        body.ShouldContain("Not in the directory: Atlantis.");
        body.ShouldContain("The meeting outcome the action comes from was not found.");
        body.ShouldContain("'30/06/2027' is not a due date");
        (await taken.Content.ReadAsStringAsync()).ShouldContain("Theme 3 already has an action 3.1.");
        var missing = await noTheme.Content.ReadAsStringAsync();
        missing.ShouldContain("Choose the theme the action belongs to.");
        missing.ShouldContain("'three' is not an action number");
        (await CountAsync<TrackedAction>()).ShouldBe(before);
    }

    [Fact]
    public async Task CreateAction_OwnMemberScope_OtherMemberCannotSeeItOnAnyPath()
    {
        var admin = await AdminAsync();
        var themeId = await ThemeAsync(admin, Marker("Strategy"), 5);
        var marker = Marker("Private");
        var created = await CreatedJsonAsync(await admin.PostAsJsonAsync("/api/actions", new
        {
            themeId, number = "5.9", text = $"Review the {marker} arrangement", leads = new[] { "RSO" }, distribution = new { scope = "OwnMember" },
        }));
        var id = created.GetProperty("action").GetProperty("id").GetGuid();
        await platform.DrainSearchAsync();
        string[] paths = ["/api/actions/{id}", "/Actions/{id}", "/api/actions", "/Actions", $"/api/search?q={marker}", "/Actions/Report"];

        await AccessProbe.AssertInvisibleAsync(await platform.SignInNewUserAsync("THA"), id, marker, paths);
        await AccessProbe.AssertVisibleAsync(await platform.SignInNewUserAsync("RSO"), id, marker, "/api/actions/{id}", $"/api/search?q={marker}");
    }

    [Fact]
    public async Task NewPage_AdminAddsAThemeThenAnActionThroughTheForms_TheActionPageShowsIt()
    {
        var admin = await AdminAsync();
        var strategy = Marker("Strategy");
        var page = await admin.GetStringAsync("/Actions/New");

        var themeResponse = await admin.PostAsync("/Actions/New?handler=Theme", PlatformFactory.Form(page,
            ("Theme.Strategy", strategy), ("Theme.Number", "6"), ("Theme.Title", "Member engagement and outreach")));
        themeResponse.StatusCode.ShouldBe(HttpStatusCode.Redirect, await themeResponse.Content.ReadAsStringAsync());
        var withTheme = await admin.GetStringAsync(themeResponse.Headers.Location!.OriginalString);
        withTheme.ShouldContain("The theme 6. Member engagement and outreach was added.");
        var themeId = await platform.WithDbAsync(db => db.Set<ActionTheme>().Where(t => t.Strategy == strategy).Select(t => t.Id).SingleAsync());
        var marker = Marker("Outreach");

        var actionResponse = await admin.PostAsync("/Actions/New", PlatformFactory.Form(withTheme,
            ("Form.ThemeId", themeId.ToString()), ("Form.Number", "6.2"), ("Form.Text", $"Run the {marker} outreach visits"),
            ("Form.Leads", "IDN, RSO"), ("Form.Funders", ""), ("Form.OriginOutcomeId", ""), ("Form.DueDate", ""), ("Form.Scope", "Public")));

        actionResponse.StatusCode.ShouldBe(HttpStatusCode.Redirect, await actionResponse.Content.ReadAsStringAsync());
        var actionPage = await admin.GetStringAsync(actionResponse.Headers.Location!.OriginalString);
        actionPage.ShouldContain($"Run the {marker} outreach visits");
        actionPage.ShouldContain("Not started");
    }

    [Fact]
    public async Task NewPage_WrongNumberInIndonesian_ShowsTheErrorOnTheFormAndStoresNothing()
    {
        var admin = await AdminAsync();
        var themeId = await ThemeAsync(admin, Marker("Strategy"), 2);
        var page = await admin.GetStringAsync("/Actions/New?culture=id");
        var before = await CountAsync<TrackedAction>();

        var response = await admin.PostAsync("/Actions/New?culture=id", PlatformFactory.Form(page,
            ("Form.ThemeId", themeId.ToString()), ("Form.Number", "4.1"), ("Form.Text", "Sesuatu"), ("Form.Leads", "IDN"), ("Form.Scope", "Public")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Tindakan pada tema 2 bernomor 2.1, 2.2, dan seterusnya.");
        html.ShouldContain("href=\"#Form_Number\"");
        (await CountAsync<TrackedAction>()).ShouldBe(before);
    }

    [Fact]
    public async Task NewPage_MemberOfficial_IsDenied()
    {
        var officer = await platform.SignInNewUserAsync("AUS");

        var response = await officer.GetAsync("/Actions/New");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/Accounts/Denied");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ActionPlanningSqliteTests(SqlitePlatform platform) : ActionPlanningTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ActionPlanningPostgresTests(PostgresPlatform platform) : ActionPlanningTests(platform);

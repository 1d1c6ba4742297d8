using System.Net;
using System.Text.Json;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Tests.Infrastructure;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>
/// The filters of <c>GET /api/actions</c> on a platform of their own that holds only the October 2017 report, so each
/// answer is exactly the report's actions that match: the matching ones present, every other one absent.
/// </summary>
public abstract class ActionFilterTests(PlatformFactory platform)
{
    private static readonly string[] UnderWay2017 = ["1.1", "2.5", "2.6", "4.2", "5.1", "5.2", "6.2"];

    private async Task<List<string>> NumbersAsync(string query)
    {
        await ImportSeedReportAsync(platform);
        var list = await GetJsonAsync(platform.Anonymous(), $"/api/actions{query}");
        return list.EnumerateArray().Select(a => a.GetProperty("number").GetString()!).ToList();
    }

    [Fact]
    public async Task ListActions_NoFilter_AnswersThe29ActionsOf2017()
    {
        var numbers = await NumbersAsync("");

        numbers.Count.ShouldBe(29);
        numbers.ShouldBeUnique();
    }

    [Theory]
    [InlineData("?theme=4", new[] { "4.1", "4.2" })]
    [InlineData("?theme=5", new[] { "5.1", "5.2", "5.3", "5.4" })]
    [InlineData("?theme=6", new[] { "6.1", "6.2", "6.3", "6.4", "6.5" })]
    [InlineData("?theme=9", new string[0])]
    [InlineData("?lead=BGD", new[] { "2.3" })]
    [InlineData("?lead=bgd", new[] { "2.3" })]
    [InlineData("?lead=AUS", new[] { "2.3", "4.2" })]
    [InlineData("?lead=WG-TIP", new[] { "1.2", "1.4", "1.5", "2.4" })]
    [InlineData("?lead=TEWG", new[] { "3.2" })]
    [InlineData("?lead=THA", new string[0])]
    [InlineData("?status=Dormant", new[] { "3.2" })]
    [InlineData("?status=Completed", new string[0])]
    [InlineData("?theme=3&status=Dormant", new[] { "3.2" })]
    [InlineData("?theme=1&lead=WG-TIP", new[] { "1.2", "1.4", "1.5" })]
    [InlineData("?updatedSince=2017-10-02", new string[0])]
    public async Task ListActions_Filter_AnswersExactlyTheMatchingActions(string query, string[] expected)
    {
        var numbers = await NumbersAsync(query);

        numbers.ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task ListActions_ThemeById_AnswersThatThemesActionsOnly()
    {
        await ImportSeedReportAsync(platform);
        var theme = (await GetJsonAsync(platform.Anonymous(), "/api/actions?lead=BGD"))[0].GetProperty("theme").GetProperty("id").GetGuid();

        (await NumbersAsync($"?theme={theme}")).ShouldBe(["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]);
    }

    [Fact]
    public async Task ListActions_ByStatus_SplitsThe2017ReportIntoOneDormantSevenUnderWayAnd21Ongoing()
    {
        var underWay = await NumbersAsync("?status=UnderWay");
        var ongoing = await NumbersAsync("?status=ongoing");
        var dormant = await NumbersAsync("?status=Dormant");

        underWay.ShouldBe(UnderWay2017, ignoreOrder: true);
        ongoing.Count.ShouldBe(21);
        ongoing.ShouldNotContain("3.2");
        ongoing.Intersect(underWay).ShouldBeEmpty();
        ongoing.Concat(underWay).Concat(dormant).ShouldBe(await NumbersAsync(""), ignoreOrder: true);
    }

    [Fact]
    public async Task ListActions_UpdatedSince_AnswersOnlyActionsUpdatedOnOrAfterThatDay()
    {
        await ImportSeedReportAsync(platform);
        var id = (await SeedActionsAsync(platform))["2.3"];
        var before = await NumbersAsync($"?updatedSince={Today}");
        (await NumbersAsync("?updatedSince=2017-10-01")).Count.ShouldBe(29, "an imported action was last updated on the report's date");

        var bangladesh = await platform.SignInNewUserAsync("BGD");
        var status = (await GetJsonAsync(platform.Anonymous(), $"/api/actions/{id}")).GetProperty("action").GetProperty("status").GetString();
        (await PostUpdateAsync(bangladesh, id, new { asOf = Today, status, narrative = "Campaign materials were reprinted." })).StatusCode.ShouldBe(HttpStatusCode.Created);

        before.ShouldBeEmpty();
        (await NumbersAsync($"?updatedSince={Today}")).ShouldBe(["2.3"]);
        (await NumbersAsync($"?updatedSince={Today}&lead=AUS")).ShouldBe(["2.3"]);
        (await NumbersAsync($"?updatedSince={Today}&lead=IOM&theme=3")).ShouldBeEmpty();
        (await NumbersAsync("?updatedSince=2017-10-01")).Count.ShouldBe(29);
    }

    [Fact]
    public async Task ListActions_Answer_CarriesEachActionsThemeLeadsAndStatus()
    {
        await ImportSeedReportAsync(platform);

        var action = (await GetJsonAsync(platform.Anonymous(), "/api/actions?lead=TEWG")).EnumerateArray().ShouldHaveSingleItem();

        action.GetProperty("theme").GetProperty("number").GetInt32().ShouldBe(3);
        action.GetProperty("status").GetString().ShouldBe(nameof(ActionStatus.Dormant));
        action.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("bodyCode").GetString()).ShouldBe(["TEWG"]);
        action.GetProperty("lastUpdatedAt").ValueKind.ShouldBe(JsonValueKind.String);
    }
}

/// <summary>A platform of this class alone: no other test adds actions to it.</summary>
public sealed class ActionFilterSqliteTests(SqlitePlatform platform) : ActionFilterTests(platform), IClassFixture<SqlitePlatform>;

public sealed class ActionFilterPostgresTests(PostgresPlatform platform) : ActionFilterTests(platform), IClassFixture<PostgresPlatform>;

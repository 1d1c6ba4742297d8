using BaliProcess.Web.Tests.Features.Library;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>
/// A first start with the seeds folder (Library:SeedsPath, as ./run.sh has it) on a database of this class alone: the
/// tracker then holds the 29 actions of the October 2017 report, with no import or other step by anyone.
/// </summary>
public abstract class FirstStartTests(SeededPlatform platform)
{
    private static readonly string[] Numbers2017 =
    [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6",
        "4.1", "4.2", "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3", "6.4", "6.5",
    ];

    [Fact]
    public async Task FirstStart_WithTheSeedsFolder_AnonymousListHoldsThe29ActionsOf2017()
    {
        var list = (await GetJsonAsync(platform.Anonymous(), "/api/actions")).EnumerateArray().ToList();

        list.Select(a => a.GetProperty("number").GetString()).ShouldBe(Numbers2017);
        list.ShouldAllBe(a => a.GetProperty("scope").GetString() == "Public");
        list.Select(a => a.GetProperty("theme").GetProperty("strategy").GetString()).Distinct().ShouldBe([Strategy2017]);
        list.Single(a => a.GetProperty("number").GetString() == "2.3").GetProperty("leads").EnumerateArray()
            .Select(l => l.GetProperty("memberCode").GetString()).ShouldBe(["BGD", "AUS", "IOM"]);
        list.Single(a => a.GetProperty("number").GetString() == "3.2").GetProperty("status").GetString().ShouldBe("Dormant");
    }

    [Fact]
    public async Task FirstStart_WithTheSeedsFolder_DashboardCountsThe29Actions()
    {
        var html = await platform.Anonymous().GetStringAsync("/Actions");

        var totals = html[html.IndexOf("<tfoot>", StringComparison.Ordinal)..html.IndexOf("</tfoot>", StringComparison.Ordinal)];
        // Not started, under way, ongoing, completed, dormant, discontinued, total: the report's one dormant, seven under way and 21 ongoing.
        System.Text.RegularExpressions.Regex.Matches(totals, "<td>(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe([0, 7, 21, 0, 1, 0, 29]);
    }
}

public sealed class FirstStartSqliteTests(SeededSqlitePlatform platform) : FirstStartTests(platform), IClassFixture<SeededSqlitePlatform>;

public sealed class FirstStartPostgresTests(SeededPostgresPlatform platform) : FirstStartTests(platform), IClassFixture<SeededPostgresPlatform>;

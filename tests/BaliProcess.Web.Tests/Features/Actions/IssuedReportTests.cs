using System.Net;
using System.Text.Json;
using BaliProcess.Web.Features.Actions.Reports;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;
using static BaliProcess.Web.Tests.Features.Actions.IssuedReportTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>Issuing progress reports: numbered, frozen, audited, read by their distribution; refused for bad input and for anyone but an RSO administrator.</summary>
public abstract class IssuedReportTests(PlatformFactory platform)
{
    private Task<int> IssuedCountAsync() => platform.WithDbAsync(db => db.Set<IssuedReport>().CountAsync());

    private static async Task<string> IssuedHtmlAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/progress-reports/issued/{id}?format=html");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return body;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task IssueReport_ByAnRsoAdministrator_IsNumberedListedAuditedAndFrozen()
    {
        await ImportSeedReportAsync(platform);
        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var period = NextPeriod(platform);

        var response = await IssueAsync(rso, period, "Public");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var issued = JsonDocument.Parse(body).RootElement;
        var id = issued.GetProperty("id").GetGuid();
        var number = issued.GetProperty("number").GetInt32();
        var before = await IssuedHtmlAsync(rso, id);
        var marker = Marker("Later");
        var actionId = (await SeedActionsAsync(platform))["2.3"];
        (await PostUpdateAsync(await platform.SignInNewUserAsync("BGD"), actionId, new { asOf = Today, status = "Ongoing", narrative = $"The {marker} campaign went on." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var after = await IssuedHtmlAsync(rso, id);
        var list = await GetJsonAsync(await platform.SignInNewUserAsync("AUS"), "/api/progress-reports/issued");

        number.ShouldBeGreaterThan(0);
        issued.GetProperty("distribution").GetString().ShouldBe("Public");
        before.ShouldContain($"Report No. {number} – Public");
        before.ShouldContain("Conduct pilot, joint information campaign");
        after.ShouldBe(before, "an issued report reads the same forever");
        after.ShouldNotContain(marker);
        list.EnumerateArray().ShouldContain(r => r.GetProperty("id").GetGuid() == id && r.GetProperty("number").GetInt32() == number);
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == ProgressReportService.IssueAction && e.SubjectId == id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task IssueReport_SamePeriodTwice_Answers400NamingTheFirstReportAndStoresNothing()
    {
        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var period = NextPeriod(platform);
        (await IssueAsync(rso, period, "Public")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var count = await IssuedCountAsync();

        var problem = await ProblemAsync(await IssueAsync(rso, period, "AllMembers"), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("from")[0].GetString()!.ShouldMatch(@"^Report No\. \d+ was already issued for 2016-11-01 to " + period.To + ": a period is issued once\\.$");
        (await IssuedCountAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task IssueReport_PeriodEndsBeforeItStarts_Answers400AndStoresNothing()
    {
        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var count = await IssuedCountAsync();

        var problem = await ProblemAsync(await IssueAsync(rso, ("2018-01-01", "2017-10-31"), "Public"), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("from")[0].GetString().ShouldBe("The period starts (2018-01-01) after it ends (2017-10-31).");
        (await IssuedCountAsync()).ShouldBe(count);
    }

    [Theory]
    [InlineData(null, "Choose who may read the issued report: Public, AllMembers, OwnMember.")]
    [InlineData("NamedMembers", "'NamedMembers' is not a distribution a report may be issued with: use one of Public, AllMembers, OwnMember.")]
    [InlineData("5", "'5' is not a distribution a report may be issued with: use one of Public, AllMembers, OwnMember.")]
    public async Task IssueReport_MissingOrUnknownDistribution_Answers400NamingTheFieldAndStoresNothing(string? distribution, string message)
    {
        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var count = await IssuedCountAsync();

        var problem = await ProblemAsync(await IssueAsync(rso, NextPeriod(platform), distribution!), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("distribution")[0].GetString().ShouldBe(message);
        (await IssuedCountAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task IssueReport_NotAnRsoAdministrator_Answers403AndStoresNothing()
    {
        var count = await IssuedCountAsync();
        var period = NextPeriod(platform);

        var officer = await IssueAsync(await platform.SignInNewUserAsync("RSO", [Roles.MemberOfficer]), period, "Public");
        var memberAdmin = await IssueAsync(await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]), period, "Public");
        var key = await IssueAsync(platform.WithApiKey(await platform.CreateApiKeyAsync("RSO", [.. ApiScopes.All])), period, "Public");

        officer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        memberAdmin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        key.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await IssuedCountAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task IssuedReport_RsoOnly_AnswersAnotherMember404AndIsAbsentFromTheirList()
    {
        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var id = await IssuedIdAsync(rso, NextPeriod(platform), "OwnMember");
        var indonesia = await platform.SignInNewUserAsync("IDN", [Roles.MemberOfficer]);

        var read = await indonesia.GetAsync($"/api/progress-reports/issued/{id}?format=docx");
        var list = await GetJsonAsync(indonesia, "/api/progress-reports/issued");
        var page = await indonesia.GetStringAsync("/Actions/IssuedReports");

        (await ProblemAsync(read, HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldBe("No issued report with that id exists, or you may not see it.");
        list.EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetGuid() == id);
        page.ShouldNotContain(id.ToString());
        (await IssuedHtmlAsync(rso, id)).ShouldContain("Regional Support Office only");
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == ProgressReportService.IssuedReadAction && e.SubjectId == id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task IssuedReport_Public_HoldsOnlyWhatThePublicMaySeeAndMembersOnlyAlsoTheMembersActions()
    {
        var marker = Marker("MembersOnly");
        await ImportReportAsync(platform, Report(platform, marker, "RSO", "Under way.", new DateOnly(2017, 3, 1)).Content, DistributionScope.AllMembers);
        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);

        var publicReport = await IssuedHtmlAsync(rso, await IssuedIdAsync(rso, NextPeriod(platform), "Public"));
        var membersReport = await IssuedHtmlAsync(rso, await IssuedIdAsync(rso, NextPeriod(platform), "AllMembers"));

        publicReport.ShouldNotContain(marker, customMessage: "a public report is built as the public sees the tracker, whoever issues it");
        membersReport.ShouldContain(marker);
        membersReport.ShouldContain("Bali Process members only");
    }

    [Fact]
    public async Task IssueReportPage_Posted_IssuesAndListsTheReportAndShowsBadInputOnTheForm()
    {
        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var period = NextPeriod(platform);
        var form = await rso.GetStringAsync($"/Actions/IssueReport?from={period.From}&to={period.To}");

        var bad = await rso.PostAsync("/Actions/IssueReport", PlatformFactory.Form(form, ("Form.From", "2018-01-01"), ("Form.To", "2017-10-31"), ("Form.Distribution", "Public")));
        var good = await rso.PostAsync("/Actions/IssueReport", PlatformFactory.Form(form, ("Form.From", period.From), ("Form.To", period.To), ("Form.Distribution", "AllMembers")));

        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("The period starts (2018-01-01) after it ends (2017-10-31).");
        good.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await rso.GetStringAsync(good.Headers.Location!.OriginalString);
        list.ShouldContain("was issued.");
        list.ShouldContain("Bali Process members only");
    }

    [Fact]
    public async Task IssuedReportsPage_InIndonesian_ShowsTranslatedLabels()
    {
        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        await IssuedIdAsync(rso, NextPeriod(platform), "Public");

        var page = await platform.Anonymous().GetStringAsync("/Actions/IssuedReports?culture=id");

        page.ShouldContain("Laporan yang diterbitkan");
        page.ShouldContain("Publik");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IssuedReportSqliteTests(SqlitePlatform platform) : IssuedReportTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class IssuedReportPostgresTests(PostgresPlatform platform) : IssuedReportTests(platform);

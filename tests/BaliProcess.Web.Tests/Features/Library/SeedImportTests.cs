using System.Net;
using System.Text.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>
/// The five seed documents, imported at first start exactly as a new installation does, checked field by field
/// through the platform's API, pages and search.
/// </summary>
public abstract class SeedImportTests(SeededPlatform platform)
{
    private static readonly string[] FirstMeetingStates = ["AFG", "AUS", "BGD", "IND", "IDN", "MYS", "MDV", "MMR", "NZL", "PAK", "LKA", "THA"];
    private static readonly string[] SixteenthMeetingStates = ["AUS", "BGD", "IDN", "MYS", "MDV", "NZL", "PAK", "PHL", "LKA", "ARE", "THA", "USA", "VNM"];

    private async Task<JsonElement> MeetingAsync(string body, int year)
    {
        var meetings = await GetJsonAsync(platform.Anonymous(), $"/api/meetings?body={body}&year={year}");
        meetings.GetArrayLength().ShouldBe(1, meetings.ToString());
        return await GetJsonAsync(platform.Anonymous(), $"/api/meetings/{meetings[0].GetProperty("id").GetGuid()}");
    }

    private async Task<JsonElement> DocumentAsync(string kind, int? year = null)
    {
        var documents = await GetJsonAsync(platform.Anonymous(), $"/api/documents?kind={kind}" + (year is null ? "" : $"&year={year}"));
        documents.GetArrayLength().ShouldBe(1, documents.ToString());
        return documents[0];
    }

    private static string[] Codes(JsonElement meeting, string role) =>
        meeting.GetProperty("participants").EnumerateArray().Where(p => p.GetProperty("role").GetString() == role).Select(p => p.GetProperty("code").GetString()!).ToArray();

    [Fact]
    public async Task FirstStart_SeedsFolder_ImportsFivePublicDocumentsOwnedByTheRso()
    {
        var documents = await GetJsonAsync(platform.Anonymous(), "/api/documents");

        documents.GetArrayLength().ShouldBe(5);
        documents.EnumerateArray().Select(d => d.GetProperty("kind").GetString()).Order().ShouldBe(
            ["CoChairsStatement", "CoChairsStatement", "CoChairsStatement", "ProgressReport", "SummaryOfActivities"]);
        documents.EnumerateArray().ShouldAllBe(d => d.GetProperty("scope").GetString() == "Public" && d.GetProperty("language").GetString() == "en");
        var detail = await GetJsonAsync(platform.Anonymous(), $"/api/documents/{documents[0].GetProperty("id").GetGuid()}");
        detail.GetProperty("ownerMemberCode").GetString().ShouldBe("RSO");
    }

    [Fact]
    public async Task FirstAhgMeeting2009_Imported_HasDatesPlaceTwelveStatesThreeOrganisationsAndAseanObserving()
    {
        var meeting = await MeetingAsync("AHG", 2009);
        var summary = meeting.GetProperty("meeting");

        summary.GetProperty("title").GetString().ShouldBe("First Ad Hoc Group Meeting");
        summary.GetProperty("ordinal").GetInt32().ShouldBe(1);
        summary.GetProperty("bodyCode").GetString().ShouldBe("AHG");
        summary.GetProperty("startDate").GetString().ShouldBe("2009-07-27");
        summary.GetProperty("endDate").GetString().ShouldBe("2009-07-29");
        summary.GetProperty("place").GetString().ShouldBe("Bali, Indonesia");
        summary.GetProperty("format").GetString().ShouldBe("InPerson", "a venue and no word of virtual participation is a meeting in person");
        Codes(meeting, "Attendee").Order().ShouldBe(FirstMeetingStates.Concat(["UNHCR", "IOM", "UNODC"]).Order());
        Codes(meeting, "Observer").ShouldBe(["ASEAN"]);
        Codes(meeting, "CoChair").ShouldBeEmpty();
        meeting.GetProperty("participants").EnumerateArray().Count(p => p.GetProperty("isState").GetBoolean()).ShouldBe(12);
        meeting.GetProperty("agenda").EnumerateArray().Select(a => a.GetProperty("title").GetString()).ShouldBe(
            ["Overview on Irregular People Movement in the Region", "Review of Domestic and Bilateral Responses", "Identifying Possible Regional Responses", "Developing Areas for Future Cooperation"]);
        var outcomes = meeting.GetProperty("outcomes").EnumerateArray().ToList();
        outcomes.ShouldContain(o => o.GetProperty("verb").GetString() == "Noted" && o.GetProperty("text").GetString() == "The Meeting noted that additional clusters could be established in the future.");
        outcomes.ShouldContain(o => o.GetProperty("verb").GetString() == "Agreed" && o.GetProperty("text").GetString()!.StartsWith("The Meeting agreed to the proposal by UNHCR", StringComparison.Ordinal));
        outcomes.Select(o => o.GetProperty("sequence").GetInt32()).ShouldBe(Enumerable.Range(1, outcomes.Count));
        var document = meeting.GetProperty("documents").EnumerateArray().ShouldHaveSingleItem();
        document.GetProperty("title").GetString().ShouldBe("Co-Chairs' Statement: First Ad Hoc Group Meeting");
        document.GetProperty("date").GetString().ShouldBe("2009-07-27");
    }

    [Fact]
    public async Task SixteenthAhgSom2022_Imported_IsHybridCoChairedByIndonesiaAndAustraliaWithThirteenStatesAndThreeOrganisations()
    {
        var meeting = await MeetingAsync("AHG", 2022);
        var summary = meeting.GetProperty("meeting");

        summary.GetProperty("title").GetString().ShouldBe("16th Ad Hoc Group Senior Officials' Meeting");
        summary.GetProperty("ordinal").GetInt32().ShouldBe(16);
        summary.GetProperty("startDate").GetString().ShouldBe("2022-12-06");
        summary.GetProperty("endDate").GetString().ShouldBe("2022-12-06");
        summary.GetProperty("place").GetString().ShouldBe("Bali, Indonesia");
        summary.GetProperty("format").GetString().ShouldBe("Hybrid");
        summary.GetProperty("participantCount").GetInt32().ShouldBe(16);
        Codes(meeting, "CoChair").Order().ShouldBe(["AUS", "IDN"]);
        Codes(meeting, "Observer").ShouldBeEmpty();
        var participants = meeting.GetProperty("participants").EnumerateArray().ToList();
        participants.Where(p => p.GetProperty("isState").GetBoolean()).Select(p => p.GetProperty("code").GetString()).Order().ShouldBe(SixteenthMeetingStates.Order());
        participants.Where(p => !p.GetProperty("isState").GetBoolean()).Select(p => p.GetProperty("code").GetString()).Order().ShouldBe(["IOM", "UNHCR", "UNODC"]);
        meeting.GetProperty("outcomes").EnumerateArray().ShouldContain(o =>
            o.GetProperty("verb").GetString() == "Welcomed" && o.GetProperty("text").GetString() == "The meeting welcomed progress towards the planning of the Eighth Bali Process Ministerial Conference.");
    }

    [Fact]
    public async Task SixthSom2016_Imported_HasDatePlaceAndFifteenOutcomes()
    {
        var meeting = await MeetingAsync("SOM", 2016);
        var summary = meeting.GetProperty("meeting");

        summary.GetProperty("title").GetString().ShouldBe("Sixth Senior Officials Meeting");
        summary.GetProperty("ordinal").GetInt32().ShouldBe(6);
        summary.GetProperty("startDate").GetString().ShouldBe("2016-03-22");
        summary.GetProperty("place").GetString().ShouldBe("Bali");
        summary.GetProperty("outcomeCount").GetInt32().ShouldBe(15);
        meeting.GetProperty("participants").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task SummaryOfActivities_Imported_GivesEveryDatedActivityFromFebruary2002ToOctober2009()
    {
        var summary = await DocumentAsync("SummaryOfActivities");
        var documentId = summary.GetProperty("id").GetGuid();
        var activities = (await GetJsonAsync(platform.Anonymous(), "/api/activities?take=500")).EnumerateArray()
            .Where(a => a.GetProperty("sourceDocumentId").ValueKind != JsonValueKind.Null && a.GetProperty("sourceDocumentId").GetGuid() == documentId)
            .ToList();

        activities.Count.ShouldBe(36);
        var months = activities.Select(a => (a.GetProperty("year").GetInt32() * 100) + a.GetProperty("month").GetInt32()).ToList();
        months.ShouldBeInOrder(SortDirection.Ascending);
        months[0].ShouldBe(200202);
        months[^1].ShouldBe(200910);
        var first = activities[0];
        first.GetProperty("title").GetString().ShouldBe("First Regional Ministerial Conference (Bali I) on People Smuggling, Trafficking in Persons and Related Transnational Crime");
        first.GetProperty("place").GetString().ShouldBe("Bali");
        first.GetProperty("bodyCode").GetString().ShouldBe("BPMC");
        first.GetProperty("kind").GetString().ShouldBe("MinisterialConference");
        var macau = activities.Single(a => a.GetProperty("year").GetInt32() == 2004 && a.GetProperty("month").GetInt32() == 9
            && a.GetProperty("title").GetString()!.StartsWith("Best Practices in Operational Cooperation workshop", StringComparison.Ordinal));
        macau.GetProperty("coordinatorCode").GetString().ShouldBe("THA");
        macau.GetProperty("place").GetString().ShouldBe("Macau SAR");
        (await GetJsonAsync(platform.Anonymous(), "/api/activities?body=AHEG-I")).GetArrayLength().ShouldBe(5);
        (await GetJsonAsync(platform.Anonymous(), "/api/activities?body=AHEG-II")).GetArrayLength().ShouldBe(6);
        (await GetJsonAsync(platform.Anonymous(), "/api/activities?year=2009&kind=AdHocGroupMeeting")).EnumerateArray()
            .ShouldContain(a => a.GetProperty("title").GetString() == "First Ad Hoc Group Meeting");
    }

    [Fact]
    public async Task ProgressReport2017_Imported_IsKeptAsADocumentWithItsThemesReadable()
    {
        var report = await DocumentAsync("ProgressReport", 2017);

        report.GetProperty("title").GetString().ShouldBe("Ad Hoc Group Progress Report: October 2017");
        report.GetProperty("date").GetString().ShouldBe("2017-10-01");
        var detail = await GetJsonAsync(platform.Anonymous(), $"/api/documents/{report.GetProperty("id").GetGuid()}");
        detail.GetProperty("progressReport").GetProperty("themes").GetArrayLength().ShouldBeGreaterThan(0);
        (await platform.Anonymous().GetStringAsync($"/Library/Documents/{report.GetProperty("id").GetGuid()}")).ShouldContain("Law enforcement cooperation and capacity building", Case.Insensitive);
    }

    [Fact]
    public async Task Search_Rakhine_FindsThe2009Statement()
    {
        await platform.DrainSearchAsync();
        var statement = (await GetJsonAsync(platform.Anonymous(), "/api/documents?year=2009")).EnumerateArray()
            .Single(d => d.GetProperty("kind").GetString() == "CoChairsStatement");

        var results = await GetJsonAsync(platform.Anonymous(), "/api/search?q=Rakhine");

        results.GetProperty("hits").EnumerateArray().ShouldContain(h => h.GetProperty("url").GetString() == $"/Library/Documents/{statement.GetProperty("id").GetGuid()}");
        results.GetProperty("hits")[0].GetProperty("snippet").GetString()!.ShouldContain("<mark>Rakhine</mark>");
    }

    [Fact]
    public async Task Search_OutcomesMeetingsAndActivities_AreFoundWithTheirFacets()
    {
        await platform.DrainSearchAsync();

        var outcomes = await GetJsonAsync(platform.Anonymous(), "/api/search?q=clusters&kind=outcome");
        var meetings = await GetJsonAsync(platform.Anonymous(), "/api/search?q=%22Ad Hoc Group%22&kind=meeting&member=ASEAN");
        var activities = await GetJsonAsync(platform.Anonymous(), "/api/search?q=Shenzhen&kind=activity");

        outcomes.GetProperty("hits").EnumerateArray().ShouldContain(h => h.GetProperty("url").GetString()!.Contains("#outcome-", StringComparison.Ordinal));
        outcomes.GetProperty("facets").GetProperty("body").EnumerateArray().ShouldContain(f => f.GetProperty("value").GetString() == "AHG");
        meetings.GetProperty("hits").EnumerateArray().ShouldHaveSingleItem().GetProperty("title").GetString().ShouldBe("First Ad Hoc Group Meeting");
        activities.GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task SecondStartAndCliReimport_SameSeeds_ChangeNothing()
    {
        var before = await CountsAsync();
        await using (var scope = platform.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<StartupHooks>().RunAsync(scope.ServiceProvider, default);
        }

        var output = new StringWriter();
        var exit = await PlatformCli.RunAsync(platform.Services, ["import", RepositoryPaths.Seeds], TextReader.Null, output, new StringWriter());

        exit.ShouldBe(0, output.ToString());
        output.ToString().ShouldContain("0 imported, 5 unchanged, 0 failed.");
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task MeetingPage_FirstAhgMeeting_MarksTheObserverAndGroupsOutcomesByVerb()
    {
        var id = (await MeetingAsync("AHG", 2009)).GetProperty("meeting").GetProperty("id").GetGuid();

        var html = await platform.Anonymous().GetStringAsync($"/Meetings/{id}");

        html.ShouldContain("ASEAN Secretariat");
        html.ShouldContain("<span class=\"tag\">Observer</span>");
        html.ShouldContain("<h3>Welcomed");
        html.ShouldContain("id=\"outcome-1\"");
        html.ShouldContain("Co-Chairs&#x27; Statement: First Ad Hoc Group Meeting");
        (await platform.Anonymous().GetStringAsync("/Meetings?body=AHG")).ShouldContain($"/Meetings/{id}");
    }

    [Fact]
    public async Task ActivitiesPage_FilteredByYearBodyAndKind_ShowsOnlyMatchingActivities()
    {
        var html = await platform.Anonymous().GetStringAsync("/Activities?year=2002&body=AHEG-II&kind=Workshop");

        html.ShouldContain("AHEG II legislation workshop");
        html.ShouldNotContain("First Regional Ministerial Conference");
        html.ShouldContain("<th scope=\"col\">");
    }

    [Fact]
    public async Task DocumentReaderAndFile_2009Statement_ShowTextAndReturnTheOriginalBytesWithoutAnAuditRow()
    {
        var statement = (await GetJsonAsync(platform.Anonymous(), "/api/documents?year=2009")).EnumerateArray().Single();
        var id = statement.GetProperty("id").GetGuid();

        var page = await platform.Anonymous().GetStringAsync($"/Library/Documents/{id}");
        var file = await platform.Anonymous().GetAsync($"/api/documents/{id}/file");

        page.ShouldContain("northern Rakhine State");
        page.ShouldContain($"/api/documents/{id}/file");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe(await File.ReadAllBytesAsync(Seed("000")));
        // A public document is anyone's to read: its reads are not audited (restricted ones are, see RestrictedReadAuditTests).
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "library.document.file.read" && a.SubjectId == id.ToString())))
            .ShouldBe(0);
        (await platform.Anonymous().GetStringAsync("/Library")).ShouldContain("Co-Chairs&#x27; Statement: First Ad Hoc Group Meeting");
    }

    private Task<(int Documents, int Meetings, int Outcomes, int Activities, int ImportAudits)> CountsAsync() =>
        platform.WithDbAsync(async db => (
            await db.Set<LibraryDocument>().CountAsync(),
            await db.Set<Meeting>().CountAsync(),
            await db.Set<MeetingOutcome>().CountAsync(),
            await db.Set<Activity>().CountAsync(),
            await db.Set<AuditEntry>().CountAsync(a => a.Action == "library.document.import")));
}

[Collection(SeededSqliteCollection.Name)]
public sealed class SeedImportSqliteTests(SeededSqlitePlatform platform) : SeedImportTests(platform);

[Collection(SeededPostgresCollection.Name)]
public sealed class SeedImportPostgresTests(SeededPostgresPlatform platform) : SeedImportTests(platform);

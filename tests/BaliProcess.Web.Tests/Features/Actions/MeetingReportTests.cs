using System.Net;
using System.Text.Json;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>
/// <c>GET /api/progress-reports?meeting=…</c>: the period runs from the day after the previous senior officials'
/// meeting the reader may see to the day the chosen meeting starts; a meeting that does not exist, or that the reader
/// may not see, is a 404 and a malformed id a 400, both as ProblemDetails.
/// </summary>
public abstract class MeetingReportTests(PlatformFactory platform)
{
    /// <summary>Years no other test's meetings or reports use, one per test, so that each test's previous meeting is its own.</summary>
    private static int year = 2003;

    private sealed record Meetings(Guid Chosen, string ChosenTitle, Guid Hidden, int Year);

    private async Task<Meetings> MeetingsAsync()
    {
        var y = Interlocked.Increment(ref year);
        var marker = Marker("");
        return await platform.WithDbAsync(async db =>
        {
            var rso = await db.Set<Member>().SingleAsync(m => m.Code == "RSO");
            var idn = await db.Set<Member>().SingleAsync(m => m.Code == "IDN");
            var previous = new Meeting { OwnerMemberId = rso.Id, Title = $"Fourth Ad Hoc Group Senior Officials Meeting {marker}", StartDate = new DateOnly(y, 3, 10), EndDate = new DateOnly(y, 3, 11) };
            var hidden = new Meeting { OwnerMemberId = idn.Id, Scope = DistributionScope.OwnMember, Title = $"Indonesia's Senior Officials meeting {marker}", StartDate = new DateOnly(y, 6, 1), EndDate = new DateOnly(y, 6, 1) };
            var chosen = new Meeting { OwnerMemberId = rso.Id, Title = $"Fifth Ad Hoc Group Senior Officials Meeting {marker}", StartDate = new DateOnly(y, 9, 20), EndDate = new DateOnly(y, 9, 21) };
            db.AddRange(previous, hidden, chosen);
            await db.SaveChangesAsync();
            return new Meetings(chosen.Id, chosen.Title, hidden.Id, y);
        });
    }

    private static async Task<string> HtmlAsync(HttpClient client, Guid meeting)
    {
        var response = await client.GetAsync($"/api/progress-reports?meeting={meeting}&format=html");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        return body;
    }

    /// <summary>The report less its "changed since the last report" section, which lists updates by when they were recorded, not by the period.</summary>
    private static string WithoutChangedSince(string html)
    {
        var start = html.IndexOf("id=\"changed-since\"", StringComparison.Ordinal);
        return start < 0 ? html : html[..start] + html[html.IndexOf("</section>", start, StringComparison.Ordinal)..];
    }

    private static async Task<JsonElement> ProblemAsync(HttpClient client, string meeting, HttpStatusCode expected)
    {
        var response = await client.GetAsync($"/api/progress-reports?meeting={meeting}&format=html");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task MeetingReport_Html_CoversTheDaysSinceThePreviousSeniorOfficialsMeetingTheReaderMaySee()
    {
        var meetings = await MeetingsAsync();
        var australiaClient = await platform.SignInNewUserAsync("AUS");
        await HtmlAsync(australiaClient, meetings.Chosen);
        var inside = Marker("Inside");
        var before = Marker("Before");
        await ImportReportAsync(platform, Report(platform, Marker("Toolkit"), "RSO", $"<p>The {inside} course is being developed.</p>", new DateOnly(meetings.Year, 7, 1)).Content, DistributionScope.Public);
        await ImportReportAsync(platform, Report(platform, Marker("Toolkit"), "RSO", $"<p>The {before} course is being developed.</p>", new DateOnly(meetings.Year, 2, 1)).Content, DistributionScope.Public);

        var australia = await HtmlAsync(australiaClient, meetings.Chosen);
        var indonesia = await HtmlAsync(await platform.SignInNewUserAsync("IDN"), meetings.Chosen);

        australia.ShouldContain($"Progress report for the {meetings.ChosenTitle}: 12 March {meetings.Year} to 20 September {meetings.Year}");
        WithoutChangedSince(australia).ShouldContain(inside, customMessage: "details dated 1 July are within the period");
        WithoutChangedSince(australia).ShouldNotContain(before, customMessage: "details dated 1 February come before the previous meeting");
        indonesia.ShouldContain($"Progress report for the {meetings.ChosenTitle}: 2 June {meetings.Year} to 20 September {meetings.Year}",
            customMessage: "Indonesia sees its own senior officials' meeting of June");
    }

    [Fact]
    public async Task MeetingReport_UnknownOrInvisibleMeeting_Answers404ProblemDetailsAndRecordsNothing()
    {
        var meetings = await MeetingsAsync();
        var australia = await platform.SignInNewUserAsync("AUS");
        var recorded = await platform.WithDbAsync(db => db.Set<Web.Features.Actions.Reports.IssuedReport>().CountAsync());

        var unknown = await ProblemAsync(australia, Guid.NewGuid().ToString(), HttpStatusCode.NotFound);
        var invisible = await ProblemAsync(australia, meetings.Hidden.ToString(), HttpStatusCode.NotFound);

        unknown.GetProperty("detail").GetString().ShouldBe("No meeting with that id exists, or you may not see it.");
        unknown.TryGetProperty("requestId", out _).ShouldBeTrue();
        invisible.GetProperty("detail").GetString().ShouldBe(unknown.GetProperty("detail").GetString(), "an invisible meeting reads as an unknown one");
        (await platform.WithDbAsync(db => db.Set<Web.Features.Actions.Reports.IssuedReport>().CountAsync())).ShouldBe(recorded);
        (await HtmlAsync(await platform.SignInNewUserAsync("IDN"), meetings.Hidden)).ShouldContain("Progress report for the Indonesia");
    }

    [Fact]
    public async Task MeetingReport_MalformedMeetingId_Answers400NamingTheField()
    {
        var problem = await ProblemAsync(await platform.SignInNewUserAsync("AUS"), "twelfth-som", HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("meeting")[0].GetString().ShouldBe("'twelfth-som' is not a meeting id.");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MeetingReportSqliteTests(SqlitePlatform platform) : MeetingReportTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class MeetingReportPostgresTests(PostgresPlatform platform) : MeetingReportTests(platform);

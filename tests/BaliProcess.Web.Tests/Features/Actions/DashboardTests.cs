using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Library;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>
/// The dashboard at <c>/Actions</c>: the table by theme and status, "My actions", "Overdue" and "Not updated since",
/// each counting and listing only what the reader may see. Each test imports its own progress report (its own theme)
/// through the library's upload API, so other tests' actions never change what it checks.
/// </summary>
public abstract partial class DashboardTests(PlatformFactory platform)
{
    /// <summary>Days after <see cref="FirstMeetingDay"/> for the meetings the tests create: each later than the one before, so the newest is the last.</summary>
    private static int meetingDays;

    private static DateOnly TodayDate => DateOnly.FromDateTime(DateTime.UtcNow);

    private static DateOnly FirstMeetingDay => TodayDate.AddDays(-300);

    /// <summary>The reports' date: the first of a month well before every meeting the tests create.</summary>
    private static DateOnly ReportDate => new DateOnly(TodayDate.Year, TodayDate.Month, 1).AddMonths(-14);

    private sealed record Imported(int Theme, string Marker, Guid ThemeId, Dictionary<string, Guid> Actions);

    /// <summary>A one-theme report in the 2017 table form; each row is (who, details), numbered from 1 in order.</summary>
    private static byte[] Report(int theme, string marker, params (string Who, string Details)[] rows) =>
        Report(theme, marker, rows.Select((r, i) => (i + 1, r.Who, r.Details)).ToArray());

    private static byte[] Report(int theme, string marker, (int Number, string Who, string Details)[] rows)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Ad Hoc Group Progress Report: {ReportDate.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}\n\n")
            .Append("Report summarises activities undertaken since the previous meeting.\n\n")
            .Append("\tAction/Recommendation\tWho\tStatus/Details\n")
            .Append(CultureInfo.InvariantCulture, $"{theme}. Theme {marker}\t\t\t\n");
        foreach (var (number, who, details) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{theme}.{number}\tAction {number} of {marker}\t{who}\t{details}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Uploads a report through <c>POST /api/documents</c> and returns its theme and its actions by number.</summary>
    private async Task<Imported> UploadAsync(HttpClient client, int theme, string marker, byte[] content, string scope = "Public")
    {
        await LibraryFiles.ImportAsync(client, $"report-{Guid.NewGuid():N}.txt", content, scope);
        return await platform.WithDbAsync(async db =>
        {
            var themeId = await db.Set<ActionTheme>().Where(t => t.Title == $"Theme {marker}").Select(t => t.Id).SingleAsync();
            var actions = await db.Set<TrackedAction>().Where(a => a.ThemeId == themeId).ToDictionaryAsync(a => a.Number, a => a.Id);
            return new Imported(theme, marker, themeId, actions);
        });
    }

    private async Task<HttpClient> AdminAsync() => await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);

    private async Task<Imported> PublicReportAsync(params (string Who, string Details)[] rows)
    {
        var theme = NextThemeNumber(platform);
        var marker = Marker("Dash");
        return await UploadAsync(await AdminAsync(), theme, marker, Report(theme, marker, rows));
    }

    /// <summary>A meeting on a day later than every meeting made before it, owned by <paramref name="owner"/> with the given scope.</summary>
    private async Task<(string Title, DateOnly Start)> MeetingAsync(string title, bool ofTheSeniorOfficialsBody = false, string owner = "RSO",
        DistributionScope scope = DistributionScope.Public)
    {
        var start = FirstMeetingDay.AddDays(Interlocked.Increment(ref meetingDays));
        start.ShouldBeLessThan(TodayDate, "the tests ran out of meeting days");
        await platform.WithDbAsync(async db =>
        {
            var member = await db.Set<Member>().SingleAsync(m => m.Code == owner);
            var body = ofTheSeniorOfficialsBody ? await db.Set<Body>().Where(b => b.Code == "SOM").Select(b => (Guid?)b.Id).SingleAsync() : null;
            db.Add(new Meeting { OwnerMemberId = member.Id, Scope = scope, BodyId = body, Title = title, StartDate = start, EndDate = start });
            return await db.SaveChangesAsync();
        });
        return (title, start);
    }

    /// <summary>The part of the page from the heading with <paramref name="id"/> to the next second-level heading.</summary>
    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<h2 id=\"{id}\">", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, $"the dashboard has no '{id}' section");
        var end = html.IndexOf("<h2", start + 4, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }

    /// <summary>The theme's row of the table by theme and status: the six status counts, the total, and the theme-status cell.</summary>
    private static (int[] Counts, string Status) ThemeRow(string html, Guid themeId)
    {
        var table = Section(html, "by-theme");
        var start = table.IndexOf($"href=\"#theme-{themeId:N}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, "the theme is not in the table");
        var row = table[start..table.IndexOf("</tr>", start, StringComparison.Ordinal)];
        var cells = Cell().Matches(row).Select(m => m.Groups[1].Value.Trim()).ToList();
        cells.Count.ShouldBe(8);
        return (cells.Take(7).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(), Regex.Replace(Regex.Replace(cells[7], "<[^>]+>", " "), "\\s+", " ").Trim());
    }

    /// <summary>Text as the page writes it (Razor's encoder: an apostrophe becomes &amp;#x27;).</summary>
    private static string Html(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    private static string Link(Guid actionId) => $"href=\"/Actions/{actionId}\"";

    [Fact]
    public async Task Dashboard_ActionPastItsDueDate_IsOverdueUnlessCompletedDormantOrDiscontinued()
    {
        var report = await PublicReportAsync(
            ("RSO", "Materials are being developed and will be delivered by 31 March 2020."),
            ("RSO", "The toolkit was completed by 30 June 2020."),
            ("RSO", "The action is dormant; it was to be delivered by 31 March 2020."),
            ("RSO", "The guide is planned and is to be delivered by 31 March 2099."));
        var actions = await platform.WithDbAsync(db => db.Set<TrackedAction>().Where(a => a.ThemeId == report.ThemeId).ToDictionaryAsync(a => a.Number, a => (a.Status, a.DueDate)));
        actions[$"{report.Theme}.1"].ShouldBe((ActionStatus.UnderWay, new DateOnly(2020, 3, 31)));
        actions[$"{report.Theme}.2"].ShouldBe((ActionStatus.Completed, new DateOnly(2020, 6, 30)));
        actions[$"{report.Theme}.3"].ShouldBe((ActionStatus.Dormant, new DateOnly(2020, 3, 31)));

        var overdue = Section(await platform.Anonymous().GetStringAsync("/Actions"), "overdue");

        overdue.ShouldContain(Link(report.Actions[$"{report.Theme}.1"]));
        overdue.ShouldContain("31 March 2020");
        overdue.ShouldNotContain(Link(report.Actions[$"{report.Theme}.2"]), customMessage: "a completed action is not overdue");
        overdue.ShouldNotContain(Link(report.Actions[$"{report.Theme}.3"]), customMessage: "a dormant action is not overdue");
        overdue.ShouldNotContain(Link(report.Actions[$"{report.Theme}.4"]), customMessage: "due in 2099");
    }

    [Fact]
    public async Task Dashboard_ThemeTable_CountsEachStatusOfOnlyTheActionsTheReaderMaySee()
    {
        var report = await PublicReportAsync(
            ("RSO", "Materials are being developed."),
            ("RSO", "Training sessions were held in Bangkok."),
            ("RSO", "Officials met twice in Jakarta."),
            ("RSO", "The guide was completed."),
            ("RSO", "The action is dormant."));
        var indonesiaUser = await platform.CreateUserAsync("IDN");
        var indonesia = await platform.SignInAsync(indonesiaUser);
        var hidden = await UploadAsync(indonesia, report.Theme, report.Marker,
            Report(report.Theme, report.Marker, [(6, "Indonesia", "A national workshop is being developed.")]), "OwnMember");
        hidden.ThemeId.ShouldBe(report.ThemeId, "the private report's action joins the same theme");
        hidden.Actions.Count.ShouldBe(6);

        var forAustralia = ThemeRow(await (await platform.SignInNewUserAsync("AUS")).GetStringAsync("/Actions"), report.ThemeId);
        var forAnonymous = ThemeRow(await platform.Anonymous().GetStringAsync("/Actions"), report.ThemeId);
        var forIndonesia = ThemeRow(await indonesia.GetStringAsync("/Actions"), report.ThemeId);

        // Not started, under way, ongoing, completed, dormant, discontinued, total.
        forAustralia.Counts.ShouldBe([0, 1, 2, 1, 1, 0, 5]);
        forAustralia.Status.ShouldBe("Under way 1 of 4 active completed (25%)");
        forAnonymous.Counts.ShouldBe(forAustralia.Counts);
        forAnonymous.Status.ShouldBe(forAustralia.Status);
        forIndonesia.Counts.ShouldBe([0, 2, 2, 1, 1, 0, 6]);
        forIndonesia.Status.ShouldBe("Under way 1 of 5 active completed (20%)");
    }

    [Fact]
    public async Task Dashboard_MyActions_ListsWhatTheLeadsMemberLeadsAndIsAbsentForAnonymous()
    {
        var report = await PublicReportAsync(
            ("Indonesia", "A national workshop is being developed."),
            ("Thailand, Indonesia (Australia funded)", "Joint patrols continued."),
            ("Thailand", "Training continued in Bangkok."));
        var indonesiaUser = await platform.CreateUserAsync("IDN");
        var indonesia = await platform.SignInAsync(indonesiaUser);
        var hiddenTheme = NextThemeNumber(platform);
        var hiddenMarker = Marker("Mine");
        var hidden = await UploadAsync(indonesia, hiddenTheme, hiddenMarker, Report(hiddenTheme, hiddenMarker, ("Indonesia", "A private plan is being developed.")), "OwnMember");

        var mine = Section(await indonesia.GetStringAsync("/Actions"), "mine");
        var australia = await (await platform.SignInNewUserAsync("AUS")).GetStringAsync("/Actions");
        var thailand = Section(await (await platform.SignInNewUserAsync("THA")).GetStringAsync("/Actions"), "mine");
        var anonymous = await platform.Anonymous().GetStringAsync("/Actions");

        mine.ShouldContain(Link(report.Actions[$"{report.Theme}.1"]));
        mine.ShouldContain(Link(report.Actions[$"{report.Theme}.2"]));
        mine.ShouldNotContain(Link(report.Actions[$"{report.Theme}.3"]), customMessage: "Thailand alone leads it");
        mine.ShouldContain(Link(hidden.Actions[$"{hiddenTheme}.1"]), customMessage: "Indonesia's own private action");
        thailand.ShouldContain(Link(report.Actions[$"{report.Theme}.3"]));
        thailand.ShouldNotContain(Link(report.Actions[$"{report.Theme}.1"]));
        Section(australia, "mine").ShouldNotContain(Link(report.Actions[$"{report.Theme}.2"]), customMessage: "a funder does not lead");
        australia.ShouldNotContain(hiddenMarker);
        anonymous.ShouldNotContain("id=\"mine\"");
        anonymous.ShouldContain(Link(report.Actions[$"{report.Theme}.1"]));
    }

    [Theory]
    [InlineData("Thirteenth Ad Hoc Group Senior Officials' Meeting", false)]
    [InlineData("SIXTH BALI PROCESS SENIOR OFFICIALS MEETING", false)]
    [InlineData("Seventh meeting in Bali", true)]
    public async Task Dashboard_NotUpdatedSince_ComparesWithTheLastSeniorOfficialsMeeting(string title, bool ofTheSeniorOfficialsBody)
    {
        var report = await PublicReportAsync(
            ("RSO", "Materials are being developed."),
            ("RSO", "Training sessions were held in Bangkok."),
            ("RSO", "The guide was completed."),
            ("RSO", "The action is dormant."));
        var admin = await AdminAsync();
        (await PostUpdateAsync(admin, report.Actions[$"{report.Theme}.2"], new { status = "Ongoing", narrative = "Two more sessions were held." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var meeting = await MeetingAsync($"{title} {Marker("")}", ofTheSeniorOfficialsBody);
        await MeetingAsync($"Ad Hoc Group Technical Experts meeting {Marker("")}");

        var html = await platform.Anonymous().GetStringAsync("/Actions");
        var section = Section(html, "not-updated");

        section.ShouldContain($"Not updated since {meeting.Start.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
        section.ShouldContain(Html($"Compared with the last senior officials' meeting: {meeting.Title}."));
        section.ShouldContain(Link(report.Actions[$"{report.Theme}.1"]), customMessage: "under way, last updated at the report's date");
        section.ShouldNotContain(Link(report.Actions[$"{report.Theme}.2"]), customMessage: "updated today");
        section.ShouldNotContain(Link(report.Actions[$"{report.Theme}.3"]), customMessage: "completed");
        section.ShouldNotContain(Link(report.Actions[$"{report.Theme}.4"]), customMessage: "dormant");
    }

    [Fact]
    public async Task Dashboard_NotUpdatedSince_IgnoresASeniorOfficialsMeetingTheReaderMayNotSee()
    {
        var visible = await MeetingAsync($"Ad Hoc Group Senior Officials' Meeting {Marker("")}");
        var hidden = await MeetingAsync($"Ad Hoc Group Senior Officials' Meeting of Indonesia {Marker("")}", owner: "IDN", scope: DistributionScope.OwnMember);

        var australia = Section(await (await platform.SignInNewUserAsync("AUS")).GetStringAsync("/Actions"), "not-updated");
        var anonymous = Section(await platform.Anonymous().GetStringAsync("/Actions"), "not-updated");
        var indonesia = Section(await (await platform.SignInNewUserAsync("IDN")).GetStringAsync("/Actions"), "not-updated");

        australia.ShouldContain(Html(visible.Title));
        australia.ShouldNotContain(Html(hidden.Title));
        anonymous.ShouldContain(Html(visible.Title));
        indonesia.ShouldContain(Html(hidden.Title));
        indonesia.ShouldContain(hidden.Start.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Dashboard_ChosenDate_ReplacesTheMeetingForNotUpdatedSince()
    {
        var report = await PublicReportAsync(("RSO", "Materials are being developed."));
        var action = Link(report.Actions[$"{report.Theme}.1"]);
        await MeetingAsync($"Ad Hoc Group Senior Officials' Meeting {Marker("")}");
        var dayAfter = ReportDate.AddDays(1);

        var after = Section(await platform.Anonymous().GetStringAsync($"/Actions?since={dayAfter:yyyy-MM-dd}"), "not-updated");
        var onTheDay = Section(await platform.Anonymous().GetStringAsync($"/Actions?since={ReportDate:yyyy-MM-dd}"), "not-updated");
        var bad = await platform.Anonymous().GetStringAsync("/Actions?since=last%20week");

        after.ShouldContain($"Not updated since {dayAfter.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
        after.ShouldNotContain("Compared with the last senior officials");
        after.ShouldContain($"value=\"{dayAfter:yyyy-MM-dd}\"");
        after.ShouldContain(action);
        onTheDay.ShouldNotContain(action, customMessage: "the import dated its update on the report's date, which is not before that date");
        bad.ShouldContain("There is a problem");
        bad.ShouldContain(Html("'last week' is not a date: write it as YYYY-MM-DD."));
        Section(bad, "not-updated").ShouldContain("Compared with the last senior officials");
    }

    [GeneratedRegex("<td>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();
}

[Collection(SqliteCollection.Name)]
public sealed class DashboardSqliteTests(SqlitePlatform platform) : DashboardTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class DashboardPostgresTests(PostgresPlatform platform) : DashboardTests(platform);

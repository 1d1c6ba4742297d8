using System.Net;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Actions.Reports;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using UglyToad.PdfPig;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>Generated progress reports: what changed since the last one, and every action in each format, read back.</summary>
public abstract class ProgressReportTests(PlatformFactory platform)
{
    /// <summary>The period of the 2017 report: only the seed report's actions have details dated in it.</summary>
    private const string Period2017 = "from=2016-11-01&to=2017-10-31";

    private async Task<Dictionary<string, string>> SeedTextsAsync()
    {
        await ImportSeedReportAsync(platform);
        var ids = await SeedActionsAsync(platform);
        return await platform.WithDbAsync(db => db.Set<TrackedAction>().Where(a => ids.Values.Contains(a.Id)).ToDictionaryAsync(a => a.Number, a => a.Text));
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string query, string contentType)
    {
        var response = await client.GetAsync($"/api/progress-reports?{query}");
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(body));
        response.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        return body;
    }

    private static string ChangedSection(string html)
    {
        var start = html.IndexOf("id=\"changed-since\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1);
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    [Fact]
    public async Task Report_AfterALeadAddsAnUpdate_ShowsItUnderChangedSinceTheLastIssuedReportUntilTheNextIsIssued()
    {
        await ImportSeedReportAsync(platform);
        var actionId = (await SeedActionsAsync(platform))["2.3"];
        var bangladesh = await platform.SignInNewUserAsync("BGD");
        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var (first, second) = (IssuedReportTestSupport.NextPeriod(platform), IssuedReportTestSupport.NextPeriod(platform));
        (await IssuedReportTestSupport.IssueAsync(rso, first, "Public")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var marker = Marker("Changed");
        (await PostUpdateAsync(bangladesh, actionId, new { asOf = Today, status = "Ongoing", narrative = $"The {marker} campaign reached Cox's Bazar." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var recent = $"from={DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30):yyyy-MM-dd}&to={Today}";

        var preview = await bangladesh.GetStringAsync($"/Actions/Report?{recent}&view=changed");
        var html = System.Text.Encoding.UTF8.GetString(await DownloadAsync(bangladesh, recent + "&format=html", "text/html"));
        var again = System.Text.Encoding.UTF8.GetString(await DownloadAsync(bangladesh, recent + "&format=html", "text/html"));
        (await IssuedReportTestSupport.IssueAsync(rso, second, "Public")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var afterIssue = System.Text.Encoding.UTF8.GetString(await DownloadAsync(bangladesh, recent + "&format=html", "text/html"));

        ChangedSection(preview).ShouldContain(marker);
        ChangedSection(html).ShouldContain(marker);
        ChangedSection(html).ShouldContain("Conduct pilot, joint information campaign");
        html[html.IndexOf("</section>", StringComparison.Ordinal)..].ShouldContain(marker, customMessage: "the update is also in its theme's table, as a detail of the period");
        ChangedSection(again).ShouldContain(marker, customMessage: "a draft moves nothing: the next draft still compares with the last issued report");
        ChangedSection(afterIssue).ShouldNotContain(marker, customMessage: "the next report compares with the one just issued");
    }

    [Fact]
    public async Task Report_DraftDownload_RecordsNoIssuedReport()
    {
        var client = await platform.SignInNewUserAsync("AUS");
        var before = await platform.WithDbAsync(db => db.Set<IssuedReport>().CountAsync());

        await DownloadAsync(client, Period2017 + "&format=xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        (await platform.WithDbAsync(db => db.Set<IssuedReport>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Report_Pdf_OpensAndContainsEveryAction()
    {
        var texts = await SeedTextsAsync();
        File.Exists("/usr/bin/chromium").ShouldBeTrue("PDF output needs Chromium; install it with 'apt-get install -y chromium'.");

        var pdf = await DownloadAsync(await platform.SignInNewUserAsync("AUS"), Period2017 + "&format=pdf", "application/pdf");

        using var document = PdfDocument.Open(pdf);
        // Chromium sets "ff" and "fi" as ligatures; compatibility normalisation turns them back into letters.
        var words = document.GetPages().SelectMany(p => p.GetWords()).SelectMany(w => Pieces(w.Text.Normalize(System.Text.NormalizationForm.FormKC))).ToList();
        string.Join(' ', words).ShouldContain("Progress report");
        foreach (var (number, text) in texts)
        {
            InTableRow(words, number, text).ShouldBeTrue($"action {number} and its text \"{text}\"");
        }
    }

    /// <summary>
    /// The action's number, then every word of its text in order within the next few hundred words: a table row's
    /// cells are drawn line by line, so the other cells' words come in between.
    /// </summary>
    private static bool InTableRow(List<string> words, string number, string text)
    {
        var expected = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(Pieces).ToList();
        for (var start = words.IndexOf(number); start >= 0; start = words.IndexOf(number, start + 1))
        {
            var next = 0;
            for (var i = start + 1; i < Math.Min(words.Count, start + 600) && next < expected.Count; i++)
            {
                if (words[i] == expected[next])
                {
                    next++;
                }
            }

            if (next == expected.Count)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A word cut after its hyphens, since a line may break there ("multi-" / "country").</summary>
    private static IEnumerable<string> Pieces(string word) => System.Text.RegularExpressions.Regex.Split(word, "(?<=-)").Where(p => p.Length > 0);

    [Fact]
    public async Task Report_Docx_HasAHeadingAndATableRowForEveryAction()
    {
        var texts = await SeedTextsAsync();

        var docx = await DownloadAsync(await platform.SignInNewUserAsync("AUS"), Period2017 + "&format=docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var headings = body.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
        headings.ShouldContain("1. Law enforcement cooperation and capacity building");
        headings.ShouldContain("6. Member Engagement and Outreach");
        var rows = body.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        foreach (var (number, text) in texts)
        {
            rows.ShouldContain(r => r[0] == number && r[1] == text, $"action {number}");
        }

        rows.ShouldContain(r => r[0] == "2.3" && r[2] == "Bangladesh, Australia, IOM" && r[3].Contains("7,121 students", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_Xlsx_HasOneRowPerAction()
    {
        var texts = await SeedTextsAsync();

        var xlsx = await DownloadAsync(await platform.SignInNewUserAsync("AUS"), Period2017 + "&format=xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        using var stream = new MemoryStream(xlsx);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var seedRows = rows.Where(r => texts.ContainsKey((string)r["No."]) && (string)r["Action/Recommendation"] == texts[(string)r["No."]]).ToList();
        seedRows.Select(r => (string)r["No."]).ShouldBe(texts.Keys, ignoreOrder: true);
        seedRows.Single(r => (string)r["No."] == "3.2")["Status"].ShouldBe("Dormant");
        seedRows.Single(r => (string)r["No."] == "2.5")["Who"].ShouldBe("RSO (NZ funded)");
    }

    [Fact]
    public async Task Report_BadPeriodOrFormat_Answers400()
    {
        var client = await platform.SignInNewUserAsync("AUS");

        var badFrom = await client.GetAsync("/api/progress-reports?from=1%20Nov%202016&to=2017-10-31");
        var reversed = await client.GetAsync("/api/progress-reports?from=2018-01-01&to=2017-10-31");
        var format = await client.GetAsync("/api/progress-reports?format=odt");

        badFrom.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badFrom.Content.ReadAsStringAsync()).ShouldContain("'1 Nov 2016' is not a date: write it as YYYY-MM-DD.");
        reversed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reversed.Content.ReadAsStringAsync()).ShouldContain("starts (2018-01-01) after it ends (2017-10-31)");
        format.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await format.Content.ReadAsStringAsync()).ShouldContain("html, pdf, docx, xlsx");
    }

    [Fact]
    public async Task Report_Anonymous_MustSignInToDownloadButMayReadThePage()
    {
        await ImportSeedReportAsync(platform);

        var download = await platform.Anonymous().GetAsync($"/api/progress-reports?{Period2017}");
        var page = await platform.Anonymous().GetStringAsync($"/Actions/Report?{Period2017}");

        download.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        page.ShouldContain("Conduct pilot, joint information campaign");
        page.ShouldContain("Sign in as a member official to download");
    }

    [Fact]
    public async Task ReportPage_ForAMeeting_CoversThePeriodSinceThePreviousSeniorOfficialsMeeting()
    {
        await ImportSeedReportAsync(platform);
        var meetings = await platform.WithDbAsync(async db =>
        {
            var rso = await db.Set<Web.Features.Directory.Member>().SingleAsync(m => m.Code == "RSO");
            var previous = new Web.Features.Library.Meeting { OwnerMemberId = rso.Id, Title = "Eleventh Ad Hoc Group Senior Officials' Meeting", StartDate = new DateOnly(2016, 11, 2), EndDate = new DateOnly(2016, 11, 3) };
            var meeting = new Web.Features.Library.Meeting { OwnerMemberId = rso.Id, Title = "Twelfth Ad Hoc Group Senior Officials' Meeting", StartDate = new DateOnly(2017, 10, 20), EndDate = new DateOnly(2017, 10, 20) };
            if (!await db.Set<Web.Features.Library.Meeting>().AnyAsync(m => m.Title == meeting.Title))
            {
                db.AddRange(previous, meeting);
                await db.SaveChangesAsync();
            }

            return await db.Set<Web.Features.Library.Meeting>().SingleAsync(m => m.Title == meeting.Title);
        });

        var html = await (await platform.SignInNewUserAsync("AUS")).GetStringAsync($"/Actions/Report?meeting={meetings.Id}");

        html.ShouldContain("Progress report for the Twelfth Ad Hoc Group Senior Officials&#x27; Meeting: 4 November 2016 to 20 October 2017");
        html.ShouldContain("Conduct pilot, joint information campaign");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProgressReportSqliteTests(SqlitePlatform platform) : ProgressReportTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ProgressReportPostgresTests(PostgresPlatform platform) : ProgressReportTests(platform);

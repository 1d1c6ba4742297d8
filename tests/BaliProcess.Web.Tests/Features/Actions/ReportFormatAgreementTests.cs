using System.Net;
using System.Text.RegularExpressions;
using BaliProcess.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MiniExcelLibs;
using UglyToad.PdfPig;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>
/// The four formats of one report say the same: every action row (number, text, who, status and details) read back
/// from HTML, DOCX and XLSX is identical, in the same order, and the PDF carries each row's number and status line in
/// that order. And the PDF is laid out for print: few pages, none left mostly empty before the last.
/// </summary>
public abstract partial class ReportFormatAgreementTests(PlatformFactory platform)
{
    private const string Period2017 = "from=2016-11-01&to=2017-10-31";

    /// <summary>The 2017 report printed 17 pages before the print layout; the issue asks for under a third of that.</summary>
    private const int PagesBeforeThePrintLayout = 17;

    private sealed record Row(string Number, string Text, string Who, string Details);

    private static async Task<byte[]> DownloadAsync(HttpClient client, string format)
    {
        var response = await client.GetAsync($"/api/progress-reports?{Period2017}&format={format}");
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(body));
        return body;
    }

    [Fact]
    public async Task Report_HtmlDocxAndXlsx_HoldTheSameRowsInTheSameOrder()
    {
        await ImportSeedReportAsync(platform);
        var client = await platform.SignInNewUserAsync("AUS");

        var html = HtmlRows(System.Text.Encoding.UTF8.GetString(await DownloadAsync(client, "html")));
        var docx = DocxRows(await DownloadAsync(client, "docx"));
        var xlsx = XlsxRows(await DownloadAsync(client, "xlsx"));

        html.Count.ShouldBeGreaterThanOrEqualTo(29, "the 2017 report's 29 actions are in the period");
        html.Select(r => r.Number).ShouldContain("1.1");
        docx.ShouldBe(html, "DOCX rows against the HTML rows");
        xlsx.ShouldBe(html, "XLSX rows against the HTML rows");
    }

    [Fact]
    public async Task Report_Pdf_CarriesEveryRowsNumberAndStatusInOrder()
    {
        await ImportSeedReportAsync(platform);
        File.Exists("/usr/bin/chromium").ShouldBeTrue("PDF output needs Chromium; install it with 'apt-get install -y chromium'.");
        var client = await platform.SignInNewUserAsync("AUS");
        var rows = HtmlRows(System.Text.Encoding.UTF8.GetString(await DownloadAsync(client, "html")));

        using var document = PdfDocument.Open(await DownloadAsync(client, "pdf"));
        var words = document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text.Normalize(System.Text.NormalizationForm.FormKC)).ToList();

        var at = 0;
        foreach (var row in rows)
        {
            var expected = Words(row.Details.Split('\n')[0]).Prepend(row.Number).ToList();
            var found = FindInOrder(words, expected, at);
            found.ShouldBeGreaterThan(-1, $"action {row.Number} with its status line \"{row.Details.Split('\n')[0]}\" after the previous row");
            at = found;
        }
    }

    [Fact]
    public async Task Report_Pdf_FitsUnderAThirdOfItsFormerPagesAndLeavesNoPageMostlyEmpty()
    {
        await ImportSeedReportAsync(platform);
        File.Exists("/usr/bin/chromium").ShouldBeTrue("PDF output needs Chromium; install it with 'apt-get install -y chromium'.");
        var client = await platform.SignInNewUserAsync("AUS");

        using var document = PdfDocument.Open(await DownloadAsync(client, "pdf"));
        var pages = document.GetPages().ToList();

        (pages.Count * 3).ShouldBeLessThan(PagesBeforeThePrintLayout, $"{pages.Count} pages");
        foreach (var page in pages.Take(pages.Count - 1))
        {
            // The running header and the page number sit in the margins; the body is what lies between them.
            var body = page.GetWords().Where(w => w.BoundingBox.Bottom > page.Height * 0.08 && w.BoundingBox.Top < page.Height * 0.92).ToList();
            body.ShouldNotBeEmpty($"page {page.Number} has text");
            var lowest = body.Min(w => w.BoundingBox.Bottom);
            lowest.ShouldBeLessThan(page.Height / 2, $"page {page.Number} is more than half empty (its text ends at {lowest:0} of {page.Height:0} points from the foot)");
        }
    }

    private static int FindInOrder(List<string> words, List<string> expected, int from)
    {
        for (var start = words.IndexOf(expected[0], from); start >= 0; start = words.IndexOf(expected[0], start + 1))
        {
            var next = 1;
            for (var i = start + 1; i < Math.Min(words.Count, start + 800) && next < expected.Count; i++)
            {
                if (words[i] == expected[next] || words[i].Replace("-", "") == expected[next].Replace("-", ""))
                {
                    next++;
                }
            }

            if (next == expected.Count)
            {
                return start;
            }
        }

        return -1;
    }

    private static IEnumerable<string> Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Normalize(System.Text.NormalizationForm.FormKC));

    private static string Clean(string text) => Regex.Replace(text.Replace("\r", ""), "[ \t\u00a0]+", " ").Trim();

    private static string Lines(IEnumerable<string> lines) => string.Join("\n", lines.Select(Clean).Where(l => l.Length > 0));

    /// <summary>The theme tables' rows (four cells), not the "changed since" table's (three).</summary>
    private static List<Row> HtmlRows(string html) =>
        ThemeRow().Matches(html).Select(m => new Row(
                Clean(WebUtility.HtmlDecode(m.Groups["number"].Value)),
                Clean(WebUtility.HtmlDecode(m.Groups["text"].Value)),
                Clean(WebUtility.HtmlDecode(m.Groups["who"].Value)),
                Lines(Paragraph().Matches(m.Groups["details"].Value).Select(p => WebUtility.HtmlDecode(Tag().Replace(p.Groups[1].Value, ""))))))
            .ToList();

    private static List<Row> DocxRows(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = WordprocessingDocument.Open(stream, false);
        return document.MainDocumentPart!.Document.Body!.Descendants<TableRow>()
            .Select(r => r.Elements<TableCell>().ToList())
            .Where(cells => cells.Count == 4 && ActionNumber().IsMatch(cells[0].InnerText.Trim()))
            .Select(cells => new Row(Clean(cells[0].InnerText), Clean(cells[1].InnerText), Clean(cells[2].InnerText),
                Lines(cells[3].Elements<Paragraph>().Select(p => p.InnerText))))
            .ToList();
    }

    private static List<Row> XlsxRows(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(r => new Row(Clean($"{r["No."]}"), Clean($"{r["Action/Recommendation"]}"), Clean($"{r["Who"]}"), Lines($"{r["Status/Details"]}".Split('\n'))))
            .ToList();
    }

    [GeneratedRegex("""<tr><th scope="row" class="report-number">(?<number>[^<]*)</th><td>(?<text>[^<]*)</td><td>(?<who>[^<]*)</td><td>(?<details>.*?)</td></tr>""", RegexOptions.Singleline)]
    private static partial Regex ThemeRow();

    [GeneratedRegex("<p[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Paragraph();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\d{1,2}\.\d{1,2}[a-z]?$")]
    private static partial Regex ActionNumber();
}

[Collection(SqliteCollection.Name)]
public sealed class ReportFormatAgreementSqliteTests(SqlitePlatform platform) : ReportFormatAgreementTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ReportFormatAgreementPostgresTests(PostgresPlatform platform) : ReportFormatAgreementTests(platform);

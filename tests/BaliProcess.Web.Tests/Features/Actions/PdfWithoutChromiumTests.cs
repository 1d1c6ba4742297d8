using System.Net;
using System.Text.Json;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>PDF rendering is optional: a server without Chromium answers a PDF request with a clear 503 and serves every other format.</summary>
public sealed class PdfWithoutChromiumTests
{
    private const string Period = "from=2016-11-01&to=2017-10-31";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ProgressReportPdf_NoChromiumInstalled_Answers503ProblemNamingChromiumAndHtmlStillWorks(DatabaseProvider provider)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-chromium-{Guid.NewGuid():N}", "chromium");
        await using var platform = new StandalonePlatform(provider) { ExtraSettings = [new("Actions:Pdf:ChromiumPath", missing)] };
        var client = await platform.SignInNewUserAsync("AUS");

        var pdf = await client.GetAsync($"/api/progress-reports?{Period}&format=pdf");
        var html = await client.GetAsync($"/api/progress-reports?{Period}&format=html");

        var body = await pdf.Content.ReadAsStringAsync();
        pdf.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()
            .ShouldBe($"PDF output needs Chromium at {missing}, which is not installed on this server (install the 'chromium' package or set Actions:Pdf:ChromiumPath). The HTML, DOCX and XLSX formats work without it.");
        html.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

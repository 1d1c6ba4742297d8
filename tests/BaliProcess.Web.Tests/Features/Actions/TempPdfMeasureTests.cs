using BaliProcess.Web.Tests.Infrastructure;
using UglyToad.PdfPig;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

[Collection(SqliteCollection.Name)]
public sealed class TempPdfMeasureTests(SqlitePlatform platform)
{
    [Fact]
    public async Task Measure_Pdf_Pages()
    {
        await ImportSeedReportAsync(platform);
        var client = await platform.SignInNewUserAsync("AUS");
        var bytes = await client.GetByteArrayAsync("/api/progress-reports?from=2016-11-01&to=2017-10-31&format=pdf");
        await File.WriteAllBytesAsync("/tmp/reports-after.pdf", bytes);
        await File.WriteAllBytesAsync("/tmp/reports-after.html", await client.GetByteArrayAsync("/api/progress-reports?from=2016-11-01&to=2017-10-31&format=html"));
        using var doc = PdfDocument.Open(bytes);
        var lines = doc.GetPages().Select(p => $"page {p.Number}: lowest {(p.GetWords().Any() ? p.GetWords().Min(w => w.BoundingBox.Bottom) : -1):F0} of {p.Height:F0}");
        await File.WriteAllTextAsync("/tmp/reports-after.txt", $"{doc.NumberOfPages} pages\n" + string.Join("\n", lines));
    }
}

using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace BaliProcess.Web.Features.Actions.Reports;

/// <summary>A PDF, or why there is none (Chromium missing or failing): an expected failure, answered as 503.</summary>
public sealed record PdfResult(byte[]? Pdf, string? Unavailable)
{
    public static PdfResult Ok(byte[] pdf) => new(pdf, null);

    public static PdfResult Failed(string reason) => new(null, reason);
}

/// <summary>
/// Prints HTML to PDF with the server's headless Chromium through Playwright: the same HTML and print CSS as the
/// download, so the PDF matches it. JavaScript is off and the page is offline, so nothing in a narrative can run or
/// fetch. Two renderings at a time at most: each starts a browser.
/// </summary>
public sealed class ChromiumPdfRenderer(IOptions<ActionsOptions> options, ILogger<ChromiumPdfRenderer> logger) : IDisposable
{
    private static readonly string[] LaunchArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly SemaphoreSlim gate = new(2, 2);

    public string ChromiumPath => options.Value.Pdf.ChromiumPath;

    public bool IsAvailable => File.Exists(ChromiumPath);

    /// <summary>Prints <paramref name="html"/> on A4 with a running header (<paramref name="title"/> and <paramref name="marking"/>) and "page N of M" below.</summary>
    public async Task<PdfResult> RenderAsync(string html, string title, string marking, string pageOf, CancellationToken ct)
    {
        if (!IsAvailable)
        {
            return PdfResult.Failed($"PDF output needs Chromium at {ChromiumPath}, which is not installed on this server (install the 'chromium' package or set Actions:Pdf:ChromiumPath). The HTML, DOCX and XLSX formats work without it.");
        }

        await gate.WaitAsync(ct);
        try
        {
            var timeout = (float)options.Value.Pdf.Timeout.TotalMilliseconds;
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = LaunchArguments,
                Timeout = timeout,
            });
            ct.ThrowIfCancellationRequested();
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { JavaScriptEnabled = false, Offline = true });
            page.SetDefaultTimeout(timeout);
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            ct.ThrowIfCancellationRequested();
            var pdf = await page.PdfAsync(new PagePdfOptions
            {
                Format = "A4",
                PrintBackground = true,
                PreferCSSPageSize = true,
                Tagged = true,
                Outline = true,
                DisplayHeaderFooter = true,
                // The same margins as the print CSS's @page; the header and footer are drawn inside them.
                Margin = new Margin { Top = "17mm", Bottom = "14mm", Left = "11mm", Right = "11mm" },
                HeaderTemplate = HeaderTemplate(title, marking),
                FooterTemplate = FooterTemplate(pageOf),
            });
            return PdfResult.Ok(pdf);
        }
        catch (Exception e) when (e is PlaywrightException or IOException or System.ComponentModel.Win32Exception)
        {
            logger.LogError(e, "Chromium at {Path} could not print the progress report.", ChromiumPath);
            return PdfResult.Failed($"Chromium at {ChromiumPath} could not print the report to PDF ({e.Message.Split('\n')[0]}). The HTML, DOCX and XLSX formats work without it.");
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Chromium's header template: the report's title on the left, its distribution marking on the right.</summary>
    public static string HeaderTemplate(string title, string marking) =>
        "<div style=\"font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;font-size:7.5pt;color:#1b1b1b;width:100%;margin:0 11mm;"
        + "padding-bottom:1mm;border-bottom:0.5pt solid #6f6f6f;display:flex;justify-content:space-between;gap:6mm\">"
        + $"<span>{WebUtility.HtmlEncode(title)}</span><span style=\"font-weight:700;text-transform:uppercase;white-space:nowrap\">{WebUtility.HtmlEncode(marking)}</span></div>";

    /// <summary>Chromium's footer template: <paramref name="pageOf"/> has {0} for the page number and {1} for the page count.</summary>
    public static string FooterTemplate(string pageOf) =>
        "<div style=\"font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;font-size:7.5pt;color:#3d3d3d;width:100%;margin:0 11mm;text-align:center\">"
        + string.Format(System.Globalization.CultureInfo.InvariantCulture, WebUtility.HtmlEncode(pageOf), "<span class=\"pageNumber\"></span>", "<span class=\"totalPages\"></span>")
        + "</div>";
}

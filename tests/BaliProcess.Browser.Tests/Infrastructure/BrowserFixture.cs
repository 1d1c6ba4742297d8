using Microsoft.Playwright;

namespace BaliProcess.Browser.Tests.Infrastructure;

/// <summary>The browser tests share one Chromium and two platforms, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// One headless Debian Chromium and two platforms, each on its own fresh database: <see cref="NewInstallation"/> has no
/// account at all (for the first-administrator journey) and <see cref="Platform"/> is where tests create accounts.
/// Both start before any test runs: the set-up link is read from what the new installation prints while it starts,
/// and the platforms share Serilog's static logger, which a platform that stops closes.
/// No browser is downloaded: the tests drive /usr/bin/chromium (Debian's 'chromium' package; ./test.sh installs it).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public BrowserPlatform NewInstallation { get; } = new();

    public BrowserPlatform Platform { get; } = new();

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        File.Exists(ChromiumPath).ShouldBeTrue($"{ChromiumPath} is missing: install Debian's 'chromium' package (./test.sh does).");
        NewInstallation.Start();
        Platform.Start();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>A new, empty browser session (no cookies) on the given platform's address.</summary>
    public async Task<IPage> NewPageAsync(BrowserPlatform platform, bool javaScriptEnabled = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = platform.BaseUrl,
            JavaScriptEnabled = javaScriptEnabled,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await Platform.DisposeAsync();
        await NewInstallation.DisposeAsync();
    }
}

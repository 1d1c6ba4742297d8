using System.Text.Json;
using BaliProcess.Browser.Tests.Infrastructure;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BaliProcess.Browser.Tests;

/// <summary>
/// Every main page on a 360 px phone, public and signed in: nothing scrolls sideways, axe finds no violation, and the
/// browser reports no content-security-policy error (or any other console error).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture fixture)
{
    private const int PhoneWidth = 360;

    [Fact]
    public async Task MainPages_PublicAt360Pixels_FitTheWidthPassAxeAndLogNoConsoleErrors()
    {
        var records = await SeedAsync();
        var (page, console) = await PhonePageAsync();

        await CheckPagesAsync(page, console, PublicPaths(records));
    }

    [Fact]
    public async Task MainPages_SignedInAt360Pixels_FitTheWidthPassAxeAndLogNoConsoleErrors()
    {
        var records = await SeedAsync();
        var official = await fixture.Platform.CreateUserAsync("RSO", [Roles.MemberAdmin, Roles.Oversight, Roles.MemberOfficer]);
        var (page, console) = await PhonePageAsync();
        await Journeys.SubmitPasswordAsync(page, official.Email, official.Password, checkAccessibility: false);
        await Journeys.SubmitCodeAsync(page, Journeys.FreshCode(official.AuthenticatorKey));
        await Journeys.ExpectSignedInAsync(page);

        await CheckPagesAsync(page, console,
        [
            .. PublicPaths(records),
            "/Accounts/Manage", "/Accounts/Users", $"/Accounts/Account/{official.Id}", "/Accounts/ApiKeys",
            "/Audit", "/Audit/Checkpoints", "/Library/Upload", "/Meetings/Review", $"/Meetings/{records.MeetingId}/Edit", "/Directory/FocalPoints/New",
        ]);
    }

    [Fact]
    public async Task WidthCheck_PageWithAWideElementAddedOnPurpose_ReportsIt()
    {
        var (page, _) = await PhonePageAsync();
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { const d = document.createElement('div'); d.style.width = '600px'; d.textContent = 'x'; document.querySelector('main').append(d); }");

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeGreaterThan(PhoneWidth);
    }

    [Fact]
    public async Task Search_At360Pixels_FiltersFollowTheResultsAndTheNewCountIsAnnounced()
    {
        await SeedAsync();
        var (page, console) = await PhonePageAsync();
        await page.GotoAsync("/Search?q=trafficking");
        var status = page.Locator("#result-count");
        await Microsoft.Playwright.Assertions.Expect(status).ToHaveAttributeAsync("role", "status");
        await Microsoft.Playwright.Assertions.Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d[\d,]* results?$"));
        var results = await page.Locator("ol.results").BoundingBoxAsync();
        var filters = await page.GetByRole(AriaRole.Complementary, new() { Name = "Refine" }).BoundingBoxAsync();
        filters!.Y.ShouldBeGreaterThan(results!.Y + results.Height - 1, "on a phone the filters come after the results");

        // A new search through htmx replaces the results, and the live region that stayed in the page gets the new count.
        var marker = $"Nothing{Guid.NewGuid():N}";
        await page.GetByLabel("Words to find").FillAsync(marker);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(status).ToHaveTextAsync("0 results");
        (await page.EvaluateAsync<int>("() => document.querySelectorAll('#result-count').length")).ShouldBe(1);
        console.ShouldBeEmpty();
    }

    private static string[] PublicPaths(SeededRecords records) =>
    [
        "/", "/Directory", "/Directory/Members/IDN", "/Directory/Bodies", "/Directory/Bodies/AHG",
        "/Library", $"/Library/Documents/{records.DocumentId}", "/Search?q=trafficking", "/Search?q=trafficking&kind=meeting",
        "/Meetings", $"/Meetings/{records.MeetingId}", "/Activities",
        "/Actions", $"/Actions/{records.ActionId}", "/Actions/Report",
        "/Accounts/SignIn", "/Accounts/ForgotPassword", "/ApiReference",
    ];

    private async Task CheckPagesAsync(IPage page, List<string> console, IEnumerable<string> paths)
    {
        var failures = new List<string>();
        foreach (var path in paths)
        {
            console.Clear();
            var response = await page.GotoAsync(path);
            if (response is null || !response.Ok)
            {
                failures.Add($"{path}: answered {response?.Status}");
                continue;
            }

            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > PhoneWidth)
            {
                var wide = await page.EvaluateAsync<string[]>(WidestElements);
                failures.Add($"{path}: {width} px wide; wider than the screen: {string.Join(" | ", wide)}");
            }

            try
            {
                await page.AssertNoViolationsAsync();
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add($"{path}: {e.Message}");
            }

            failures.AddRange(console.Select(m => $"{path}: console: {m}"));
        }

        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    /// <summary>The deepest elements whose right edge passes the screen's: what to fix when a page is too wide.</summary>
    private const string WidestElements = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
        """;

    private async Task<(IPage Page, List<string> Console)> PhonePageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Platform.BaseUrl,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        // CSP refusals are reported on the console as errors ("Refused to load … because it violates …").
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                console.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => console.Add($"page error: {error}");
        return (page, console);
    }

    private sealed record SeededRecords(Guid DocumentId, Guid MeetingId, Guid ActionId);

    /// <summary>The seed documents (statements with their meetings, the 2017 progress report with its actions), imported once.</summary>
    private async Task<SeededRecords> SeedAsync()
    {
        var platform = fixture.Platform;
        await using (var scope = platform.Scope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<DocumentImporter>();
            var context = await importer.ResolveContextAsync(new ScopeInput(DistributionScope.Public), null, AuditActor.System("test"), default);
            foreach (var file in System.IO.Directory.GetFiles(RepositoryPaths.Seeds).Order(StringComparer.Ordinal))
            {
                // A file already imported by an earlier test answers as a duplicate, which is fine here.
                var result = await importer.ImportAsync(context.Value!, Path.GetFileName(file), await File.ReadAllBytesAsync(file), default);
                result.Status.ShouldNotBe(ImportStatus.Failed, result.Message);
            }
        }

        await platform.DrainSearchAsync();
        using var client = new HttpClient { BaseAddress = new Uri(platform.BaseUrl) };
        var document = JsonDocument.Parse(await client.GetStringAsync("/api/documents")).RootElement[0].GetProperty("id").GetGuid();
        var meeting = JsonDocument.Parse(await client.GetStringAsync("/api/meetings")).RootElement[0].GetProperty("id").GetGuid();
        var actions = JsonDocument.Parse(await client.GetStringAsync("/api/actions")).RootElement;
        var action = actions.EnumerateArray().Last().GetProperty("id").GetGuid();
        return new SeededRecords(document, meeting, action);
    }
}

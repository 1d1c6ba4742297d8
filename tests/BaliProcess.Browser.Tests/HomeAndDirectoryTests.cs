using BaliProcess.Browser.Tests.Infrastructure;
using BaliProcess.Documents;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BaliProcess.Browser.Tests;

/// <summary>The home page, public and signed in, and a correction of a body's membership, in a real browser with axe on every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HomeAndDirectoryTests(BrowserFixture fixture)
{
    private async Task<string> PublicStatementAsync()
    {
        var title = $"Home statement {Guid.NewGuid():N}"[..27];
        await fixture.Platform.WithDbAsync(async db =>
        {
            var rso = await db.Set<Member>().Where(m => m.Code == "RSO").Select(m => m.Id).SingleAsync();
            db.Add(new LibraryDocument
            {
                OwnerMemberId = rso, Scope = DistributionScope.Public, Kind = DocumentKind.CoChairsStatement, Title = title,
                Date = new DateOnly(2025, 6, 3), OriginalFileName = "home.txt", ContentType = "text/plain",
                ContentHash = Guid.NewGuid().ToString("N"), Text = title, ImportedAt = DateTime.UtcNow,
            });
            db.Add(new Meeting { OwnerMemberId = rso, Scope = DistributionScope.Public, Title = title + " meeting", StartDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14), EndDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(15) });
            return await db.SaveChangesAsync();
        });
        return title;
    }

    [Fact]
    public async Task PublicHome_OnAPhone_ShowsTheProcessAndLatestStatementsWithoutSidewaysScrolling()
    {
        var title = await PublicStatementAsync();
        var page = await fixture.NewPageAsync(fixture.Platform);
        await page.SetViewportSizeAsync(360, 800);

        await page.GotoAsync("/");

        await Expect(page.GetByText("began in 2002 with a regional ministerial conference in Bali")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Latest statements" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).ShouldBeTrue("the home page scrolls sideways at 360 px");
        await page.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task SignedInHome_ThenCorrectingABodysMembership_ShowsTheCardsAndTheCorrectedMember()
    {
        var title = await PublicStatementAsync();
        var admin = await fixture.Platform.CreateUserAsync("RSO", [Roles.PlatformAdmin]);
        var page = await fixture.NewPageAsync(fixture.Platform);
        await Journeys.SubmitPasswordAsync(page, admin.Email, admin.Password, checkAccessibility: false);
        await Journeys.SubmitCodeAsync(page, Journeys.FreshCode(admin.AuthenticatorKey));
        await Journeys.ExpectSignedInAsync(page);

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meetings coming up" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = title + " meeting" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Documents added since your last visit" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Waiting for you" })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();

        await page.GotoAsync("/Directory/Bodies/TEWG");
        await page.GetByRole(AriaRole.Link, new() { Name = "Correct this body" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Correct Technical Experts Working Group");
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Member", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Fiji" });
        await page.GetByLabel("Role").SelectOptionAsync("Chair");
        await page.GetByLabel("From (year-month-day, optional)").FillAsync("2014-10-01");
        await page.GetByLabel("Until (year-month-day, optional)").FillAsync("2014-01-01");
        await page.Locator("#membership-form ~ form textarea").FillAsync("Chaired the October 2014 meeting");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the membership" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("before the start date");
        await page.AssertNoViolationsAsync();

        await page.GetByLabel("Until (year-month-day, optional)").FillAsync("");
        await page.Locator("#membership-form ~ form textarea").FillAsync("Chaired the October 2014 meeting");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the membership" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Directory/Bodies/TEWG$"));
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Fiji" })).ToContainTextAsync("since 1 October 2014");
        await page.AssertNoViolationsAsync();
    }
}

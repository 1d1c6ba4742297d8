using System.Text.RegularExpressions;
using BaliProcess.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BaliProcess.Browser.Tests;

/// <summary>A new installation, from the set-up link to browsing in Bahasa Indonesia, in a real browser. Its own database: no account exists yet.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstAdministratorTests(BrowserFixture fixture)
{
    private const string Email = "admin@rso.example.org";
    private const string Password = "harbour-lantern-mango-quiet";

    [Fact]
    public async Task NewInstallation_SetUpFirstAdministratorThenSignInAndBrowse_EveryPageWorksAndPassesAxe()
    {
        var page = await fixture.NewPageAsync(fixture.NewInstallation);

        // The operator opens the one-time link that the platform printed on the console at its first start.
        await page.GotoAsync(fixture.NewInstallation.SetupLinkPath());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create the first administrator", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Your name").FillAsync("Ayu Lestari");
        await page.GetByLabel("E-mail").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();

        // Two-factor enrolment: the key is shown as text beside the QR code.
        await Expect(page).ToHaveURLAsync(new Regex("/Accounts/SetupTwoFactor"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up two-factor sign-in", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Trim();
        key.ShouldMatch("^[a-z2-7]{4}( [a-z2-7]{1,4})+$");
        var enrolmentCode = Journeys.FreshCode(key);
        await page.GetByLabel("Code from your authenticator app").FillAsync(enrolmentCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in is on", Level = 1 })).ToBeVisibleAsync();
        (await page.Locator("#recovery-codes li").CountAsync()).ShouldBe(10);
        await page.AssertNoViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Journeys.ExpectSignedInAsync(page);
        await page.AssertNoViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signed out", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();

        // Back in with the password and a fresh code from the authenticator.
        await Journeys.SubmitPasswordAsync(page, Email, Password);
        await Journeys.SubmitCodeAsync(page, Journeys.FreshCode(key, alreadyUsed: enrolmentCode));
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Journeys.ExpectSignedInAsync(page);

        await Journeys.BrowseDirectoryAsync(page);

        await Journeys.SwitchLanguageAsync(page, "id");
        await Expect(page).ToHaveURLAsync(new Regex("/Directory/Bodies/AHG$"));
        await page.AssertNoViolationsAsync();
        await page.GotoAsync("/Directory");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");
        await page.AssertNoViolationsAsync();
    }
}

using System.Text.RegularExpressions;
using BaliProcess.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BaliProcess.Browser.Tests;

/// <summary>Sign-in, keyboard use and pages without JavaScript, in a real browser, with accounts made directly in the database.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TwoFactorSignIn_WrongCode_ShowsTheErrorOnTheFormAndDoesNotSignIn()
    {
        var user = await fixture.Platform.CreateUserAsync("THA");
        var page = await fixture.NewPageAsync(fixture.Platform);

        await Journeys.SubmitPasswordAsync(page, user.Email, user.Password);
        await Journeys.SubmitCodeAsync(page, Journeys.WrongCode(user.AuthenticatorKey));

        await Expect(page).ToHaveURLAsync(new Regex("/Accounts/TwoFactor"));
        const string message = "That code is not right. Enter the six digits your app shows now.";
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToContainTextAsync("There is a problem");
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = message })).ToHaveAttributeAsync("href", "#Code");
        await Expect(page.Locator(".field-error")).ToHaveTextAsync(message);
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await page.AssertNoViolationsAsync();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await page.GotoAsync("/Accounts/Manage");
        await Expect(page).ToHaveURLAsync(new Regex("/Accounts/SignIn"));
    }

    [Fact]
    public async Task SkipLink_FirstTabThenEnter_IsTheFirstFocusAndMovesFocusToMain()
    {
        var page = await fixture.NewPageAsync(fixture.Platform);
        await page.GotoAsync("/");
        await page.AssertNoViolationsAsync();

        await page.Keyboard.PressAsync("Tab");
        var skipLink = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#main$"));
    }

    [Fact]
    public async Task SignInAndDirectory_WithoutJavaScript_WorkAndTheLanguageSwitcherChangesTheLanguage()
    {
        var user = await fixture.Platform.CreateUserAsync("IDN");
        var page = await fixture.NewPageAsync(fixture.Platform, javaScriptEnabled: false);

        // axe is a script, so it cannot run here; the same pages are checked with JavaScript on in the other tests.
        await Journeys.SubmitPasswordAsync(page, user.Email, user.Password, checkAccessibility: false);
        await Journeys.SubmitCodeAsync(page, Journeys.FreshCode(user.AuthenticatorKey));
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Journeys.ExpectSignedInAsync(page);

        await Journeys.BrowseDirectoryAsync(page, checkAccessibility: false);
        await Journeys.SwitchLanguageAsync(page, "id");
        await Expect(page).ToHaveURLAsync(new Regex("/Directory/Bodies/AHG$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Keluar" })).ToBeVisibleAsync();
    }
}

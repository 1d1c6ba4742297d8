using System.Text.RegularExpressions;
using BaliProcess.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BaliProcess.Browser.Tests;

/// <summary>A passkey registered on My account and used as the second factor, with Chromium's virtual authenticator and axe on every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Passkey_RegisteredOnMyAccount_SignsInInsteadOfTheCode()
    {
        var user = await fixture.Platform.CreateUserAsync("IDN");
        var page = await fixture.NewPageAsync(fixture.Platform);
        await AddVirtualAuthenticatorAsync(page);
        await Journeys.SubmitPasswordAsync(page, user.Email, user.Password, checkAccessibility: false);
        await Journeys.SubmitCodeAsync(page, Journeys.FreshCode(user.AuthenticatorKey));
        await Journeys.ExpectSignedInAsync(page);

        await page.GotoAsync("/Accounts/Manage");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Passkeys" })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Name of the passkey").FillAsync("test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Passkey \"test laptop\" is registered.");
        await page.AssertNoViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Journeys.SubmitPasswordAsync(page, user.Email, user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Accounts/TwoFactor"));
        await Journeys.ExpectSignedInAsync(page);
        await page.AssertNoViolationsAsync();
    }

    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("WebAuthn.enable");
        await session.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }
}

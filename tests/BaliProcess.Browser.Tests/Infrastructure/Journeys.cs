using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BaliProcess.Browser.Tests.Infrastructure;

/// <summary>Steps that several browser tests take, done as a person does them: labels, buttons and links.</summary>
public static class Journeys
{
    /// <summary>
    /// A code from the authenticator for this key, never the one given in <paramref name="alreadyUsed"/>: when the current
    /// 30-second window's code was used already, the next window's code (accepted within the platform's allowed drift).
    /// </summary>
    public static string FreshCode(string key, string? alreadyUsed = null)
    {
        var now = DateTimeOffset.UtcNow;
        var code = Totp.Code(key, now);
        return code == alreadyUsed ? Totp.Code(key, now.AddSeconds(30)) : code;
    }

    /// <summary>A six-digit code that the platform rejects: none of the codes of the windows it accepts.</summary>
    public static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, now.AddSeconds(step * 30))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !accepted.Contains(c));
    }

    /// <summary>Password page, then the two-factor page; each page is checked with axe on the way.</summary>
    public static async Task SubmitPasswordAsync(IPage page, string email, string password, bool checkAccessibility = true)
    {
        await page.GotoAsync("/Accounts/SignIn");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        if (checkAccessibility)
        {
            await page.AssertNoViolationsAsync();
        }

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Accounts/TwoFactor"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your code", Level = 1 })).ToBeVisibleAsync();
        if (checkAccessibility)
        {
            await page.AssertNoViolationsAsync();
        }
    }

    public static async Task SubmitCodeAsync(IPage page, string code)
    {
        await page.GetByLabel("Code from your authenticator app").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>The signed-in header: the sign-out button is there and the sign-in link is not.</summary>
    public static async Task ExpectSignedInAsync(IPage page)
    {
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToHaveCountAsync(0);
    }

    /// <summary>The directory, Indonesia's page, the bodies and the Ad Hoc Group's page, reached through links.</summary>
    public static async Task BrowseDirectoryAsync(IPage page, bool checkAccessibility = true)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Directory", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Directory$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members and observers", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
        await Check(page, checkAccessibility);

        await page.GetByRole(AriaRole.Link, new() { Name = "Indonesia", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Directory/Members/IDN$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Indonesia");
        await Check(page, checkAccessibility);

        await page.GotoAsync("/Directory/Bodies");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bodies of the Bali Process", Level = 1 })).ToBeVisibleAsync();
        await Check(page, checkAccessibility);

        await page.GetByRole(AriaRole.Link, new() { Name = "Ad Hoc Group", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Directory/Bodies/AHG$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ad Hoc Group");
        await Check(page, checkAccessibility);
    }

    /// <summary>The language switcher in the header is a plain form: choose, then press its button.</summary>
    public static async Task SwitchLanguageAsync(IPage page, string culture)
    {
        await page.GetByLabel("Language").SelectOptionAsync(culture);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change language" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
    }

    private static async Task Check(IPage page, bool checkAccessibility)
    {
        if (checkAccessibility)
        {
            await page.AssertNoViolationsAsync();
        }
    }
}

using System.Text.RegularExpressions;
using BaliProcess.Browser.Tests.Infrastructure;
using BaliProcess.Web.Infrastructure.Mail;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace BaliProcess.Browser.Tests;

/// <summary>A forgotten password and a lost authenticator, in a real browser, with axe on every page visited.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccountLifecycleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ForgottenPassword_LinkFromTheEmail_SetsANewPasswordThatSignsIn()
    {
        var user = await fixture.Platform.CreateUserAsync("IDN");
        var page = await fixture.NewPageAsync(fixture.Platform);
        await page.GotoAsync("/Accounts/SignIn");

        await page.GetByRole(AriaRole.Link, new() { Name = "Forgotten your password?" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forgotten password", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("E-mail").FillAsync(user.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If an account uses this address");
        await page.AssertNoViolationsAsync();

        var link = ResetLink().Match((await WaitForMailAsync(user.Email, "Reset your password")).TextBody ?? "");
        link.Success.ShouldBeTrue("the e-mail carries an absolute reset link");
        await page.GotoAsync(link.Groups[1].Value);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("New password").FillAsync("lantern-pebble-summit-cocoa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");
        await page.AssertNoViolationsAsync();

        await page.GotoAsync(link.Groups[1].Value);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This reset link was used already.");
        await page.AssertNoViolationsAsync();
        await Journeys.SubmitPasswordAsync(page, user.Email, "lantern-pebble-summit-cocoa", checkAccessibility: false);
        await Journeys.SubmitCodeAsync(page, Journeys.FreshCode(user.AuthenticatorKey));
        await Journeys.ExpectSignedInAsync(page);
    }

    [Fact]
    public async Task LostAuthenticator_AdministratorConfirmsTheReset_ThePersonEnrolsAgainAtSignIn()
    {
        var user = await fixture.Platform.CreateUserAsync("THA");
        var admin = await fixture.Platform.CreateUserAsync("THA", [Roles.MemberAdmin]);
        var page = await fixture.NewPageAsync(fixture.Platform);
        await Journeys.SubmitPasswordAsync(page, admin.Email, admin.Password, checkAccessibility: false);
        await Journeys.SubmitCodeAsync(page, Journeys.FreshCode(admin.AuthenticatorKey));
        await Journeys.ExpectSignedInAsync(page);

        await page.GotoAsync("/Accounts/Users");
        await page.AssertNoViolationsAsync();
        await page.Locator($"a[href='/Accounts/Account/{user.Id}']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lost authenticator" })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Confirm that you checked");
        await page.AssertNoViolationsAsync();
        await page.GetByLabel(new Regex("^I checked, by telephone or in person")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-factor sign-in is reset.");
        await page.AssertNoViolationsAsync();
        await WaitForMailAsync(user.Email, "Your two-factor sign-in was reset");

        var person = await fixture.NewPageAsync(fixture.Platform);
        await person.GotoAsync("/Accounts/SignIn");
        await person.GetByLabel("E-mail").FillAsync(user.Email);
        await person.GetByLabel("Password").FillAsync(user.Password);
        await person.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Expect(person).ToHaveURLAsync(new Regex("/Accounts/SetupTwoFactor"));
        await person.AssertNoViolationsAsync();
    }

    private async Task<MimeMessage> WaitForMailAsync(string address, string subject)
    {
        var folder = fixture.Platform.Services.GetRequiredService<FileMailSender>().Folder;
        for (var i = 0; i < 100; i++)
        {
            var found = (Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : []).Select(Load).OfType<MimeMessage>()
                .FirstOrDefault(m => m.Subject == subject && m.To.Mailboxes.Any(b => b.Address == address));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"No e-mail '{subject}' to {address} in {folder}.");
    }

    private static MimeMessage? Load(string path)
    {
        try
        {
            return MimeMessage.Load(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"https?://[^/\s]+(/Accounts/ResetPassword\?token=[A-Za-z0-9%]+)")]
    private static partial Regex ResetLink();
}

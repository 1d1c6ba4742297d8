using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Accounts.Lifecycle;

/// <summary>What officials do to their own account: password, recovery codes, sessions.</summary>
public abstract partial class OwnAccountTests(AccountsPlatform platform)
{
    private const string NewPassword = "velvet-compass-meadow-drum";

    [Fact]
    public async Task ChangePassword_OnTheAccountPage_KeepsThisSessionEndsTheOthersAndEmailsTheOwner()
    {
        var user = await platform.CreateUserAsync("IDN");
        var (here, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var (elsewhere, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var page = await here.GetStringAsync("/Accounts/Manage");

        var response = await here.PostAsync("/Accounts/Manage?handler=ChangePassword", PlatformFactory.Form(page, ("Password.CurrentPassword", user.Password), ("Password.NewPassword", NewPassword)));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        (await here.GetStringAsync("/Accounts/Manage")).ShouldContain("Your password is changed. Every other session of your account was signed out.");
        (await here.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "the browser that changed the password stays signed in");
        (await elsewhere.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var mail = await platform.WaitForMailAsync(user.Email, "Your password was changed");
        mail.TextBody!.ShouldContain($"{AccountsPlatform.PublicBaseUrl}/Accounts/ForgotPassword");
        (await platform.WithDbAsync(db => db.Set<BaliProcess.Web.Features.Audit.AuditEntry>().CountAsync(a => a.Action == "account.password.change" && a.SubjectId == user.Id.ToString()))).ShouldBe(1);
        await platform.SignInAsync(user with { Password = NewPassword });
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPasswordOrWeakNewOne_ShowsTheProblemAndChangesNothing()
    {
        var user = await platform.CreateUserAsync("IDN");
        var (client, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var page = await client.GetStringAsync("/Accounts/Manage");

        var wrong = await client.PostAsync("/Accounts/Manage?handler=ChangePassword", PlatformFactory.Form(page, ("Password.CurrentPassword", "not-my-password-at-all"), ("Password.NewPassword", NewPassword)));
        var weak = await client.PostAsync("/Accounts/Manage?handler=ChangePassword", PlatformFactory.Form(page, ("Password.CurrentPassword", user.Password), ("Password.NewPassword", "short")));

        (await wrong.Content.ReadAsStringAsync()).ShouldContain("The current password is not right.");
        weak.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        platform.MailsTo(user.Email).ShouldBeEmpty();
        await platform.SignInAsync(user);
    }

    [Fact]
    public async Task RecoveryCodes_Regenerated_AreShownOnceSignInOnceAndTheOldOnesStopWorking()
    {
        var user = await platform.CreateUserAsync("THA");
        var (client, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var first = await client.PostAsJsonAsync("/api/me/recovery-codes", new { confirm = true });
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var oldCode = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("codes")[0].GetString()!;
        var page = await client.GetStringAsync("/Accounts/Manage");

        var regenerated = await client.PostAsync("/Accounts/Manage?handler=RecoveryCodes", PlatformFactory.Form(page));

        var html = await regenerated.Content.ReadAsStringAsync();
        var codes = RecoveryCodeItem().Matches(html[html.IndexOf("id=\"recovery-codes\"", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).Take(10).ToList();
        codes.Count.ShouldBe(10);
        (await client.GetStringAsync("/Accounts/Manage")).ShouldNotContain(codes[0], Case.Sensitive, "the codes are shown only once");
        (await SignInWithCodeAsync(user, oldCode)).ShouldBeFalse("codes from before the regeneration stop working");
        (await SignInWithCodeAsync(user, codes[0])).ShouldBeTrue();
        (await SignInWithCodeAsync(user, codes[0])).ShouldBeFalse("a recovery code works once");
    }

    [Fact]
    public async Task RecoveryCodesApi_WithoutConfirmation_Answers400AndKeepsTheCodes()
    {
        var user = await platform.CreateUserAsync("THA");
        var (client, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var codes = JsonDocument.Parse(await (await client.PostAsJsonAsync("/api/me/recovery-codes", new { confirm = true })).Content.ReadAsStringAsync())
            .RootElement.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();

        var refused = await client.PostAsJsonAsync("/api/me/recovery-codes", new { });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Confirm that your earlier recovery codes should stop working.");
        (await SignInWithCodeAsync(user, codes[1])).ShouldBeTrue();
    }

    [Fact]
    public async Task Sessions_ListedAndSignedOutEverywhere_EndEveryBrowserOfTheAccount()
    {
        var user = await platform.CreateUserAsync("AUS");
        var (here, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var (elsewhere, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);

        var listed = JsonDocument.Parse(await here.GetStringAsync("/api/me/sessions")).RootElement;
        var unconfirmed = await here.PostAsJsonAsync("/api/me/sessions/revoke", new { });
        (await elsewhere.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "an unconfirmed request ends nothing");
        var page = await here.GetStringAsync("/Accounts/Manage");
        var signedOut = await here.PostAsync("/Accounts/Manage?handler=SignOutEverywhere", PlatformFactory.Form(page, ("confirm", "true")));

        listed.GetArrayLength().ShouldBe(2);
        listed.EnumerateArray().Count(s => s.GetProperty("current").GetBoolean()).ShouldBe(1);
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        page.ShouldContain("Where I am signed in");
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await here.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await elsewhere.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await platform.WithDbAsync(db => db.Set<UserSession>().CountAsync(s => s.UserId == user.Id && s.RevokedReason == SessionEndReasons.SignedOutEverywhere))).ShouldBe(2);
    }

    /// <summary>Password, then a recovery code in place of the authenticator's code.</summary>
    private async Task<bool> SignInWithCodeAsync(TestUser user, string code)
    {
        var browser = platform.Anonymous();
        var page = await browser.GetStringAsync("/Accounts/SignIn");
        var response = await browser.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", user.Email), ("Password", user.Password)));
        var twoFactor = await browser.GetStringAsync(response.Headers.Location);
        response = await browser.PostAsync("/Accounts/TwoFactor", PlatformFactory.Form(twoFactor, ("Code", code)));
        return response.StatusCode == HttpStatusCode.Redirect && (await browser.GetAsync("/api/me")).StatusCode == HttpStatusCode.OK;
    }

    [GeneratedRegex(@"<li>([A-Z0-9]{5}-[A-Z0-9]{5})</li>")]
    private static partial Regex RecoveryCodeItem();
}

public sealed class OwnAccountSqliteTests(AccountsSqlitePlatform platform) : OwnAccountTests(platform), IClassFixture<AccountsSqlitePlatform>;

public sealed class OwnAccountPostgresTests(AccountsPostgresPlatform platform) : OwnAccountTests(platform), IClassFixture<AccountsPostgresPlatform>;

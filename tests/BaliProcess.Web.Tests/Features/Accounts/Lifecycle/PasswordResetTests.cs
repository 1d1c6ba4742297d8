using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Accounts.Lifecycle;

/// <summary>A forgotten password, reset through the e-mailed link: the same answer for every address, single use, short life.</summary>
public abstract partial class PasswordResetTests(AccountsPlatform platform)
{
    private const string NewPassword = "amber-kettle-orchard-violin";

    private async Task<HttpResponseMessage> RequestLinkAsync(HttpClient browser, string email)
    {
        var page = await browser.GetStringAsync("/Accounts/ForgotPassword");
        return await browser.PostAsync("/Accounts/ForgotPassword", PlatformFactory.Form(page, ("Email", email)));
    }

    private static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient browser, string path, string password)
    {
        var page = await browser.GetStringAsync(path);
        return await browser.PostAsync("/Accounts/ResetPassword", PlatformFactory.Form(page, ("Token", AccountsPlatform.TokenOf(path)), ("NewPassword", password)));
    }

    private async Task<bool> PasswordIsAsync(TestUser user, string password)
    {
        var browser = platform.Anonymous();
        var page = await browser.GetStringAsync("/Accounts/SignIn");
        var response = await browser.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", user.Email), ("Password", password)));
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    [Fact]
    public async Task ForgotPassword_KnownAndUnknownAddress_AnswerTheSameAndOnlyTheAccountGetsAnAbsoluteLink()
    {
        var user = await platform.CreateUserAsync("IDN");
        var unknown = $"nobody-{Guid.NewGuid():N}@idn.example.org";

        var known = await RequestLinkAsync(platform.Anonymous(), user.Email);
        var stranger = await RequestLinkAsync(platform.Anonymous(), unknown);

        known.StatusCode.ShouldBe(HttpStatusCode.OK);
        stranger.StatusCode.ShouldBe(known.StatusCode);
        var knownPage = WithoutTokens(await known.Content.ReadAsStringAsync());
        knownPage.ShouldContain("If an account uses this address, we have sent it an e-mail");
        WithoutTokens(await stranger.Content.ReadAsStringAsync()).Replace(unknown, "ADDRESS", StringComparison.Ordinal)
            .ShouldBe(knownPage.Replace(user.Email, "ADDRESS", StringComparison.Ordinal));
        var mail = await platform.WaitForMailAsync(user.Email, "Reset your password");
        var (absolute, _) = AccountsPlatform.ResetLink(mail);
        absolute.ShouldStartWith($"{AccountsPlatform.PublicBaseUrl}/Accounts/ResetPassword?token=");
        mail.HtmlBody!.ShouldContain($"href=\"{AccountsPlatform.PublicBaseUrl}/Accounts/ResetPassword?token=");
        await Task.Delay(500);
        platform.MailsTo(unknown).ShouldBeEmpty();
    }

    [Fact]
    public async Task ResetPassword_LinkFromTheEmail_SetsThePasswordAndEndsEverySession()
    {
        var user = await platform.CreateUserAsync("IDN");
        var (signedIn, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var browser = platform.Anonymous();
        await RequestLinkAsync(browser, user.Email);
        var (_, path) = AccountsPlatform.ResetLink(await platform.WaitForMailAsync(user.Email, "Reset your password"));

        var response = await SetPasswordAsync(browser, path, NewPassword);

        (await response.Content.ReadAsStringAsync()).ShouldContain("Your password is changed, and every session of your account was signed out.");
        (await signedIn.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the session opened before the reset ended");
        (await PasswordIsAsync(user, user.Password)).ShouldBeFalse();
        await platform.SignInAsync(user with { Password = NewPassword });
        (await platform.WithDbAsync(db => db.Set<UserSession>().CountAsync(s => s.UserId == user.Id && s.RevokedReason == SessionEndReasons.PasswordReset))).ShouldBe(1);
        (await platform.WithDbAsync(db => db.Set<BaliProcess.Web.Features.Audit.AuditEntry>().CountAsync(a => a.Action == "account.password.reset" && a.SubjectId == user.Id.ToString()))).ShouldBe(1);
        await platform.WaitForMailAsync(user.Email, "Your password was changed");
    }

    [Fact]
    public async Task ResetPassword_LinkUsedTwice_SaysSoAndChangesNothing()
    {
        var user = await platform.CreateUserAsync("IDN");
        var browser = platform.Anonymous();
        await RequestLinkAsync(browser, user.Email);
        var (_, path) = AccountsPlatform.ResetLink(await platform.WaitForMailAsync(user.Email, "Reset your password"));
        var formPage = await browser.GetStringAsync(path);
        (await SetPasswordAsync(browser, path, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reopened = await browser.GetStringAsync(path);
        var reposted = await browser.PostAsync("/Accounts/ResetPassword", PlatformFactory.Form(formPage, ("Token", AccountsPlatform.TokenOf(path)), ("NewPassword", "second-attempt-walnut-harbour")));

        reopened.ShouldContain("This reset link was used already.");
        (await reposted.Content.ReadAsStringAsync()).ShouldContain("This reset link was used already.");
        (await PasswordIsAsync(user, "second-attempt-walnut-harbour")).ShouldBeFalse();
        (await PasswordIsAsync(user, NewPassword)).ShouldBeTrue();
    }

    [Fact]
    public async Task ResetPassword_ExpiredLink_SaysSoAndChangesNothing()
    {
        var user = await platform.CreateUserAsync("THA");
        var browser = platform.Anonymous();
        await RequestLinkAsync(browser, user.Email);
        var (_, path) = AccountsPlatform.ResetLink(await platform.WaitForMailAsync(user.Email, "Reset your password"));
        var formPage = await browser.GetStringAsync(path);

        platform.Clock.Advance(TimeSpan.FromMinutes(31));
        var reopened = await browser.GetStringAsync(path);
        var posted = await browser.PostAsync("/Accounts/ResetPassword", PlatformFactory.Form(formPage, ("Token", AccountsPlatform.TokenOf(path)), ("NewPassword", NewPassword)));

        reopened.ShouldContain("This reset link has expired.");
        (await posted.Content.ReadAsStringAsync()).ShouldContain("This reset link has expired.");
        (await PasswordIsAsync(user, NewPassword)).ShouldBeFalse();
        (await PasswordIsAsync(user, user.Password)).ShouldBeTrue();
    }

    [Fact]
    public async Task ResetPassword_UnknownTokenOrWeakPassword_SaysWhatIsWrongAndChangesNothing()
    {
        var user = await platform.CreateUserAsync("THA");
        var browser = platform.Anonymous();
        (await browser.GetStringAsync("/Accounts/ResetPassword?token=not-a-real-token")).ShouldContain("This reset link is not valid.");
        await RequestLinkAsync(browser, user.Email);
        var (_, path) = AccountsPlatform.ResetLink(await platform.WaitForMailAsync(user.Email, "Reset your password"));

        var weak = await SetPasswordAsync(browser, path, "short");

        (await weak.Content.ReadAsStringAsync()).ShouldContain("12");
        (await PasswordIsAsync(user, user.Password)).ShouldBeTrue();
        (await SetPasswordAsync(browser, path, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK, "a refused password leaves the link usable");
        (await PasswordIsAsync(user, NewPassword)).ShouldBeTrue();
    }

    [Fact]
    public async Task ResetApi_RequestAndComplete_WorksOnceAndRefusesBadInput()
    {
        var user = await platform.CreateUserAsync("AUS");
        var api = platform.Anonymous();

        (await api.PostAsJsonAsync("/api/password-reset", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await api.PostAsJsonAsync("/api/password-reset", new { email = $"nobody-{Guid.NewGuid():N}@aus.example.org" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var badEmail = await api.PostAsJsonAsync("/api/password-reset", new { email = "not an address" });
        var token = AccountsPlatform.TokenOf(AccountsPlatform.ResetLink(await platform.WaitForMailAsync(user.Email, "Reset your password")).Path);
        var done = await api.PostAsJsonAsync("/api/password-reset/complete", new { token, newPassword = NewPassword });
        var again = await api.PostAsJsonAsync("/api/password-reset/complete", new { token, newPassword = "second-attempt-walnut-harbour" });
        var forged = await api.PostAsJsonAsync("/api/password-reset/complete", new { token = "0000", newPassword = NewPassword });

        badEmail.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badEmail.Content.ReadAsStringAsync()).ShouldContain("is not an e-mail address");
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("used already");
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).ShouldContain("not valid");
        (await PasswordIsAsync(user, NewPassword)).ShouldBeTrue();
    }

    [Fact]
    public async Task ForgotPassword_EmptyAddress_AsksForItAndSendsNothing()
    {
        var response = await RequestLinkAsync(platform.Anonymous(), "");

        (await response.Content.ReadAsStringAsync()).ShouldContain("Enter your e-mail address.");
    }

    private static string WithoutTokens(string html) => TokenValue().Replace(html, "");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenValue();
}

public sealed class PasswordResetSqliteTests(AccountsSqlitePlatform platform) : PasswordResetTests(platform), IClassFixture<AccountsSqlitePlatform>;

public sealed class PasswordResetPostgresTests(AccountsPostgresPlatform platform) : PasswordResetTests(platform), IClassFixture<AccountsPostgresPlatform>;

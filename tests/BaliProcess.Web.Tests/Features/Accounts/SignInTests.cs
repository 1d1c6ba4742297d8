using System.Net;
using BaliProcess.Web.Features.Accounts;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Features.Accounts;

public abstract class SignInTests(PlatformFactory platform)
{
    [Fact]
    public async Task SignIn_PasswordAndTotp_ReachesMemberPages()
    {
        var user = await platform.CreateUserAsync("IDN");
        var client = await platform.SignInAsync(user);

        var response = await client.GetAsync("/Accounts/Manage");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(user.Email);
    }

    [Fact]
    public async Task SignIn_WrongTotp_ShowsErrorAndStaysSignedOut()
    {
        var user = await platform.CreateUserAsync("IDN");
        var client = platform.Anonymous();
        var page = await client.GetStringAsync("/Accounts/SignIn");
        var response = await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", user.Email), ("Password", user.Password)));
        var twoFactor = await client.GetStringAsync(response.Headers.Location);
        var wrong = Totp.Code(user.AuthenticatorKey, DateTimeOffset.UtcNow.AddMinutes(-10));

        response = await client.PostAsync("/Accounts/TwoFactor", PlatformFactory.Form(twoFactor, ("Code", wrong)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("That code is not right");
        (await client.GetAsync("/Accounts/Manage")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/api/focal-points")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_PasswordOnly_GivesNoAccessToRestrictedData()
    {
        var user = await platform.CreateUserAsync("IDN");
        var client = platform.Anonymous();
        var page = await client.GetStringAsync("/Accounts/SignIn");

        await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", user.Email), ("Password", user.Password)));

        (await client.GetAsync("/api/focal-points")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/Accounts/Manage")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndIsAudited()
    {
        var user = await platform.CreateUserAsync("THA");
        var client = platform.Anonymous();
        var page = await client.GetStringAsync("/Accounts/SignIn");

        var response = await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", user.Email), ("Password", "not-the-password-at-all")));

        (await response.Content.ReadAsStringAsync()).ShouldContain("The e-mail address or the password is not right.");
        var denied = await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "account.signin.password" && a.SubjectId == user.Id.ToString() && a.Outcome == AuditOutcome.Denied));
        denied.ShouldBe(1);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_RefusesEvenTheRightPasswordForAWhile()
    {
        var user = await platform.CreateUserAsync("THA");
        var client = platform.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var page = await client.GetStringAsync("/Accounts/SignIn");
            await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", user.Email), ("Password", $"wrong-password-{i}-xyz")));
        }

        var last = await client.GetStringAsync("/Accounts/SignIn");
        var response = await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(last, ("Email", user.Email), ("Password", user.Password)));

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Too many failed sign-in attempts. Wait 15 minutes and try again.");
    }

    [Fact]
    public async Task SignIn_EmptyFields_ShowsAnErrorPerField()
    {
        var client = platform.Anonymous();
        var page = await client.GetStringAsync("/Accounts/SignIn");

        var response = await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page));

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Enter your e-mail address.");
        html.ShouldContain("Enter your password.");
    }

    [Fact]
    public async Task SetupTwoFactor_NewAccount_EnrolsWithTotpAndShowsRecoveryCodes()
    {
        await using var scope = platform.Scope();
        var commands = scope.ServiceProvider.GetRequiredService<AccountCommands>();
        var email = $"new-{Guid.NewGuid():N}@example.org";
        (await commands.CreateUserAsync(new UserInput(email, "New Official", PlatformFactory.DefaultPassword, "NZL", null, [Roles.MemberOfficer]), null, default)).Succeeded.ShouldBeTrue();
        var client = platform.Anonymous();
        var page = await client.GetStringAsync("/Accounts/SignIn");

        var response = await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", email), ("Password", PlatformFactory.DefaultPassword)));
        response.Headers.Location!.OriginalString.ShouldStartWith("/Accounts/SetupTwoFactor");
        var setup = await client.GetStringAsync(response.Headers.Location);
        var key = System.Text.RegularExpressions.Regex.Match(setup, "id=\"authenticator-key\">([^<]+)<").Groups[1].Value;
        setup.ShouldContain("<svg");

        var wrong = await client.PostAsync("/Accounts/SetupTwoFactor", PlatformFactory.Form(setup, ("Code", "000000")));
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("That code is not right");
        var enrolled = await client.PostAsync("/Accounts/SetupTwoFactor", PlatformFactory.Form(setup, ("Code", Totp.Code(key, DateTimeOffset.UtcNow))));

        var html = await enrolled.Content.ReadAsStringAsync();
        html.ShouldContain("recovery-codes");
        (await client.GetAsync("/Accounts/Manage")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateUser_CommonPassword_IsRefusedAndNothingStored()
    {
        await using var scope = platform.Scope();
        var commands = scope.ServiceProvider.GetRequiredService<AccountCommands>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"weak-{Guid.NewGuid():N}@example.org";

        var result = await commands.CreateUserAsync(new UserInput(email, "Weak", "password1234", "IDN", null, null), null, default);

        result.Succeeded.ShouldBeFalse();
        result.Invalid!.Errors["password"].ShouldContain(m => m.Contains("too common"));
        (await users.FindByEmailAsync(email)).ShouldBeNull();
    }

    [Fact]
    public async Task CreateUser_MemberAdminForAnotherMember_IsForbidden()
    {
        var admin = await platform.SignInNewUserAsync("AUS", [Roles.MemberAdmin]);

        var response = await admin.PostAsync("/api/users", System.Net.Http.Json.JsonContent.Create(new
        {
            email = $"x-{Guid.NewGuid():N}@example.org", displayName = "X", password = PlatformFactory.DefaultPassword, memberCode = "IDN", roles = new[] { "MemberOfficer" },
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignInSqliteTests(SqlitePlatform platform) : SignInTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class SignInPostgresTests(PostgresPlatform platform) : SignInTests(platform);

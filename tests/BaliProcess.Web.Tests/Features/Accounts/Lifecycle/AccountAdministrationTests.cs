using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Accounts.Lifecycle;

/// <summary>Administrators and other people's accounts: lost authenticators, disabling, roles and agency, sessions.</summary>
public abstract class AccountAdministrationTests(AccountsPlatform platform)
{
    private async Task<bool> TwoFactorEnabledAsync(TestUser user) =>
        await platform.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync());

    [Fact]
    public async Task ResetTwoFactor_MemberAdministratorConfirmsOnThePage_UserEnrolsAgainAndIsEmailed()
    {
        var user = await platform.CreateUserAsync("IDN");
        var (session, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var admin = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);
        var page = await admin.GetStringAsync($"/Accounts/Account/{user.Id}");

        var unconfirmed = await admin.PostAsync($"/Accounts/Account/{user.Id}?handler=ResetTwoFactor", PlatformFactory.Form(page));
        (await unconfirmed.Content.ReadAsStringAsync()).ShouldContain("Confirm that you checked, by another channel than e-mail");
        (await TwoFactorEnabledAsync(user)).ShouldBeTrue("nothing changes without the confirmation");
        var confirmed = await admin.PostAsync($"/Accounts/Account/{user.Id}?handler=ResetTwoFactor", PlatformFactory.Form(page, ("Confirm", "true")));

        (await confirmed.Content.ReadAsStringAsync()).ShouldContain("Two-factor sign-in is reset.");
        (await TwoFactorEnabledAsync(user)).ShouldBeFalse();
        (await session.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var mail = await platform.WaitForMailAsync(user.Email, "Your two-factor sign-in was reset");
        mail.TextBody!.ShouldContain($"{AccountsPlatform.PublicBaseUrl}/Accounts/SignIn");
        (await platform.WithDbAsync(db => db.Set<BaliProcess.Web.Features.Audit.AuditEntry>().CountAsync(a => a.Action == "account.2fa.reset" && a.SubjectId == user.Id.ToString()))).ShouldBe(1);
        var browser = platform.Anonymous();
        var signIn = await browser.GetStringAsync("/Accounts/SignIn");
        var next = await browser.PostAsync("/Accounts/SignIn", PlatformFactory.Form(signIn, ("Email", user.Email), ("Password", user.Password)));
        next.Headers.Location!.OriginalString.ShouldStartWith("/Accounts/SetupTwoFactor", customMessage: "the next sign-in enrols a new authenticator");
    }

    [Fact]
    public async Task ResetTwoFactor_NotTheUsersAdministrator_IsRefusedAndNothingChanges()
    {
        var user = await platform.CreateUserAsync("IDN");
        var idnAdminUser = await platform.CreateUserAsync("IDN", [Roles.MemberAdmin]);
        var otherMemberAdmin = await platform.SignInNewUserAsync("AUS", [Roles.MemberAdmin]);
        var officer = await platform.SignInNewUserAsync("IDN", [Roles.MemberOfficer]);
        var fellowAdmin = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);

        var foreign = await otherMemberAdmin.PostAsJsonAsync($"/api/users/{user.Id}/two-factor/reset", new { confirm = true });
        var foreignPage = await otherMemberAdmin.GetAsync($"/Accounts/Account/{user.Id}");
        var notAdmin = await officer.PostAsJsonAsync($"/api/users/{user.Id}/two-factor/reset", new { confirm = true });
        var ofAnAdmin = await fellowAdmin.PostAsJsonAsync($"/api/users/{idnAdminUser.Id}/two-factor/reset", new { confirm = true });

        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreignPage.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notAdmin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ofAnAdmin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ofAnAdmin.Content.ReadAsStringAsync()).ShouldContain("managed by the platform administrators of the RSO");
        (await TwoFactorEnabledAsync(user)).ShouldBeTrue();
        (await TwoFactorEnabledAsync(idnAdminUser)).ShouldBeTrue();
        platform.MailsTo(user.Email).ShouldBeEmpty();
        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        (await rso.PostAsJsonAsync($"/api/users/{idnAdminUser.Id}/two-factor/reset", new { confirm = true })).StatusCode.ShouldBe(HttpStatusCode.OK, "the RSO administers member administrators");
        (await TwoFactorEnabledAsync(idnAdminUser)).ShouldBeFalse();
    }

    [Fact]
    public async Task DisableAndEnable_ThroughTheApi_StopAndRestoreSignIn()
    {
        var user = await platform.CreateUserAsync("THA");
        var admin = await platform.SignInNewUserAsync("THA", [Roles.MemberAdmin]);

        (await admin.PostAsync($"/api/users/{user.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var disabled = JsonDocument.Parse(await admin.GetStringAsync($"/api/users/{user.Id}")).RootElement;
        var browser = platform.Anonymous();
        var signIn = await browser.GetStringAsync("/Accounts/SignIn");
        var refused = await browser.PostAsync("/Accounts/SignIn", PlatformFactory.Form(signIn, ("Email", user.Email), ("Password", user.Password)));
        (await admin.PostAsync($"/api/users/{user.Id}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        disabled.GetProperty("disabled").GetBoolean().ShouldBeTrue();
        (await refused.Content.ReadAsStringAsync()).ShouldContain("The e-mail address or the password is not right.");
        JsonDocument.Parse(await admin.GetStringAsync($"/api/users/{user.Id}")).RootElement.GetProperty("disabled").GetBoolean().ShouldBeFalse();
        await platform.SignInAsync(user);
    }

    [Fact]
    public async Task Update_RolesAndAgency_AreChangedWithinTheMemberAndTheSessionsEnd()
    {
        var user = await platform.CreateUserAsync("IDN", [Roles.MemberOfficer]);
        var (session, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var admin = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);

        var changed = await admin.PutAsJsonAsync($"/api/users/{user.Id}", new { roles = new[] { Roles.Analyst }, agency = "Immigration" });
        var oversight = await admin.PutAsJsonAsync($"/api/users/{user.Id}", new { roles = new[] { Roles.Analyst, Roles.PlatformOversight } });
        var unknown = await admin.PutAsJsonAsync($"/api/users/{user.Id}", new { roles = new[] { "Superuser" } });

        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var view = JsonDocument.Parse(await changed.Content.ReadAsStringAsync()).RootElement;
        view.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Analyst]);
        view.GetProperty("agency").GetString().ShouldBe("Immigration");
        (await session.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the new roles apply at the next sign-in");
        oversight.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("'Superuser' is not a role.");
        var me = JsonDocument.Parse(await (await platform.SignInAsync(user)).GetStringAsync("/api/me")).RootElement;
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Analyst]);
        me.GetProperty("agency").GetString().ShouldBe("Immigration");
    }

    [Fact]
    public async Task Sessions_AdministratorListsAndEndsThem_EveryBrowserOfTheAccountIsSignedOut()
    {
        var user = await platform.CreateUserAsync("AUS");
        var (first, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var (second, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var admin = await platform.SignInNewUserAsync("AUS", [Roles.MemberAdmin]);

        var listed = JsonDocument.Parse(await admin.GetStringAsync($"/api/users/{user.Id}/sessions")).RootElement;
        var page = await admin.GetStringAsync($"/Accounts/Account/{user.Id}");
        var ended = await admin.PostAsync($"/Accounts/Account/{user.Id}?handler=SignOut", PlatformFactory.Form(page, ("Confirm", "true")));

        listed.GetArrayLength().ShouldBe(2);
        (await ended.Content.ReadAsStringAsync()).ShouldContain("The account is signed out everywhere.");
        (await first.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await second.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        JsonDocument.Parse(await admin.GetStringAsync($"/api/users/{user.Id}/sessions")).RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task UsersPage_LinksEachAccountToItsPage()
    {
        var user = await platform.CreateUserAsync("BGD");
        var admin = await platform.SignInNewUserAsync("BGD", [Roles.MemberAdmin]);

        var list = await admin.GetStringAsync("/Accounts/Users");
        var detail = await admin.GetStringAsync($"/Accounts/Account/{user.Id}");

        list.ShouldContain($"/Accounts/Account/{user.Id}");
        detail.ShouldContain(user.Email);
        detail.ShouldContain("Lost authenticator");
    }
}

public sealed class AccountAdministrationSqliteTests(AccountsSqlitePlatform platform) : AccountAdministrationTests(platform), IClassFixture<AccountsSqlitePlatform>;

public sealed class AccountAdministrationPostgresTests(AccountsPostgresPlatform platform) : AccountAdministrationTests(platform), IClassFixture<AccountsPostgresPlatform>;

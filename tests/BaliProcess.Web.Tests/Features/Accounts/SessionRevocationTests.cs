using System.Net;
using System.Net.Http.Json;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using static BaliProcess.Web.Tests.Features.Accounts.SessionSupport;

namespace BaliProcess.Web.Tests.Features.Accounts;

/// <summary>A cookie copied before its session ended stops working at once, on reads and writes, whatever ended the session.</summary>
public abstract class SessionRevocationTests(PlatformFactory platform)
{
    private async Task<HttpClient> PlatformAdminAsync() => await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);

    [Fact]
    public async Task CopiedCookie_UserSignsOut_IsRefusedOnReadsAndWrites()
    {
        var session = await SignInWithRestrictedRecordsAsync(platform);
        await ShouldWorkAsync(platform, session);

        var page = await session.Client.GetStringAsync("/Accounts/SignOut");
        (await session.Client.PostAsync("/Accounts/SignOut", PlatformFactory.Form(page))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ShouldBeRefusedAsync(platform, session);
        (await RevokedReasonAsync(platform, session)).ShouldBe(SessionEndReasons.SignedOut);
    }

    [Fact]
    public async Task CopiedCookie_AdministratorDisablesTheAccount_IsRefusedAndTheAccountCannotSignIn()
    {
        var session = await SignInWithRestrictedRecordsAsync(platform);
        await ShouldWorkAsync(platform, session);

        var disabled = await (await PlatformAdminAsync()).PostAsync($"/api/users/{session.User.Id}/disable", null);

        disabled.StatusCode.ShouldBe(HttpStatusCode.OK, await disabled.Content.ReadAsStringAsync());
        await ShouldBeRefusedAsync(platform, session);
        (await session.Client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the official's own browser is signed out too");
        (await RevokedReasonAsync(platform, session)).ShouldBe(SessionEndReasons.Disabled);
        var browser = platform.Anonymous();
        var signInPage = await browser.GetStringAsync("/Accounts/SignIn");
        var again = await browser.PostAsync("/Accounts/SignIn", PlatformFactory.Form(signInPage, ("Email", session.User.Email), ("Password", session.User.Password)));
        (await again.Content.ReadAsStringAsync()).ShouldContain("The e-mail address or the password is not right.");
    }

    [Fact]
    public async Task CopiedCookie_UserChangesPassword_IsRefused()
    {
        var session = await SignInWithRestrictedRecordsAsync(platform);
        await ShouldWorkAsync(platform, session);

        var changed = await session.Client.PostAsJsonAsync("/api/me/password", new { currentPassword = session.User.Password, newPassword = "quiet-orchid-lighthouse-ferry" });

        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        await ShouldBeRefusedAsync(platform, session);
        (await RevokedReasonAsync(platform, session)).ShouldBe(SessionEndReasons.PasswordChanged);
        await platform.SignInAsync(session.User with { Password = "quiet-orchid-lighthouse-ferry" });
    }

    [Fact]
    public async Task CopiedCookie_AdministratorResetsTwoFactor_IsRefused()
    {
        var session = await SignInWithRestrictedRecordsAsync(platform);
        await ShouldWorkAsync(platform, session);

        var reset = await (await PlatformAdminAsync()).PostAsJsonAsync($"/api/users/{session.User.Id}/two-factor/reset", new { confirm = true });

        reset.StatusCode.ShouldBe(HttpStatusCode.OK, await reset.Content.ReadAsStringAsync());
        await ShouldBeRefusedAsync(platform, session);
        (await RevokedReasonAsync(platform, session)).ShouldBe(SessionEndReasons.TwoFactorReset);
    }

    [Fact]
    public async Task CopiedCookie_SecurityStampChangedElsewhere_IsRefused()
    {
        var session = await SignInWithRestrictedRecordsAsync(platform);
        await ShouldWorkAsync(platform, session);

        // Any change of the stamp, even one that does not go through the account commands, ends the session.
        await using (var scope = platform.Scope())
        {
            var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>(scope.ServiceProvider);
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(session.User.Id.ToString()))!);
        }

        await ShouldBeRefusedAsync(platform, session);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_Answers400AndSessionsStay()
    {
        var session = await SignInWithRestrictedRecordsAsync(platform);

        var changed = await session.Client.PostAsJsonAsync("/api/me/password", new { currentPassword = "not-my-password-at-all", newPassword = "quiet-orchid-lighthouse-ferry" });

        changed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await changed.Content.ReadAsStringAsync()).ShouldContain("The current password is not right.");
        await ShouldWorkAsync(platform, session);
    }

    [Fact]
    public async Task Disable_OtherMembersAdministrator_Answers404AndTheSessionStays()
    {
        var session = await SignInWithRestrictedRecordsAsync(platform);
        var australianAdmin = await platform.SignInNewUserAsync("AUS", [Roles.MemberAdmin]);

        var disabled = await australianAdmin.PostAsync($"/api/users/{session.User.Id}/disable", null);

        disabled.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ShouldWorkAsync(platform, session);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SessionRevocationSqliteTests(SqlitePlatform platform) : SessionRevocationTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class SessionRevocationPostgresTests(PostgresPlatform platform) : SessionRevocationTests(platform);

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Accounts.Lifecycle;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Accounts.Passkeys;

/// <summary>
/// Where passkeys are policy: platform administrators must use theirs when Accounts:RequirePasskeyForPlatformAdmins is
/// set, and a two-factor reset removes every passkey with the other second factors.
/// </summary>
public abstract class PasskeyPolicyTests(AccountsPlatform platform)
{
    [Fact]
    public async Task TwoFactorReset_UserWithPasskeys_RemovesThemAndTheAuditCountsThem()
    {
        var user = await platform.CreateUserAsync("IDN");
        await AddPasskeyAsync(user.Id);
        await AddPasskeyAsync(user.Id);
        var admin = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);

        var reset = await admin.PostAsJsonAsync($"/api/users/{user.Id}/two-factor/reset", new { confirm = true });

        reset.StatusCode.ShouldBe(HttpStatusCode.OK, await reset.Content.ReadAsStringAsync());
        (await platform.WithDbAsync(db => db.UserPasskeys.CountAsync(p => p.UserId == user.Id))).ShouldBe(0);
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Action == "account.2fa.reset" && a.SubjectId == user.Id.ToString()).Select(a => a.Detail ?? "").SingleAsync()))
            .ShouldContain("2 passkey(s) removed");
    }

    private Task AddPasskeyAsync(Guid userId) => StoredPasskey.AddAsync(platform, userId);
}

public sealed class PasskeyPolicySqliteTests(AccountsSqlitePlatform platform) : PasskeyPolicyTests(platform), IClassFixture<AccountsSqlitePlatform>;

public sealed class PasskeyPolicyPostgresTests(AccountsPostgresPlatform platform) : PasskeyPolicyTests(platform), IClassFixture<AccountsPostgresPlatform>;

/// <summary>A platform whose platform administrators must sign in with a passkey.</summary>
public sealed class PasskeyRequiredPlatform() : AccountsPlatform(DatabaseProvider.Sqlite)
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. base.Settings, new("Accounts:RequirePasskeyForPlatformAdmins", "true")];
}

public sealed class PasskeyRequiredTests(PasskeyRequiredPlatform platform) : IClassFixture<PasskeyRequiredPlatform>
{
    [Fact]
    public async Task TwoFactor_PlatformAdminWithPasskeyEntersACode_IsRefusedAndAudited()
    {
        var admin = await platform.CreateUserAsync("RSO", [Roles.PlatformAdmin]);
        await StoredPasskey.AddAsync(platform, admin.Id);
        var browser = platform.Anonymous();
        var signIn = await browser.GetStringAsync("/Accounts/SignIn");
        var password = await browser.PostAsync("/Accounts/SignIn", PlatformFactory.Form(signIn, ("Email", admin.Email), ("Password", admin.Password)));
        var twoFactor = await browser.GetStringAsync(password.Headers.Location);

        var code = await browser.PostAsync("/Accounts/TwoFactor", PlatformFactory.Form(twoFactor, ("Code", await platform.NextCodeAsync(admin))));
        var codeHtml = await code.Content.ReadAsStringAsync();

        twoFactor.ShouldContain("Platform administrators sign in with their passkey");
        code.StatusCode.ShouldBe(HttpStatusCode.OK);
        codeHtml.ShouldContain("Use the passkey button");
        (await browser.GetAsync("/Accounts/Manage")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "no session was opened");
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.SubjectId == admin.Id.ToString() && a.Outcome == AuditOutcome.Denied && a.Detail == "code refused: passkey required")))
            .ShouldBe(1);
    }

    [Fact]
    public async Task TwoFactor_MemberOfficerWithTheSettingOn_SignsInWithACodeAsBefore()
    {
        var officer = await platform.CreateUserAsync("IDN");

        var client = await platform.SignInAsync(officer);

        (await client.GetAsync("/Accounts/Manage")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>A stored passkey with a made-up public key: enough to be counted, removed and required.</summary>
internal static class StoredPasskey
{
    public static Task AddAsync(PlatformFactory platform, Guid userId) => platform.WithDbAsync(async db =>
    {
        db.UserPasskeys.Add(new IdentityUserPasskey<Guid>
        {
            UserId = userId,
            CredentialId = RandomNumberGenerator.GetBytes(16),
            Data = new IdentityPasskeyData { Name = "key", PublicKey = RandomNumberGenerator.GetBytes(77), CreatedAt = DateTimeOffset.UtcNow, Transports = ["internal"], AttestationObject = [0], ClientDataJson = [0] },
        });
        return await db.SaveChangesAsync();
    });
}

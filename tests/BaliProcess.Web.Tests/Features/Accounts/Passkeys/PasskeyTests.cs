using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Tests.Features.Accounts.Lifecycle;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Accounts.Passkeys;

/// <summary>
/// The server side of passkeys: bad or forged browser answers, and whose passkey may be removed. A real authenticator's
/// register-and-sign-in runs in the browser tests (PasskeyBrowserTests).
/// </summary>
public abstract class PasskeyTests(AccountsPlatform platform)
{
    [Fact]
    public async Task PasskeyOptions_OnMyAccount_NameTheConfiguredPublicAddressAsRelyingParty()
    {
        var user = await platform.CreateUserAsync("IDN");
        var (client, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var page = await client.GetStringAsync("/Accounts/Manage");

        var response = await client.PostAsync("/Accounts/Manage?handler=PasskeyOptions", PlatformFactory.Form(page));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        options.GetProperty("rp").GetProperty("id").GetString().ShouldBe(new Uri(AccountsPlatform.PublicBaseUrl).Host);
        options.GetProperty("challenge").GetString().ShouldNotBeNullOrEmpty();
        page.ShouldContain("data-passkey=\"create\"");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"AAAA\",\"attestationObject\":\"AAAA\"}}")]
    public async Task RegisterPasskey_GarbageAttestation_ShowsTheProblemStoresNothingAndIsAudited(string credential)
    {
        var user = await platform.CreateUserAsync("IDN");
        var (client, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var page = await client.GetStringAsync("/Accounts/Manage");
        (await client.PostAsync("/Accounts/Manage?handler=PasskeyOptions", PlatformFactory.Form(page))).EnsureSuccessStatusCode();

        var response = await client.PostAsync("/Accounts/Manage?handler=RegisterPasskey", PlatformFactory.Form(page, ("Passkey.Name", "laptop"), ("Passkey.Credential", credential)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("is not a valid passkey for this account");
        (await PasskeyCountAsync(user.Id)).ShouldBe(0);
        (await AuditCountAsync(user.Id, "account.passkey.register", AuditOutcome.Denied)).ShouldBe(1);
    }

    [Fact]
    public async Task RegisterPasskey_WithoutNameOrCeremony_NamesTheProblemAndStoresNothing()
    {
        var user = await platform.CreateUserAsync("IDN");
        var (client, _) = await SessionSupport.SignInWithCookiesAsync(platform, user);
        var page = await client.GetStringAsync("/Accounts/Manage");

        var nameless = await client.PostAsync("/Accounts/Manage?handler=RegisterPasskey", PlatformFactory.Form(page, ("Passkey.Name", " "), ("Passkey.Credential", "{}")));
        var unstarted = await client.PostAsync("/Accounts/Manage?handler=RegisterPasskey", PlatformFactory.Form(page, ("Passkey.Name", "laptop"), ("Passkey.Credential", "{}")));
        var empty = await client.PostAsync("/Accounts/Manage?handler=RegisterPasskey", PlatformFactory.Form(page, ("Passkey.Name", "laptop")));

        (await nameless.Content.ReadAsStringAsync()).ShouldContain("Give the passkey a name");
        (await unstarted.Content.ReadAsStringAsync()).ShouldContain("The passkey request expired or was started elsewhere");
        (await empty.Content.ReadAsStringAsync()).ShouldContain("No passkey answer came from the browser");
        (await PasskeyCountAsync(user.Id)).ShouldBe(0);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"}}")]
    public async Task TwoFactorPasskey_ForgedAssertion_SignsNobodyInAndIsAudited(string credential)
    {
        var user = await platform.CreateUserAsync("IDN");
        await AddPasskeyAsync(user.Id, RandomNumberGenerator.GetBytes(16), "laptop");
        var browser = platform.Anonymous();
        var twoFactor = await PasswordStepAsync(browser, user);
        twoFactor.ShouldContain("Sign in with a passkey");
        var options = await browser.PostAsync("/Accounts/TwoFactor?handler=PasskeyOptions", PlatformFactory.Form(twoFactor));
        options.StatusCode.ShouldBe(HttpStatusCode.OK, options.Headers.Location?.ToString());

        var response = await browser.PostAsync("/Accounts/TwoFactor?handler=Passkey", PlatformFactory.Form(twoFactor, ("Credential", credential)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("That passkey was not accepted");
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AuditCountAsync(user.Id, "account.signin.passkey", AuditOutcome.Denied)).ShouldBe(1);
    }

    [Fact]
    public async Task TwoFactorPasskey_AssertionWithoutOptions_IsRefusedAndTheCodeStillWorks()
    {
        var user = await platform.CreateUserAsync("IDN");
        await AddPasskeyAsync(user.Id, [4, 5, 6], "key");
        var browser = platform.Anonymous();
        var twoFactor = await PasswordStepAsync(browser, user);

        var refused = await browser.PostAsync("/Accounts/TwoFactor?handler=Passkey", PlatformFactory.Form(twoFactor, ("Credential", "{}")));
        (await refused.Content.ReadAsStringAsync()).ShouldContain("The passkey request expired or was started elsewhere");
        var code = await browser.PostAsync("/Accounts/TwoFactor", PlatformFactory.Form(twoFactor, ("Code", await platform.NextCodeAsync(user))));

        code.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RemovePasskey_AnotherAccountsOrMadeUp_Answers404AndKeepsIt()
    {
        var owner = await platform.CreateUserAsync("IDN");
        var other = await platform.CreateUserAsync("IDN");
        var id = await AddPasskeyAsync(owner.Id, RandomNumberGenerator.GetBytes(16), "owner's key");
        var (otherClient, _) = await SessionSupport.SignInWithCookiesAsync(platform, other);

        (await otherClient.DeleteAsync($"/api/me/passkeys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherClient.DeleteAsync("/api/me/passkeys/%25%25not-base64")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await otherClient.GetStringAsync("/Accounts/Manage");
        (await otherClient.PostAsync("/Accounts/Manage?handler=RemovePasskey", PlatformFactory.Form(page, ("id", id)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await otherClient.GetFromJsonAsync<JsonElement>("/api/me/passkeys")).GetArrayLength().ShouldBe(0);
        (await PasskeyCountAsync(owner.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task RemovePasskey_OwnWithAuthenticatorOn_IsRemovedListedBeforeAndAudited()
    {
        var owner = await platform.CreateUserAsync("THA");
        var id = await AddPasskeyAsync(owner.Id, RandomNumberGenerator.GetBytes(16), "phone");
        var (client, _) = await SessionSupport.SignInWithCookiesAsync(platform, owner);

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/me/passkeys");
        var removed = await client.DeleteAsync($"/api/me/passkeys/{id}");

        listed[0].GetProperty("name").GetString().ShouldBe("phone");
        listed[0].GetProperty("id").GetString().ShouldBe(id);
        removed.StatusCode.ShouldBe(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        (await PasskeyCountAsync(owner.Id)).ShouldBe(0);
        (await AuditCountAsync(owner.Id, "account.passkey.remove", AuditOutcome.Succeeded)).ShouldBe(1);
    }

    private static async Task<string> PasswordStepAsync(HttpClient browser, TestUser user)
    {
        var page = await browser.GetStringAsync("/Accounts/SignIn");
        var response = await browser.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", user.Email), ("Password", user.Password)));
        return await browser.GetStringAsync(response.Headers.Location);
    }

    /// <summary>A stored passkey with a made-up public key: enough for listing, removing and refusing forged answers.</summary>
    private async Task<string> AddPasskeyAsync(Guid userId, byte[] credentialId, string name)
    {
        await platform.WithDbAsync(async db =>
        {
            db.UserPasskeys.Add(new IdentityUserPasskey<Guid>
            {
                UserId = userId,
                CredentialId = credentialId,
                Data = new IdentityPasskeyData { Name = name, PublicKey = RandomNumberGenerator.GetBytes(77), CreatedAt = DateTimeOffset.UtcNow, Transports = ["internal"], AttestationObject = [0], ClientDataJson = [0] },
            });
            return await db.SaveChangesAsync();
        });
        return WebEncoders.Base64UrlEncode(credentialId);
    }

    private Task<int> PasskeyCountAsync(Guid userId) => platform.WithDbAsync(db => db.UserPasskeys.CountAsync(p => p.UserId == userId));

    private Task<int> AuditCountAsync(Guid userId, string action, AuditOutcome outcome) =>
        platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == action && a.SubjectId == userId.ToString() && a.Outcome == outcome));
}

public sealed class PasskeySqliteTests(AccountsSqlitePlatform platform) : PasskeyTests(platform), IClassFixture<AccountsSqlitePlatform>;

public sealed class PasskeyPostgresTests(AccountsPostgresPlatform platform) : PasskeyTests(platform), IClassFixture<AccountsPostgresPlatform>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Accounts;

public abstract class ApiKeyTests(PlatformFactory platform)
{
    [Fact]
    public async Task ApiKey_Valid_AuthenticatesAsItsMember()
    {
        var client = platform.WithApiKey(await platform.CreateApiKeyAsync("LKA", ApiScopes.DirectoryRead));

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");

        var lanka = await platform.WithDbAsync(db => db.Set<BaliProcess.Web.Features.Directory.Member>().SingleAsync(m => m.Code == "LKA"));
        me.GetProperty("memberId").GetGuid().ShouldBe(lanka.Id);
    }

    [Fact]
    public async Task ApiKey_Revoked_AnswersProblemDetails401NamingRevocation()
    {
        var token = await platform.CreateApiKeyAsync("LKA", ApiScopes.DirectoryRead);
        var id = await platform.ApiKeyIdAsync(token);
        await platform.WithDbAsync(db => db.Set<ApiKey>().Where(k => k.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTime.UtcNow)));

        await platform.ShouldRefuseAsRevokedAsync(token);
    }

    [Fact]
    public async Task ApiKey_Expired_AnswersProblemDetails401NamingExpiry()
    {
        var token = await platform.CreateApiKeyAsync("LKA", ApiScopes.DirectoryRead);
        ApiKeySecrets.TryParse(token, out var prefix, out _).ShouldBeTrue();
        await platform.WithDbAsync(db => db.Set<ApiKey>().Where(k => k.Prefix == prefix)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddDays(-1))));

        var response = await platform.WithApiKey(token).GetAsync("/api/focal-points");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("expired");
    }

    [Theory]
    [InlineData("bpk_nothexxx_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("not-a-platform-key")]
    [InlineData("bpk_0123456789")]
    public async Task ApiKey_MalformedOrUnknown_AnswersProblemDetails401(string token)
    {
        var response = await platform.WithApiKey(token).GetAsync("/api/focal-points");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task ApiKey_CreateThroughApi_ShowsTokenOnceAndStoresOnlyItsHash()
    {
        var admin = await platform.SignInNewUserAsync("MYS", [Roles.MemberAdmin]);

        var response = await admin.PostAsJsonAsync("/api/api-keys", new { name = $"border-{Guid.NewGuid():N}", scopes = new[] { "directory:read" }, validDays = 30 });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = created.GetProperty("token").GetString()!;
        var stored = await platform.WithDbAsync(db => db.Set<ApiKey>().SingleAsync(k => k.Id == created.GetProperty("key").GetProperty("id").GetGuid()));
        // The secret is base64url and may itself contain '_': split the token as the platform does.
        ApiKeySecrets.TryParse(token, out _, out var secret).ShouldBeTrue();
        stored.SecretHash.ShouldNotContain(secret);
        stored.SecretHash.ShouldBe(ApiKeySecrets.Hash(secret));
        (await admin.GetStringAsync("/api/api-keys")).ShouldNotContain(token);
        (await platform.WithApiKey(token).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ApiKey_UnknownScope_IsRefusedAndNothingStored()
    {
        var admin = await platform.SignInNewUserAsync("MYS", [Roles.MemberAdmin]);
        var before = await platform.WithDbAsync(db => db.Set<ApiKey>().CountAsync());

        var response = await admin.PostAsJsonAsync("/api/api-keys", new { name = "x", scopes = new[] { "everything" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("'everything' is not a scope");
        (await platform.WithDbAsync(db => db.Set<ApiKey>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task ApiKey_RevokeOwnKeyThroughApi_KeyThenAnswersProblemDetails401()
    {
        var admin = await platform.SignInNewUserAsync("MYS", [Roles.MemberAdmin]);
        var created = await (await admin.PostAsJsonAsync("/api/api-keys", new { name = $"feed-{Guid.NewGuid():N}", scopes = new[] { "directory:read" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("key").GetProperty("id").GetGuid();
        var token = created.GetProperty("token").GetString()!;
        (await platform.WithApiKey(token).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var revoked = await admin.DeleteAsync($"/api/api-keys/{id}");

        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revokedAt").ValueKind.ShouldBe(JsonValueKind.String);
        await platform.ShouldRefuseAsRevokedAsync(token);
        (await platform.WithDbAsync(db => db.Set<BaliProcess.Web.Features.Audit.AuditEntry>().CountAsync(a => a.Action == "account.apikey.revoke" && a.SubjectId == id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task ApiKey_RevokeAnotherMembersKey_AnswersProblemDetails404AndChangesNothing()
    {
        var malaysia = await platform.SignInNewUserAsync("MYS", [Roles.MemberAdmin]);
        var token = await platform.CreateApiKeyAsync("IDN", ApiScopes.DirectoryRead);
        var id = await platform.ApiKeyIdAsync(token);

        var response = await malaysia.DeleteAsync($"/api/api-keys/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await platform.ApiKeyRevokedAtAsync(id)).ShouldBeNull();
        (await platform.WithDbAsync(db => db.Set<BaliProcess.Web.Features.Audit.AuditEntry>().CountAsync(a => a.Action == "account.apikey.revoke" && a.SubjectId == id.ToString()))).ShouldBe(0);
        (await platform.WithApiKey(token).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ApiKeySqliteTests(SqlitePlatform platform) : ApiKeyTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ApiKeyPostgresTests(PostgresPlatform platform) : ApiKeyTests(platform);

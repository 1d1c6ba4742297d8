using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Accounts;

/// <summary>
/// A request with a bad key is refused on every endpoint (anonymous reads included), never served as an anonymous
/// visitor; keys are for /api only; and a flood of bad keys adds a bounded number of audit rows.
/// </summary>
public abstract class ApiKeyRefusalTests(PlatformFactory platform)
{
    private static int addressCounter;

    private static IPAddress NextAddress() => IPAddress.Parse($"198.51.100.{Interlocked.Increment(ref addressCounter) % 250 + 1}");

    private HttpClient ClientWithKey(IPAddress address, string token)
    {
        var client = platform.From(address);
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(token);
        return client;
    }

    /// <summary>Every route and verb of the OpenAPI document, with route values filled in.</summary>
    private async Task<List<(HttpMethod Method, string Path)>> OpenApiRoutesAsync()
    {
        using var document = JsonDocument.Parse(await platform.Anonymous().GetStringAsync("/openapi/v1.json"));
        var routes = new List<(HttpMethod, string)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var concrete = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", Guid.CreateVersion7().ToString());
            routes.AddRange(path.Value.EnumerateObject().Select(verb => (new HttpMethod(verb.Name.ToUpperInvariant()), concrete)));
        }

        routes.Count.ShouldBeGreaterThan(20, "the OpenAPI document lists the API");
        return routes;
    }

    private async Task<Dictionary<string, string>> BadTokensAsync()
    {
        var expired = await platform.CreateApiKeyAsync("LKA", ApiScopes.All.ToArray());
        var expiredId = await platform.ApiKeyIdAsync(expired);
        await platform.WithDbAsync(db => db.Set<ApiKey>().Where(k => k.Id == expiredId).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddDays(-1))));
        var revoked = await platform.CreateApiKeyAsync("LKA", ApiScopes.All.ToArray());
        var revokedId = await platform.ApiKeyIdAsync(revoked);
        await platform.WithDbAsync(db => db.Set<ApiKey>().Where(k => k.Id == revokedId).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTime.UtcNow)));
        return new()
        {
            ["unknown"] = "Bearer bpk_0badc0de_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            ["malformed"] = "Bearer not-a-platform-key",
            ["not bearer"] = "Basic dXNlcjpwYXNz",
            ["expired"] = $"Bearer {expired}",
            ["revoked"] = $"Bearer {revoked}",
        };
    }

    [Fact]
    public async Task BadKey_EveryOpenApiRoute_Answers401ProblemDetails()
    {
        var routes = await OpenApiRoutesAsync();
        foreach (var (kind, token) in await BadTokensAsync())
        {
            var client = ClientWithKey(NextAddress(), token);
            foreach (var (method, path) in routes)
            {
                using var request = new HttpRequestMessage(method, path);
                if (method != HttpMethod.Get && method != HttpMethod.Delete)
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{kind} key, {method} {path}");
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{kind} key, {method} {path}");
            }
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Accounts/SignIn")]
    [InlineData("/Accounts/Manage")]
    [InlineData("/Directory")]
    public async Task ValidKey_RazorPage_Answers401BecauseKeysAreForTheApiOnly(string page)
    {
        var token = await platform.CreateApiKeyAsync("LKA", ApiScopes.All.ToArray());

        var response = await ClientWithKey(NextAddress(), $"Bearer {token}").GetAsync(page);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("/api only");
    }

    [Fact]
    public async Task ValidKey_AnonymousApiRead_StillWorks()
    {
        var token = await platform.CreateApiKeyAsync("LKA", ApiScopes.DirectoryRead);

        (await ClientWithKey(NextAddress(), $"Bearer {token}").GetAsync("/api/focal-points")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task BogusKey_Burst_AllAnswer401AndAddOneAuditRowWithACount()
    {
        var address = NextAddress();
        var client = ClientWithKey(address, "Bearer bpk_0badc0de_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        var source = address.ToString();
        var auditBefore = await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "api.key.rejected"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetAsync("/api/focal-points")));

        answers.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Unauthorized);
        var auditAdded = await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "api.key.rejected")) - auditBefore;
        auditAdded.ShouldBeInRange(1, 2, "one audit row per source and window (two if the burst straddles a window)");
        var counted = await platform.WithDbAsync(db => db.Set<RefusedCredential>().Where(r => r.Source == source).SumAsync(r => r.Count));
        counted.ShouldBe(200);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ApiKeyRefusalSqliteTests(SqlitePlatform platform) : ApiKeyRefusalTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ApiKeyRefusalPostgresTests(PostgresPlatform platform) : ApiKeyRefusalTests(platform);

using System.Net;
using System.Text.RegularExpressions;
using BaliProcess.Web.Features.Accounts;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BaliProcess.Web.Tests.Infrastructure;

public sealed record TestUser(Guid Id, string Email, string Password, string AuthenticatorKey, string MemberCode, Guid MemberId);

/// <summary>
/// The real platform over HTTP on a fresh database of one provider. Each factory owns its own database,
/// so tests in one class share it and create their own, uniquely named data.
/// </summary>
public abstract partial class PlatformFactory : WebApplicationFactory<Program>
{
    public const string DefaultPassword = "correct-mango-harbour-lantern";
    private int userCounter;

    protected PlatformFactory(DatabaseProvider provider)
        : this(provider, CreateDatabase(provider), null)
    {
    }

    /// <summary>A platform on an existing database and search index, as after a restart.</summary>
    protected PlatformFactory(DatabaseProvider provider, string connectionString, string? searchIndexPath)
    {
        Provider = provider;
        ConnectionString = connectionString;
        SearchIndexPath = searchIndexPath ?? NewSearchIndexPath();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string SearchIndexPath { get; }

    /// <summary>Applies every search-log entry committed so far, so that a test can search right after a write.</summary>
    public Task DrainSearchAsync() => Services.GetRequiredService<BaliProcess.Web.Infrastructure.Search.SearchIndexer>().CatchUpAsync(TimeSpan.FromSeconds(30), default);

    /// <summary>Extra settings a derived fixture adds (for example a seeds folder).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Security:SignInAttemptsPerFiveMinutes", "100000");
        builder.UseSetting("Security:FailedSignInsPerAddress", "100000");
        builder.UseSetting("Security:RefusedCredentialsPerMinute", "100000");
        builder.UseSetting("Search:IndexPath", SearchIndexPath);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>An anonymous client whose requests come from <paramref name="address"/> (the test server has no real connection).</summary>
    public HttpClient From(IPAddress address) =>
        new(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler { InnerHandler = Server.CreateHandler(context => context.Connection.RemoteIpAddress = address) })
        {
            BaseAddress = Server.BaseAddress,
        };

    /// <summary>Creates an account with two-factor sign-in already enrolled (the enrolment page has its own test).</summary>
    public async Task<TestUser> CreateUserAsync(string memberCode, string[]? roles = null, string? agency = null)
    {
        await using var scope = Scope();
        var commands = scope.ServiceProvider.GetRequiredService<AccountCommands>();
        var email = $"user{Interlocked.Increment(ref userCounter)}-{Guid.NewGuid():N}"[..24] + $"@{memberCode.ToLowerInvariant()}.example.org";
        var result = await commands.CreateUserAsync(
            new UserInput(email, $"Official {userCounter}", DefaultPassword, memberCode, agency, roles ?? [Roles.MemberOfficer]), null, default);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Invalid?.Errors.SelectMany(e => e.Value) ?? [result.ProblemMessage ?? ""]));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        return new TestUser(user.Id, email, DefaultPassword, key, memberCode, user.MemberId);
    }

    /// <summary>Signs in through the real pages: password, then a TOTP code.</summary>
    public async Task<HttpClient> SignInAsync(TestUser user, HttpClient? client = null)
    {
        client ??= Anonymous();
        var signInPage = await client.GetStringAsync("/Accounts/SignIn");
        var response = await client.PostAsync("/Accounts/SignIn", Form(signInPage, ("Email", user.Email), ("Password", user.Password)));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldStartWith("/Accounts/TwoFactor");
        var twoFactorPage = await client.GetStringAsync(response.Headers.Location);
        var code = await NextCodeAsync(user);
        response = await client.PostAsync("/Accounts/TwoFactor", Form(twoFactorPage, ("Code", code)));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>
    /// A code the platform has not accepted yet for the user: a code works once, so a second sign-in within the same
    /// 30 seconds uses the next step's code (accepted for clock drift), waiting when even that was used.
    /// </summary>
    public async Task<string> NextCodeAsync(TestUser user)
    {
        var clock = Services.GetRequiredService<TimeProvider>();
        while (true)
        {
            var current = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
            var last = usedSteps.GetValueOrDefault(user.Id, long.MinValue);
            var step = Math.Max(current, last + 1);
            if (step <= current + 1 && usedSteps.TryUpdate(user.Id, step, last) | usedSteps.TryAdd(user.Id, step))
            {
                return Totp.Code(user.AuthenticatorKey, DateTimeOffset.FromUnixTimeSeconds(step * 30));
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, long> usedSteps = new();

    public async Task<HttpClient> SignInNewUserAsync(string memberCode, string[]? roles = null, string? agency = null) =>
        await SignInAsync(await CreateUserAsync(memberCode, roles, agency));

    public async Task<string> CreateApiKeyAsync(string memberCode, params string[] scopes)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var member = await db.Set<Member>().SingleAsync(m => m.Code == memberCode);
        var result = await scope.ServiceProvider.GetRequiredService<AccountCommands>()
            .CreateApiKeyAsync(new ApiKeyInput($"key-{Guid.NewGuid():N}", scopes, 30), member.Id, null, default);
        return result.Value!.Token;
    }

    public Task<Guid> ApiKeyIdAsync(string token)
    {
        var prefix = token.Split('_')[1];
        return WithDbAsync(db => db.Set<ApiKey>().Where(k => k.Prefix == prefix).Select(k => k.Id).SingleAsync());
    }

    public Task<DateTime?> ApiKeyRevokedAtAsync(Guid id) => WithDbAsync(db => db.Set<ApiKey>().Where(k => k.Id == id).Select(k => k.RevokedAt).SingleAsync());

    /// <summary>The key is refused as revoked: 401 with ProblemDetails that say so.</summary>
    public async Task ShouldRefuseAsRevokedAsync(string token)
    {
        var response = await WithApiKey(token).GetAsync("/api/me");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("revoked");
    }

    public HttpClient WithApiKey(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A form post with the page's antiforgery token, as a browser would send it.</summary>
    public static FormUrlEncodedContent Form(string pageHtml, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", AntiforgeryToken(pageHtml)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        match.Success.ShouldBeTrue("The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>A new, empty database (no schema) of the provider.</summary>
    public static string CreateDatabase(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? CreateSqliteDatabase() : CreatePostgresDatabase();

    public static string NewSearchIndexPath() => Path.Combine(Path.GetTempPath(), $"bp-test-index-{Guid.NewGuid():N}");

    private static string CreateSqliteDatabase()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bp-test-{Guid.NewGuid():N}.db");
        return $"Data Source={path}";
    }

    private static string CreatePostgresDatabase()
    {
        var name = $"bp_test_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(PostgresCluster.ServerConnectionString + ";Database=postgres");
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return PostgresCluster.ServerConnectionString + $";Database={name}";
    }
}

public sealed class SqlitePlatform : PlatformFactory
{
    public SqlitePlatform()
        : base(DatabaseProvider.Sqlite)
    {
    }
}

public sealed class PostgresPlatform : PlatformFactory
{
    public PostgresPlatform()
        : base(DatabaseProvider.Postgres)
    {
    }
}

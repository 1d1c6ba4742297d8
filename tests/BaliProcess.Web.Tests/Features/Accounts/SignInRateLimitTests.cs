using System.Net;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;

namespace BaliProcess.Web.Tests.Features.Accounts;

/// <summary>A platform that allows only a few sign-in attempts per address in five minutes.</summary>
public abstract class RateLimitedPlatform(DatabaseProvider provider) : PlatformFactory(provider)
{
    public const int Limit = 5;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Security:SignInAttemptsPerFiveMinutes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

public sealed class RateLimitedSqlitePlatform() : RateLimitedPlatform(DatabaseProvider.Sqlite);

public sealed class RateLimitedPostgresPlatform() : RateLimitedPlatform(DatabaseProvider.Postgres);

/// <summary>Each test signs in from addresses of its own, so the tests sharing the platform do not use up each other's attempts.</summary>
public abstract class SignInRateLimitTests(RateLimitedPlatform platform)
{
    private const string TooMany = "Too many sign-in attempts from this address. Wait five minutes and try again.";

    private static IPAddress Address(int n) => IPAddress.Parse($"192.0.2.{n}");

    /// <summary>Uses up the address's attempts: one page view and wrong passwords, each answered normally.</summary>
    private static async Task<string> UseUpAttemptsAsync(HttpClient client, TestUser user)
    {
        var page = await client.GetStringAsync("/Accounts/SignIn");
        for (var attempt = 2; attempt <= RateLimitedPlatform.Limit; attempt++)
        {
            var wrong = await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", user.Email), ("Password", $"not-the-password-{attempt}")));
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await wrong.Content.ReadAsStringAsync()).ShouldContain("The e-mail address or the password is not right.");
        }

        return page;
    }

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheLimit_Answers429WithAClearMessageEvenForTheRightPassword()
    {
        var user = await platform.CreateUserAsync("PHL");
        var client = platform.From(Address(10));
        var page = await UseUpAttemptsAsync(client, user);

        var response = await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", user.Email), ("Password", user.Password)));

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter.ShouldNotBeNull();
        (await response.Content.ReadAsStringAsync()).ShouldBe(TooMany);
        (await client.GetAsync("/Accounts/TwoFactor")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task SignIn_LimitReached_MessageFollowsTheReadersLanguage()
    {
        var user = await platform.CreateUserAsync("PHL");
        var client = platform.From(Address(20));
        await UseUpAttemptsAsync(client, user);

        var response = await client.GetAsync("/Accounts/SignIn?culture=id");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Terlalu banyak percobaan masuk dari alamat ini. Tunggu lima menit, lalu coba lagi.");
    }

    [Fact]
    public async Task SignIn_LimitReachedByOneAddress_AnotherAddressStillSignsIn()
    {
        var user = await platform.CreateUserAsync("PHL");
        var exhausted = platform.From(Address(30));
        await UseUpAttemptsAsync(exhausted, user);
        (await exhausted.GetAsync("/Accounts/SignIn")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var other = await platform.SignInAsync(user, platform.From(Address(31)));

        (await other.GetAsync("/Accounts/Manage")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await exhausted.GetAsync("/Accounts/SignIn")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}

public sealed class SignInRateLimitSqliteTests(RateLimitedSqlitePlatform platform) : SignInRateLimitTests(platform), IClassFixture<RateLimitedSqlitePlatform>;

public sealed class SignInRateLimitPostgresTests(RateLimitedPostgresPlatform platform) : SignInRateLimitTests(platform), IClassFixture<RateLimitedPostgresPlatform>;

using System.Net;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Features.Accounts;

/// <summary>
/// Defect 9: failed sign-ins are limited per account and per address in the database (so every node counts the same
/// attempts), page loads do not count, an unknown e-mail gets the same answer and the same password-hash work, and an
/// authenticator code works once.
/// </summary>
public abstract class FailedSignInLimitTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string WrongPassword = "The e-mail address or the password is not right.";
    private const string TooMany = "Too many failed sign-in attempts. Wait 15 minutes and try again.";
    private static readonly KeyValuePair<string, string?>[] Limits =
        [new("Security:FailedSignInsPerAccount", "3"), new("Security:FailedSignInsPerAddress", "8"), new("Security:SignInAttemptsPerFiveMinutes", "100000")];

    private readonly HashingCounter hashing = new();
    private StandalonePlatform nodeA = null!;
    private StandalonePlatform nodeB = null!;

    public Task InitializeAsync()
    {
        nodeA = new StandalonePlatform(provider) { ExtraSettings = Limits, ExtraServices = CountHashing };
        // The second node shares the first one's database (and nothing else in memory).
        nodeB = new StandalonePlatform(provider, nodeA.ConnectionString, PlatformFactory.NewSearchIndexPath()) { ExtraSettings = Limits, ExtraServices = CountHashing };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await nodeB.DisposeAsync();
        await nodeA.DisposeAsync();
    }

    private void CountHashing(IServiceCollection services) => services.AddSingleton<IPasswordHasher<AppUser>>(hashing);

    private static async Task<HttpResponseMessage> TryAsync(PlatformFactory node, IPAddress address, string email, string password)
    {
        var client = node.From(address);
        var page = await client.GetStringAsync("/Accounts/SignIn");
        return await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", email), ("Password", password)));
    }

    [Fact]
    public async Task WrongPasswords_SpreadOverTwoNodes_LockTheAccountOnBoth()
    {
        var user = await nodeA.CreateUserAsync("PHL");
        (await TryAsync(nodeA, IPAddress.Parse("192.0.2.1"), user.Email, "wrong-password-one")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TryAsync(nodeB, IPAddress.Parse("192.0.2.2"), user.Email, "wrong-password-two")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TryAsync(nodeA, IPAddress.Parse("192.0.2.3"), user.Email, "wrong-password-three")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var right = await TryAsync(nodeB, IPAddress.Parse("192.0.2.4"), user.Email, user.Password);

        right.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await right.Content.ReadAsStringAsync()).ShouldContain(TooMany);
        var other = await nodeA.CreateUserAsync("PHL");
        await nodeB.SignInAsync(other, nodeB.From(IPAddress.Parse("192.0.2.4")));
    }

    [Fact]
    public async Task WrongPasswords_ManyAccountsFromOneAddress_LimitTheAddressOnBothNodes()
    {
        var address = IPAddress.Parse("192.0.2.50");
        for (var i = 0; i < 8; i++)
        {
            var node = i % 2 == 0 ? nodeA : nodeB;
            (await (await TryAsync(node, address, $"nobody{i}@example.org", "wrong-password")).Content.ReadAsStringAsync()).ShouldContain(WrongPassword);
        }

        var user = await nodeA.CreateUserAsync("PHL");
        (await TryAsync(nodeB, address, user.Email, user.Password)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        await nodeA.SignInAsync(user, nodeA.From(IPAddress.Parse("192.0.2.51")));
    }

    [Fact]
    public async Task PageLoads_ManyFromOneAddress_DoNotCount()
    {
        var user = await nodeA.CreateUserAsync("PHL");
        var client = nodeA.From(IPAddress.Parse("192.0.2.60"));
        for (var i = 0; i < 30; i++)
        {
            (await client.GetAsync("/Accounts/SignIn")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await nodeA.SignInAsync(user, client);
    }

    [Fact]
    public async Task UnknownAccount_SameMessageSameHashWorkAndSameLimit()
    {
        var user = await nodeA.CreateUserAsync("PHL");
        var before = hashing.Verifications;
        var known = await TryAsync(nodeA, IPAddress.Parse("192.0.2.70"), user.Email, "wrong-password-xyz");
        var afterKnown = hashing.Verifications;
        var unknown = await TryAsync(nodeA, IPAddress.Parse("192.0.2.71"), $"nobody-{Guid.NewGuid():N}@example.org", "wrong-password-xyz");

        (await known.Content.ReadAsStringAsync()).ShouldContain(WrongPassword);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain(WrongPassword);
        (afterKnown - before).ShouldBe(1);
        (hashing.Verifications - afterKnown).ShouldBe(1, "an unknown account costs the same password-hash work");

        var ghost = $"ghost-{Guid.NewGuid():N}@example.org";
        for (var i = 0; i < 3; i++)
        {
            await TryAsync(nodeB, IPAddress.Parse($"192.0.2.{80 + i}"), ghost, "wrong-password-xyz");
        }

        (await (await TryAsync(nodeA, IPAddress.Parse("192.0.2.90"), ghost, "wrong-password-xyz")).Content.ReadAsStringAsync()).ShouldContain(TooMany);
    }

    [Fact]
    public async Task AuthenticatorCode_UsedOnce_IsRefusedOnTheOtherNode()
    {
        var user = await nodeA.CreateUserAsync("PHL");
        var code = await nodeA.NextCodeAsync(user);
        (await PasswordThenCodeAsync(nodeA, user, code)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var replay = await PasswordThenCodeAsync(nodeB, user, code);

        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.Content.ReadAsStringAsync()).ShouldContain("That code is not right.");
    }

    private static async Task<HttpResponseMessage> PasswordThenCodeAsync(PlatformFactory node, TestUser user, string code)
    {
        var client = node.Anonymous();
        var page = await client.GetStringAsync("/Accounts/SignIn");
        var password = await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(page, ("Email", user.Email), ("Password", user.Password)));
        password.Headers.Location!.OriginalString.ShouldStartWith("/Accounts/TwoFactor");
        var twoFactor = await client.GetStringAsync(password.Headers.Location);
        return await client.PostAsync("/Accounts/TwoFactor", PlatformFactory.Form(twoFactor, ("Code", code)));
    }

    /// <summary>Identity's own hasher, counting its verifications.</summary>
    private sealed class HashingCounter : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class FailedSignInLimitSqliteTests() : FailedSignInLimitTests(DatabaseProvider.Sqlite);

public sealed class FailedSignInLimitPostgresTests() : FailedSignInLimitTests(DatabaseProvider.Postgres);

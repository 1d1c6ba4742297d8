using System.Net;
using BaliProcess.Web.Features.Accounts;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Features.Accounts;

/// <summary>
/// The one-time link a new installation prints at first start. Each test needs an installation without any account,
/// so each gets a platform (and database) of its own.
/// </summary>
public abstract class FirstAdministratorSetupTests<TPlatform> : IAsyncLifetime
    where TPlatform : ClockedPlatform, new()
{
    private const string NotValid = "This set-up link is not valid";
    private readonly TPlatform platform = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await platform.DisposeAsync();

    /// <summary>A link from the code that issues (and prints) it at first start; issuing again replaces the start's link.</summary>
    private async Task<string> IssueLinkAsync()
    {
        await using var scope = platform.Scope();
        var token = await scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>().IssueLinkIfNewInstallationAsync(default);
        return token.ShouldNotBeNull("A new installation without accounts issues a set-up link.");
    }

    private static FormUrlEncodedContent SetupForm(string page, string token, string email) =>
        PlatformFactory.Form(page, ("Token", token), ("Form.DisplayName", "First Administrator"), ("Form.Email", email), ("Form.Password", PlatformFactory.DefaultPassword));

    private Task<int> UserCountAsync() => platform.WithDbAsync(db => db.Users.CountAsync());

    /// <summary>Opens the link's page, which must show the form, on a client of its own.</summary>
    private async Task<(HttpClient Client, string Page)> OpenValidLinkAsync(string token)
    {
        var client = platform.Anonymous();
        var page = await client.GetStringAsync($"/Accounts/Setup?token={token}");
        page.ShouldNotContain(NotValid);
        return (client, page);
    }

    /// <summary>The link's page says it is not valid, and posting the form with it creates no account.</summary>
    private async Task ShouldRefuseAsync(HttpClient client, string page, string token, int accounts)
    {
        (await client.GetStringAsync($"/Accounts/Setup?token={token}")).ShouldContain(NotValid);
        var response = await client.PostAsync("/Accounts/Setup", SetupForm(page, token, $"refused-{Guid.NewGuid():N}@rso.example.org"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(NotValid);
        (await UserCountAsync()).ShouldBe(accounts);
    }

    [Fact]
    public async Task Setup_RealLink_CreatesTheAdministratorOnceAndIsThenRefused()
    {
        var token = await IssueLinkAsync();
        var (client, page) = await OpenValidLinkAsync(token);

        var created = await client.PostAsync("/Accounts/Setup", SetupForm(page, token, "first@rso.example.org"));

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.OriginalString.ShouldStartWith("/Accounts/SetupTwoFactor");
        await using (var scope = platform.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = (await users.FindByEmailAsync("first@rso.example.org")).ShouldNotBeNull();
            (await users.GetRolesAsync(admin)).ShouldBe([Roles.PlatformAdmin, Roles.Oversight], ignoreOrder: true);
            (await platform.WithDbAsync(db => db.Set<Member>().Where(m => m.Id == admin.MemberId).Select(m => m.Code).SingleAsync())).ShouldBe("RSO");
        }

        (await platform.WithDbAsync(db => db.Set<SetupToken>().CountAsync(t => t.UsedAt != null))).ShouldBe(1);
        var again = platform.Anonymous();
        await ShouldRefuseAsync(again, await again.GetStringAsync("/"), token, accounts: 1);
    }

    [Fact]
    public async Task Setup_SixConcurrentPosts_CreateExactlyOneAdministrator()
    {
        var token = await IssueLinkAsync();
        var opened = new List<(HttpClient Client, string Page)>();
        for (var i = 0; i < 6; i++)
        {
            opened.Add(await OpenValidLinkAsync(token));
        }

        using var start = new SemaphoreSlim(0);
        var posts = opened.Select((o, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await o.Client.PostAsync("/Accounts/Setup", SetupForm(o.Page, token, $"racer-{i}@rso.example.org"));
        })).ToList();
        start.Release(6);
        var answers = await Task.WhenAll(posts);

        answers.Count(a => a.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        (await UserCountAsync()).ShouldBe(1);
        (await platform.WithDbAsync(db => db.Users.CountAsync(u => u.Email!.StartsWith("racer-")))).ShouldBe(1);
    }

    [Fact]
    public async Task Setup_InvalidInputThenCorrected_TheLinkStillWorksOnce()
    {
        var token = await IssueLinkAsync();
        var (client, page) = await OpenValidLinkAsync(token);

        var invalid = await client.PostAsync("/Accounts/Setup", PlatformFactory.Form(page, ("Token", token), ("Form.DisplayName", "First"), ("Form.Email", "not-an-address"), ("Form.Password", PlatformFactory.DefaultPassword)));
        (await invalid.Content.ReadAsStringAsync()).ShouldNotContain(NotValid);
        (await UserCountAsync()).ShouldBe(0);

        (await client.PostAsync("/Accounts/Setup", SetupForm(page, token, "corrected@rso.example.org"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UserCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Setup_ExpiredLink_IsRefusedAndCreatesNothing()
    {
        var token = await IssueLinkAsync();
        platform.Clock.Advance(FirstAdministratorSetup.Lifetime - TimeSpan.FromMinutes(1));
        var (client, page) = await OpenValidLinkAsync(token);

        platform.Clock.Advance(TimeSpan.FromMinutes(2));

        await ShouldRefuseAsync(client, page, token, accounts: 0);
    }

    [Fact]
    public async Task Setup_RealUnusedLink_IsRefusedOnceAnAccountExists()
    {
        var token = await IssueLinkAsync();
        var (client, page) = await OpenValidLinkAsync(token);

        await platform.CreateUserAsync("RSO", [Roles.PlatformAdmin]);

        await ShouldRefuseAsync(client, page, token, accounts: 1);
    }
}

public sealed class FirstAdministratorSetupSqliteTests : FirstAdministratorSetupTests<ClockedSqlitePlatform>;

public sealed class FirstAdministratorSetupPostgresTests : FirstAdministratorSetupTests<ClockedPostgresPlatform>;

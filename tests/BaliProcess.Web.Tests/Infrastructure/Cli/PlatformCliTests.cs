using System.Net;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Infrastructure.Cli;

/// <summary>The operator verbs that manage accounts and keys, run against the platform's database.</summary>
public abstract class PlatformCliTests(PlatformFactory platform)
{
    private async Task<CliRun> CliAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await PlatformCli.RunAsync(platform.Services, args, new StringReader(stdin), stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    private static string NewEmail(string member) => $"cli-{Guid.NewGuid():N}"[..16] + $"@{member.ToLowerInvariant()}.example.org";

    private async Task<AppUser?> FindUserAsync(string email)
    {
        await using var scope = platform.Scope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }

    private Task<int> UserCountAsync() => platform.WithDbAsync(db => db.Users.CountAsync());

    private async Task<(Guid Id, string Token)> KeyOfAsync(string member)
    {
        var token = await platform.CreateApiKeyAsync(member, ApiScopes.DirectoryRead);
        return (await platform.ApiKeyIdAsync(token), token);
    }

    /// <summary>A refused command stored no account: none with the e-mail, and as many as before.</summary>
    private async Task ShouldStoreNoUserAsync(string email, int before)
    {
        await ShouldStoreNoUserAsync(email, before);
    }

    /// <summary>A refused revocation left the key as it was: not revoked, and still answering.</summary>
    private async Task ShouldStillWorkAsync(Guid id, string token)
    {
        (await platform.ApiKeyRevokedAtAsync(id)).ShouldBeNull();
        (await platform.WithApiKey(token).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UserCreate_ValidInput_CreatesAnAccountOfTheMemberWithItsRolesAndPassword()
    {
        var email = NewEmail("idn");

        var run = await CliAsync(PlatformFactory.DefaultPassword + "\n",
            "user", "create", "--email", email, "--name", "Dewi Lestari", "--member", "idn", "--agency", "Imigrasi", "--roles", "MemberOfficer,Analyst", "--password-stdin");

        run.Exit.ShouldBe(0, run.Err);
        run.Out.ShouldContain($"Created {email} (IDN; MemberOfficer, Analyst)");
        await using var scope = platform.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email)).ShouldNotBeNull();
        user.DisplayName.ShouldBe("Dewi Lestari");
        user.Agency.ShouldBe("Imigrasi");
        (await platform.WithDbAsync(db => db.Set<BaliProcess.Web.Features.Directory.Member>().Where(m => m.Id == user.MemberId).Select(m => m.Code).SingleAsync())).ShouldBe("IDN");
        (await users.GetRolesAsync(user)).ShouldBe([Roles.Analyst, Roles.MemberOfficer], ignoreOrder: true);
        (await users.CheckPasswordAsync(user, PlatformFactory.DefaultPassword)).ShouldBeTrue();
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "account.user.create" && a.SubjectId == user.Id.ToString()))).ShouldBe(1);
    }

    [Theory]
    [InlineData(1, "There is no member with code 'ZZZ'.", "--member", "ZZZ", "--password-stdin")]
    [InlineData(1, "memberCode: Member is required.", "--password-stdin")]
    [InlineData(1, "roles: 'Root' is not a role.", "--member", "IDN", "--roles", "Root", "--password-stdin")]
    [InlineData(2, "Pass --password-stdin and write the password to standard input", "--member", "IDN")]
    public async Task UserCreate_UnknownMemberOrMissingFlag_ExitsNonZeroWithAClearMessageAndStoresNothing(int exit, string message, params string[] flags)
    {
        var email = NewEmail("idn");
        var before = await UserCountAsync();

        var run = await CliAsync(PlatformFactory.DefaultPassword + "\n", ["user", "create", "--email", email, "--name", "Nobody", .. flags]);

        run.Exit.ShouldBe(exit);
        run.Err.ShouldContain(message);
        (await FindUserAsync(email)).ShouldBeNull();
        (await UserCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ApiKeyRevoke_OwnMembersKey_RevokesItSoItAnswersProblemDetails401()
    {
        var (id, token) = await KeyOfAsync("IDN");
        (await platform.WithApiKey(token).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var run = await CliAsync("", "api-key", "revoke", "--member", "IDN", "--id", id.ToString());

        run.Exit.ShouldBe(0, run.Err);
        run.Out.ShouldContain("Revoked 'key-");
        (await platform.ApiKeyRevokedAtAsync(id)).ShouldNotBeNull();
        await platform.ShouldRefuseAsRevokedAsync(token);
    }

    [Theory]
    [InlineData("ZZZ", "There is no member with code 'ZZZ'.")]
    [InlineData("MYS", "No API key with that id exists")]
    public async Task ApiKeyRevoke_UnknownMemberOrAnotherMembersKey_ExitsOneAndLeavesTheKeyWorking(string member, string message)
    {
        var (id, token) = await KeyOfAsync("IDN");

        var run = await CliAsync("", "api-key", "revoke", "--member", member, "--id", id.ToString());

        run.Exit.ShouldBe(1);
        run.Err.ShouldContain(message);
        await ShouldStillWorkAsync(id, token);
    }

    [Theory]
    [InlineData("--member", "IDN")]
    [InlineData("--member", "IDN", "--id", "not-a-guid")]
    [InlineData("--id", "KEY")]
    public async Task ApiKeyRevoke_MissingOrMalformedFlag_ExitsOneNamingTheFlagAndLeavesTheKeyWorking(params string[] flags)
    {
        var (id, token) = await KeyOfAsync("IDN");
        var args = flags.Select(f => f == "KEY" ? id.ToString() : f).ToArray();

        var run = await CliAsync("", ["api-key", "revoke", .. args]);

        run.Exit.ShouldBe(1);
        run.Err.ShouldContain(args.Contains("--member") ? "Give --id GUID" : "Give --member CODE");
        await ShouldStillWorkAsync(id, token);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PlatformCliSqliteTests(SqlitePlatform platform) : PlatformCliTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class PlatformCliPostgresTests(PostgresPlatform platform) : PlatformCliTests(platform);

using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Features.Accounts.Lifecycle;

/// <summary>The account verbs of ./bp, and the inactivity job they share with the daily service.</summary>
public abstract class AccountsCliTests(AccountsPlatform platform)
{
    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await PlatformCli.RunAsync(platform.Services, args, TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private Task<bool> DisabledAsync(TestUser user) =>
        platform.WithDbAsync(async db => (await db.Users.SingleAsync(u => u.Id == user.Id)).IsDisabled);

    [Fact]
    public async Task DisableInactive_AccountUnusedForTheConfiguredDays_IsDisabledAndAReenabledOneIsNot()
    {
        var idle = await platform.CreateUserAsync("IDN");
        var reenabled = await platform.CreateUserAsync("IDN");
        platform.Clock.Advance(TimeSpan.FromDays(31));
        var active = await platform.CreateUserAsync("IDN");
        await platform.SignInAsync(active);
        (await RunAsync("user", "disable", "--email", reenabled.Email)).Exit.ShouldBe(0);
        (await RunAsync("user", "enable", "--email", reenabled.Email)).Exit.ShouldBe(0);

        var (exit, output, error) = await RunAsync("accounts", "disable-inactive");

        exit.ShouldBe(0, error);
        output.ShouldContain(idle.Email);
        output.ShouldNotContain(reenabled.Email);
        output.ShouldNotContain(active.Email);
        (await DisabledAsync(idle)).ShouldBeTrue();
        (await DisabledAsync(reenabled)).ShouldBeFalse("re-enabling starts the inactivity clock again");
        (await DisabledAsync(active)).ShouldBeFalse();
        (await RunAsync("accounts", "disable-inactive")).Out.ShouldContain("0 account(s)", Case.Sensitive, "a second run disables nobody twice");
        (await platform.WithDbAsync(db => db.Set<BaliProcess.Web.Features.Audit.AuditEntry>().CountAsync(a => a.Action == "account.user.disable-inactive" && a.SubjectId == idle.Id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task UserVerbs_ResetTwoFactorUpdateAndSessions_ActOnTheAccount()
    {
        var user = await platform.CreateUserAsync("THA", [Roles.MemberOfficer]);
        await platform.SignInAsync(user);

        var unconfirmed = await RunAsync("user", "reset-2fa", "--email", user.Email);
        var sessions = await RunAsync("user", "sessions", "--email", user.Email);
        var reset = await RunAsync("user", "reset-2fa", "--email", user.Email, "--confirm");
        var updated = await RunAsync("user", "update", "--email", user.Email, "--roles", $"{Roles.Analyst},{Roles.MemberOfficer}", "--agency", "Police");
        var listed = await RunAsync("user", "list", "--member", "THA");

        unconfirmed.Exit.ShouldBe(1);
        unconfirmed.Error.ShouldContain("--confirm");
        sessions.Error.ShouldContain("1 open session(s).");
        reset.Exit.ShouldBe(0, reset.Error);
        (await platform.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync())).ShouldBeFalse();
        await platform.WaitForMailAsync(user.Email, "Your two-factor sign-in was reset");
        updated.Exit.ShouldBe(0, updated.Error);
        updated.Out.ShouldContain($"roles {Roles.Analyst},{Roles.MemberOfficer}; agency Police");
        listed.Out.ShouldContain(user.Email);
    }

    [Fact]
    public async Task UserVerbs_BadInput_SayWhatIsWrongAndChangeNothing()
    {
        var user = await platform.CreateUserAsync("THA");

        var noEmail = await RunAsync("user", "disable");
        var unknown = await RunAsync("user", "disable", "--email", "nobody@tha.example.org");
        var badRole = await RunAsync("user", "update", "--email", user.Email, "--roles", "Superuser");
        var badMember = await RunAsync("user", "list", "--member", "NOPE");

        noEmail.Exit.ShouldBe(2);
        noEmail.Error.ShouldContain("--email");
        unknown.Exit.ShouldBe(1);
        unknown.Error.ShouldContain("There is no account with e-mail 'nobody@tha.example.org'.");
        badRole.Exit.ShouldBe(1);
        badRole.Error.ShouldContain("'Superuser' is not a role.");
        badMember.Exit.ShouldBe(1);
        await using var scope = platform.Scope();
        var roles = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>()
            .GetRolesAsync((await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByIdAsync(user.Id.ToString()))!);
        roles.ShouldBe([Roles.MemberOfficer]);
        (await DisabledAsync(user)).ShouldBeFalse();
    }
}

public sealed class AccountsCliSqliteTests(AccountsSqlitePlatform platform) : AccountsCliTests(platform), IClassFixture<AccountsSqlitePlatform>;

public sealed class AccountsCliPostgresTests(AccountsPostgresPlatform platform) : AccountsCliTests(platform), IClassFixture<AccountsPostgresPlatform>;

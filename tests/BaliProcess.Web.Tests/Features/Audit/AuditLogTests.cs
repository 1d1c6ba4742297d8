using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Features.Audit;

/// <summary>Each test tampers with the log, so each gets a platform (and database) of its own.</summary>
public abstract class AuditLogTests<TPlatform> : IAsyncLifetime
    where TPlatform : PlatformFactory, new()
{
    private readonly TPlatform platform = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await platform.DisposeAsync();

    private async Task<(int Exit, string Out, string Err)> CliAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await PlatformCli.RunAsync(platform.Services, args, new StringReader(""), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task WriteSomeHistoryAsync()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        (await officer.PostAsJsonAsync("/api/focal-points", new { personName = "Audited", role = "Delegate", scope = "AllMembers" })).EnsureSuccessStatusCode();
        await platform.Services.GetRequiredService<AuditSealer>().SealAsync(default);
    }

    [Fact]
    public async Task Append_WriterInItsOwnTransactionAndAWriterWithout_BothSaveWithoutWaitingOutATimeout()
    {
        await using var outer = platform.Scope();
        var outerDb = outer.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await outerDb.Database.BeginTransactionAsync();
        outer.ServiceProvider.GetRequiredService<AuditLog>().Record("test.outer");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // The second writer starts while the first holds its transaction (on SQLite: the database's write lock).
        var inner = Task.Run(async () =>
        {
            await using var scope = platform.Scope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordNowAsync("test.inner", null, null, AuditOutcome.Succeeded, null, default);
        });
        await Task.Delay(500);
        await outerDb.SaveChangesAsync();
        await transaction.CommitAsync();
        await inner;

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "The two writers waited for each other until a timeout.");
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "test.outer" || e.Action == "test.inner"))).ShouldBe(2);
        (await CliAsync("audit", "verify")).Exit.ShouldBe(0);
    }

    [Fact]
    public async Task Verify_UntouchedLog_Passes()
    {
        await WriteSomeHistoryAsync();

        var (exit, output, _) = await CliAsync("audit", "verify");

        exit.ShouldBe(0);
        output.ShouldContain("intact");
    }

    [Fact]
    public async Task Verify_AlteredRow_FailsNamingTheRow()
    {
        await WriteSomeHistoryAsync();
        await platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE audit_entries SET \"Detail\" = 'nothing happened here' WHERE \"Sequence\" = 2"));

        var (exit, _, error) = await CliAsync("audit", "verify");

        exit.ShouldBe(1);
        error.ShouldContain("Row 2 was altered");
    }

    [Fact]
    public async Task Verify_DeletedMiddleRow_Fails()
    {
        await WriteSomeHistoryAsync();
        await platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Sequence\" = 2"));

        var (exit, _, error) = await CliAsync("audit", "verify");

        exit.ShouldBe(1);
        error.ShouldContain("Row 2 is missing");
    }

    [Fact]
    public async Task Verify_DeletedLastRow_Fails()
    {
        await WriteSomeHistoryAsync();
        await platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM audit_entries WHERE \"Sequence\" = (SELECT MAX(\"Sequence\") FROM audit_entries)"));

        var (exit, _, error) = await CliAsync("audit", "verify");

        exit.ShouldBe(1);
        error.ShouldContain("removed from the end");
    }

    [Fact]
    public async Task AuditRow_RecordsWhoWhatAndRequestId_InTheSameTransactionAsTheChange()
    {
        var officer = await platform.SignInNewUserAsync("IDN");

        var response = await officer.PostAsJsonAsync("/api/focal-points", new { personName = "Traced", role = "Delegate", scope = "AllMembers" });

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var entry = await platform.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Action == "directory.focalpoint.create" && a.SubjectId == id));
        entry.UserName.ShouldEndWith("idn.example.org");
        entry.MemberId.ShouldNotBeNull();
        entry.RequestId.ShouldNotBeNullOrEmpty();
        entry.Hash.Length.ShouldBe(64);
    }

    [Fact]
    public async Task FailedChange_WritesNeitherTheRecordNorItsAuditRow()
    {
        var before = await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "directory.member.create"));
        await using var scope = platform.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record("directory.member.create", "Member", "XXX");
        db.Add(new BaliProcess.Web.Features.Directory.Member { Code = "IDN", Name = "Duplicate Indonesia" });

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());

        (await platform.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.Action == "directory.member.create"))).ShouldBe(before);
        var (exit, _, _) = await CliAsync("audit", "verify");
        exit.ShouldBe(0);
    }

    [Fact]
    public async Task AuditPage_Oversight_SeesRowsAndVerifies()
    {
        await WriteSomeHistoryAsync();
        var oversight = await platform.SignInNewUserAsync("RSO", [Roles.PlatformOversight]);

        var page = await oversight.GetStringAsync("/Audit");
        page.ShouldContain("directory.focalpoint.create");
        var verified = await oversight.PostAsync("/Audit?handler=Verify", PlatformFactory.Form(page));

        (await verified.Content.ReadAsStringAsync()).ShouldContain("Audit log intact");
    }

    [Fact]
    public async Task AuditPage_MemberOfficer_IsRefused()
    {
        var officer = await platform.SignInNewUserAsync("IDN");

        (await officer.GetAsync("/Audit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.GetAsync("/api/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Cli_AdminCreate_ReadsPasswordFromStdinAndRefusesAWeakOne()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var weak = await PlatformCli.RunAsync(platform.Services, ["admin", "create", "--email", "root@rso.example.org", "--name", "Root", "--password-stdin"],
            new StringReader("short\n"), stdout, stderr);
        var strong = await PlatformCli.RunAsync(platform.Services, ["admin", "create", "--email", "root@rso.example.org", "--name", "Root", "--password-stdin"],
            new StringReader("mangrove-lantern-harbour-seven\n"), stdout, stderr);

        weak.ShouldBe(1);
        stderr.ToString().ShouldContain("at least 12 characters");
        strong.ShouldBe(0);
        stdout.ToString().ShouldContain("PlatformAdmin");
    }

    [Fact]
    public async Task Cli_ApiKeyCreate_PrintsAWorkingKeyOnce()
    {
        var (exit, output, _) = await CliAsync("api-key", "create", "--member", "IDN", "--name", "border-feed", "--scopes", "directory:read");

        exit.ShouldBe(0);
        var token = output.Trim();
        token.ShouldStartWith("bpk_");
        (await platform.WithApiKey(token).GetAsync("/api/focal-points")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cli_ApiKeyCreate_UnknownMemberOrScope_ExitsOneAndStoresNothing()
    {
        var before = await platform.WithDbAsync(db => db.Set<ApiKey>().CountAsync());

        var unknownMember = await CliAsync("api-key", "create", "--member", "ZZZ", "--name", "x", "--scopes", "directory:read");
        var unknownScope = await CliAsync("api-key", "create", "--member", "IDN", "--name", "x", "--scopes", "root");

        unknownMember.Exit.ShouldBe(1);
        unknownMember.Err.ShouldContain("no member with code 'ZZZ'");
        unknownScope.Exit.ShouldBe(1);
        unknownScope.Err.ShouldContain("'root' is not a scope");
        (await platform.WithDbAsync(db => db.Set<ApiKey>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Cli_UnknownVerb_ExitsTwoWithUsage()
    {
        var (exit, _, error) = await CliAsync("audit", "erase");

        exit.ShouldBe(2);
        error.ShouldContain("Usage");
    }
}

public sealed class AuditLogSqliteTests : AuditLogTests<SqlitePlatform>;

public sealed class AuditLogPostgresTests : AuditLogTests<PostgresPlatform>;

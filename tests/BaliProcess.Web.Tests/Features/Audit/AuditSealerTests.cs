using System.Net.Http.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Features.Audit;

/// <summary>
/// Writers save unsealed rows with their change; the sealer chains them later (docs/adr/0005-audit-sealer.md). The
/// Testing environment runs no background sealer, so these tests decide when rows are sealed.
/// </summary>
public abstract class AuditSealerTests<TPlatform> : IAsyncLifetime
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

    private Task<SealResult> SealAsync() => platform.Services.GetRequiredService<AuditSealer>().SealAsync(default);

    private async Task RecordAsync(string action, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = platform.Scope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordNowAsync(action, "Test", i, AuditOutcome.Succeeded, $"row {i}", default);
        }
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = platform.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(default);
    }

    [Fact]
    public async Task Write_AuditedChange_StoresTheRowUnsealedWithTheWritersMac()
    {
        await RecordAsync("test.unsealed", 1);

        var row = await platform.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Action == "test.unsealed"));
        row.Sequence.ShouldBeNull();
        row.PreviousHash.ShouldBeEmpty();
        row.Hash.ShouldBe(row.ComputeWriterMac(platform.Services.GetRequiredService<AuditKeys>().HmacKey));
    }

    [Fact]
    public async Task Verify_CommittedRowsNotYetSealed_ReportsThemApartAndIntact()
    {
        await RecordAsync("test.sealed", 3);
        await SealAsync();
        await RecordAsync("test.waiting", 2);

        var (exit, output, _) = await CliAsync("audit", "verify");
        var result = await VerifyAsync();

        exit.ShouldBe(0);
        output.ShouldContain("2 more committed row(s) not sealed yet");
        result.Unsealed.ShouldBe(2);
        result.RowsChecked.ShouldBe(await platform.WithDbAsync(db => db.Set<AuditEntry>().LongCountAsync(e => e.Sequence != null)));
    }

    [Fact]
    public async Task Seal_RowsOfConcurrentWritersWhileSealing_EveryRowOnceInOneUnbrokenChain()
    {
        await RecordAsync("test.first", 1); // the host starts once, before the threads below reach for it
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(() => RecordAsync($"test.writer{w}", 15))).ToList();
        var sealing = Task.Run(async () =>
        {
            while (writers.Any(w => !w.IsCompleted))
            {
                await SealAsync();
            }
        });
        await sealing;
        await Task.WhenAll(writers);
        await SealAsync();

        var result = await VerifyAsync();
        var sequences = await platform.WithDbAsync(db => db.Set<AuditEntry>().Select(e => e.Sequence).ToListAsync());
        result.Intact.ShouldBeTrue(result.Message);
        result.Unsealed.ShouldBe(0);
        sequences.ShouldAllBe(s => s != null);
        sequences.Select(s => s!.Value).Order().ShouldBe(Enumerable.Range(1, sequences.Count).Select(i => (long)i));
        result.RowsChecked.ShouldBe(sequences.Count);
    }

    [Fact]
    public async Task Seal_RowInventedInTheDatabase_IsNotSealedAndVerifyNamesIt()
    {
        await RecordAsync("test.real", 2);
        var invented = new AuditEntry { OccurredAt = AuditEntry.ToStoredPrecision(DateTime.UtcNow), Action = "directory.member.create", UserName = "cli", Outcome = AuditOutcome.Succeeded };
        invented.Hash = invented.ComputeWriterMac(new byte[32]); // a key that is not the deployment's
        await platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO audit_entries (\"Id\", \"OccurredAt\", \"Action\", \"Outcome\", \"UserName\", \"PreviousHash\", \"Hash\") VALUES ({0}, {1}, {2}, {3}, {4}, '', {5})",
            invented.Id, invented.OccurredAt, invented.Action, invented.Outcome.ToString(), invented.UserName!, invented.Hash));

        var sealedResult = await SealAsync();
        var (exit, _, error) = await CliAsync("audit", "verify");

        sealedResult.Sealed.ShouldBeGreaterThanOrEqualTo(2);
        sealedResult.Refused.ShouldBe(1);
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Id == invented.Id).Select(e => e.Sequence).SingleAsync())).ShouldBeNull();
        exit.ShouldBe(1);
        error.ShouldContain("does not carry a valid writer's MAC");
    }

    [Fact]
    public async Task Verify_UnsealedRowEditedBeforeSealing_Fails()
    {
        await RecordAsync("test.edited", 2);
        await platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE audit_entries SET \"Detail\" = 'nothing happened here' WHERE \"Action\" = 'test.edited' AND \"Detail\" = 'row 1'"));

        var (exit, _, error) = await CliAsync("audit", "verify");
        var sealedResult = await SealAsync();

        exit.ShouldBe(1);
        error.ShouldContain("does not carry a valid writer's MAC");
        sealedResult.Refused.ShouldBe(1);
    }

    [Fact]
    public async Task Seal_UnsealedRowCopiedUnderANewId_RefusesTheCopy()
    {
        await RecordAsync("test.copied", 1);
        const string Columns = "\"OccurredAt\", \"UserId\", \"UserName\", \"MemberId\", \"ApiKeyId\", \"Action\", \"SubjectType\", \"SubjectId\", \"RequestId\", \"Outcome\", \"Detail\", \"SubjectMemberId\", \"PreviousHash\", \"Hash\"";
        await platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO audit_entries (\"Id\", {Columns}) SELECT {{0}}, {Columns} FROM audit_entries WHERE \"Action\" = 'test.copied'", Guid.CreateVersion7()));

        var (exit, _, error) = await CliAsync("audit", "verify");
        var sealedResult = await SealAsync();

        exit.ShouldBe(1);
        error.ShouldContain("does not carry a valid writer's MAC");
        sealedResult.Refused.ShouldBe(1);
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "test.copied" && e.Sequence != null))).ShouldBe(1);
    }

    [Fact]
    public async Task Verify_SealedRowTurnedBackIntoAnUnsealedOne_FailsAsAGap()
    {
        await RecordAsync("test.row", 3);
        await SealAsync();
        await platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Sequence\" = NULL WHERE \"Sequence\" = 2"));

        var (exit, _, error) = await CliAsync("audit", "verify");

        exit.ShouldBe(1);
        error.ShouldContain("Row 2 is missing");
    }

    [Fact]
    public async Task Write_InsideTheCallersTransactionRolledBack_LeavesNoAuditRow()
    {
        await using var scope = platform.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            scope.ServiceProvider.GetRequiredService<AuditLog>().Record("test.rolledback");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await SealAsync();

        (await platform.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(e => e.Action == "test.rolledback"))).ShouldBe(0);
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }
}

public sealed class AuditSealerSqliteTests : AuditSealerTests<SqlitePlatform>;

public sealed class AuditSealerPostgresTests : AuditSealerTests<PostgresPlatform>;

/// <summary>Outside the Testing default: the background sealer chains rows soon after they commit, unasked.</summary>
public abstract class AuditSealerServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly StandalonePlatform platform = new(provider) { ExtraSettings = [new("Audit:SealInBackground", "true")] };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await platform.DisposeAsync();

    [Fact]
    public async Task SealerService_AfterAnAuditedWrite_SealsItWithinSeconds()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        (await officer.PostAsJsonAsync("/api/focal-points", new { personName = "Sealed soon", role = "Delegate", scope = "AllMembers" })).EnsureSuccessStatusCode();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await platform.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Sequence == null)) && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
        }

        (await platform.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Sequence == null))).ShouldBeFalse("the background sealer left rows unsealed for 15 s");
        await using var scope = platform.Scope();
        (await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(default)).Intact.ShouldBeTrue();
    }
}

public sealed class AuditSealerServiceSqliteTests() : AuditSealerServiceTests(DatabaseProvider.Sqlite);

public sealed class AuditSealerServicePostgresTests() : AuditSealerServiceTests(DatabaseProvider.Postgres);

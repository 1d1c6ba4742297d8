using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Features.Audit;

/// <summary>
/// The verifier reads rows in batches of <c>AuditBatch.Capacity</c> and folds full batches into the Merkle tree as
/// one subtree: logs longer than a batch, a checkpoint inside a batch, and a row altered past the first batch.
/// </summary>
public abstract class AuditVerifierBatchTests<TPlatform> : IAsyncLifetime
    where TPlatform : PlatformFactory, new()
{
    private readonly TPlatform platform = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await platform.DisposeAsync();

    protected TPlatform Platform => platform;

    protected async Task AppendAsync(int rows)
    {
        await using var scope = platform.Scope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        audit.ActAs(AuditActor.System("batch-test"));
        for (var i = 0; i < rows; i++)
        {
            audit.Record("library.document.read", "Document", Guid.CreateVersion7(), detail: $"row {i}", subjectMember: Guid.CreateVersion7());
        }

        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        await platform.Services.GetRequiredService<AuditSealer>().SealAsync(CancellationToken.None);
    }

    protected async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = platform.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }

    /// <summary>The tree root computed leaf by leaf from the stored hashes, as the checkpoints sign it.</summary>
    private async Task<string> RootRowByRowAsync()
    {
        var hashes = await platform.WithDbAsync(db => db.Set<AuditEntry>().OrderBy(e => e.Sequence).Select(e => e.Hash).ToListAsync());
        var tree = new MerkleTree.Frontier();
        var leaf = new byte[MerkleTree.HashSize];
        foreach (var hash in hashes)
        {
            MerkleTree.LeafHash(Convert.FromHexString(hash), leaf);
            tree.AppendLeafHash(leaf);
        }

        return Convert.ToHexStringLower(tree.Root());
    }

    [Fact]
    public async Task Verify_LogOfSeveralBatchesWithACheckpointInsideOne_IsIntactWithTheRowByRowRoot()
    {
        await AppendAsync(5_000);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        (await PlatformCli.RunAsync(platform.Services, ["audit", "checkpoint"], new StringReader(""), stdout, stderr)).ShouldBe(0, stderr.ToString());
        await AppendAsync(4_000);

        var result = await VerifyAsync();

        result.Intact.ShouldBeTrue(result.Message);
        result.RowsChecked.ShouldBeGreaterThan(9_000);
        result.CheckpointsChecked.ShouldBe(1);
        result.RootHash.ShouldBe(await RootRowByRowAsync());
    }

    [Fact]
    public async Task Verify_RowAlteredInTheSecondBatch_NamesThatRow()
    {
        await AppendAsync(9_000);
        await platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Detail\" = 'nothing' WHERE \"Sequence\" = 6000"));

        var result = await VerifyAsync();

        result.Intact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(6000);
        result.RowsChecked.ShouldBe(5999);
        result.Message.ShouldContain("Row 6000 was altered");
    }

    [Fact]
    public async Task Verify_RowMissingAtABatchBoundary_NamesTheMissingRow()
    {
        await AppendAsync(9_000);
        await platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Sequence\" = 4097"));

        var result = await VerifyAsync();

        result.Intact.ShouldBeFalse();
        result.Message.ShouldContain("Row 4097 is missing");
    }
}

public sealed class AuditVerifierBatchSqliteTests : AuditVerifierBatchTests<SqlitePlatform>
{
    /// <summary>The raw SQLite reader rewrites EF Core's text in place; other spellings of the same values still verify.</summary>
    [Fact]
    public async Task Verify_GuidsInLowerCaseAndADateSpelledWithTAndSevenDigits_AreReadAsTheSameValues()
    {
        await AppendAsync(10);
        await Platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE audit_entries SET \"UserId\" = lower(\"UserId\"), \"SubjectMemberId\" = lower(\"SubjectMemberId\") WHERE \"Sequence\" = 3"));
        var row = await Platform.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Sequence == 3));
        await Platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE audit_entries SET \"OccurredAt\" = {0} WHERE \"Sequence\" = 3", row.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff0", System.Globalization.CultureInfo.InvariantCulture)));

        var result = await VerifyAsync();

        result.Intact.ShouldBeTrue(result.Message);
    }

    [Fact]
    public async Task Verify_DateThatIsNotOne_ReportsTheRowAlteredInsteadOfFailing()
    {
        await AppendAsync(10);
        await Platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"OccurredAt\" = 'yesterday' WHERE \"Sequence\" = 4"));

        var result = await VerifyAsync();

        result.Intact.ShouldBeFalse();
        result.Message.ShouldContain("Row 4 was altered");
    }
}

public sealed class AuditVerifierBatchPostgresTests : AuditVerifierBatchTests<PostgresPlatform>;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Features.Audit;

/// <summary>
/// The four rewrites of the issue, done with direct SQL as someone with write access to the database (but not to the
/// key files) would. Each test has its own platform and database because it breaks the log.
/// </summary>
public abstract class AuditTamperingTests<TPlatform> : IAsyncLifetime
    where TPlatform : PlatformFactory, new()
{
    private static readonly System.Text.Json.JsonSerializerOptions ApiJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly TPlatform platform = new();
    private readonly string keptFile = Path.Combine(Path.GetTempPath(), $"bp-checkpoint-{Guid.NewGuid():N}.json");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        File.Delete(keptFile);
        await platform.DisposeAsync();
    }

    private async Task<(int Exit, string Out, string Err)> CliAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await PlatformCli.RunAsync(platform.Services, args, new StringReader(""), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>History, a checkpoint downloaded by a member through the API and kept outside, then more history.</summary>
    private async Task KeepCheckpointAsync()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        for (var i = 0; i < 3; i++)
        {
            (await officer.PostAsJsonAsync("/api/focal-points", new { personName = $"Audited {i}", role = "Delegate", scope = "AllMembers" })).EnsureSuccessStatusCode();
        }

        (await CliAsync("audit", "checkpoint")).Exit.ShouldBe(0);
        var download = await officer.GetAsync("/api/audit/checkpoints/latest");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        await File.WriteAllTextAsync(keptFile, await download.Content.ReadAsStringAsync());
        (await officer.PostAsJsonAsync("/api/focal-points", new { personName = "Later", role = "Delegate", scope = "AllMembers" })).EnsureSuccessStatusCode();
        (await CliAsync("audit", "verify", "--checkpoint", keptFile)).Exit.ShouldBe(0, "the later rows are unsealed: reported, not tampering");
        await platform.Services.GetRequiredService<AuditSealer>().SealAsync(default);
        (await CliAsync("audit", "verify", "--checkpoint", keptFile)).Exit.ShouldBe(0);
    }

    private Task SqlAsync(string sql) => platform.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    /// <summary>Recomputes every row's hash with the old unkeyed SHA-256, as the attacker can, and moves the head.</summary>
    private async Task RechainUnkeyedAsync()
    {
        await using var scope = platform.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BaliProcess.Web.Infrastructure.Data.AppDbContext>();
        var rows = await db.Set<AuditEntry>().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).ToListAsync();
        var previous = AuditEntry.GenesisHash;
        foreach (var row in rows)
        {
            row.PreviousHash = previous;
            row.Hash = row.ComputeHash(null);
            previous = row.Hash;
        }

        var head = await db.Set<AuditHead>().SingleAsync();
        head.Sequence = rows.Count;
        head.Hash = previous;
        // Through plain SQL updates, not the chain: AuditChain only appends.
        foreach (var row in rows)
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"PreviousHash\" = {0}, \"Hash\" = {1}, \"Detail\" = {2} WHERE \"Sequence\" = {3}",
                row.PreviousHash, row.Hash, row.Detail ?? "", row.Sequence!.Value);
        }

        await db.Database.ExecuteSqlRawAsync("UPDATE audit_head SET \"Sequence\" = {0}, \"Hash\" = {1}", head.Sequence, head.Hash);
    }

    [Fact]
    public async Task Verify_RowEditedAndUnkeyedHashesRecomputed_FailsEvenWithoutACheckpoint()
    {
        await KeepCheckpointAsync();
        await SqlAsync("UPDATE audit_entries SET \"Detail\" = 'nothing happened here' WHERE \"Sequence\" = 2");
        await RechainUnkeyedAsync();

        var withoutCheckpoint = await CliAsync("audit", "verify");
        var withCheckpoint = await CliAsync("audit", "verify", "--checkpoint", keptFile);

        withoutCheckpoint.Exit.ShouldBe(1);
        withoutCheckpoint.Err.ShouldContain("Row 1 was altered");
        withCheckpoint.Exit.ShouldBe(1);
    }

    [Fact]
    public async Task Verify_TailTruncatedAndHeadMoved_PassesOnTheHmacAloneButFailsAgainstTheKeptCheckpoint()
    {
        await KeepCheckpointAsync();
        var keep = await platform.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Sequence == 2).Select(e => e.Hash).SingleAsync());
        await SqlAsync("DELETE FROM audit_checkpoints");
        await SqlAsync("DELETE FROM audit_entries WHERE \"Sequence\" > 2");
        await SqlAsync($"UPDATE audit_head SET \"Sequence\" = 2, \"Hash\" = '{keep}'");

        var withoutCheckpoint = await CliAsync("audit", "verify");
        var withCheckpoint = await CliAsync("audit", "verify", "--checkpoint", keptFile);

        withoutCheckpoint.Exit.ShouldBe(0, "A consistent truncation is what the HMAC chain alone cannot see; the docs say so.");
        withCheckpoint.Exit.ShouldBe(1);
        withCheckpoint.Err.ShouldContain("rows were removed from the end");
    }

    [Fact]
    public async Task Verify_EveryRowAndTheHeadDeleted_FailsAgainstTheKeptCheckpoint()
    {
        await KeepCheckpointAsync();
        await SqlAsync("DELETE FROM audit_checkpoints");
        await SqlAsync("DELETE FROM audit_entries");
        await SqlAsync("DELETE FROM audit_head");

        var withCheckpoint = await CliAsync("audit", "verify", "--checkpoint", keptFile);

        withCheckpoint.Exit.ShouldBe(1);
        withCheckpoint.Err.ShouldContain("the log now has only 0");
    }

    [Fact]
    public async Task Verify_FabricatedRowAppendedWithAPlausibleHash_Fails()
    {
        await KeepCheckpointAsync();
        var last = await platform.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence).FirstAsync());
        var fake = new AuditEntry
        {
            Sequence = last.Sequence + 1, OccurredAt = last.OccurredAt.AddSeconds(1), Action = "directory.member.create",
            Outcome = AuditOutcome.Succeeded, UserName = "cli", PreviousHash = last.Hash,
        };
        fake.Hash = fake.ComputeHash(null);
        await platform.WithDbAsync(async db =>
        {
            db.Database.SetCommandTimeout(30);
            // Bypass AuditChain: EF's plain insert of the row, and the head moved by SQL.
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO audit_entries (\"Id\", \"Sequence\", \"OccurredAt\", \"Action\", \"Outcome\", \"UserName\", \"PreviousHash\", \"Hash\") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})",
                fake.Id, fake.Sequence!.Value, fake.OccurredAt, fake.Action, fake.Outcome.ToString(), fake.UserName!, fake.PreviousHash, fake.Hash);
            return await db.Database.ExecuteSqlRawAsync("UPDATE audit_head SET \"Sequence\" = {0}, \"Hash\" = {1}", fake.Sequence!.Value, fake.Hash);
        });

        var withoutCheckpoint = await CliAsync("audit", "verify");
        var withCheckpoint = await CliAsync("audit", "verify", "--checkpoint", keptFile);

        withoutCheckpoint.Exit.ShouldBe(1);
        withoutCheckpoint.Err.ShouldContain($"Row {fake.Sequence} was altered");
        withCheckpoint.Exit.ShouldBe(1);
    }

    [Fact]
    public async Task Verify_KeptCheckpointWithAForgedSignature_IsRefused()
    {
        await KeepCheckpointAsync();
        var text = await File.ReadAllTextAsync(keptFile);
        var statement = CheckpointStatement.Parse(text, out _)!;
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = statement with { Signature = CheckpointStatement.Sign(otherKey, statement.TreeSize, statement.RootHash, statement.IssuedAt, statement.KeyId) };
        await File.WriteAllTextAsync(keptFile, forged.ToJson());

        var result = await CliAsync("audit", "verify", "--checkpoint", keptFile);

        result.Exit.ShouldBe(1);
        result.Err.ShouldContain("does not carry a valid signature");
    }

    [Fact]
    public async Task Verify_CheckpointFileThatIsNotOne_ExitsOneNamingTheProblem()
    {
        await File.WriteAllTextAsync(keptFile, "{ not json");

        var result = await CliAsync("audit", "verify", "--checkpoint", keptFile);

        result.Exit.ShouldBe(1);
        result.Err.ShouldContain("cannot be used");
    }

    [Fact]
    public async Task ConsistencyProof_BetweenACheckpointAndTheCurrentLog_VerifiesWithRfc9162()
    {
        await KeepCheckpointAsync();
        var officer = await platform.SignInNewUserAsync("AUS");
        for (var i = 0; i < 5; i++)
        {
            (await officer.PostAsJsonAsync("/api/focal-points", new { personName = $"More {i}", role = "Delegate", scope = "AllMembers" })).EnsureSuccessStatusCode();
        }

        (await CliAsync("audit", "checkpoint")).Exit.ShouldBe(0);
        var checkpoints = await officer.GetFromJsonAsync<List<CheckpointStatement>>("/api/audit/checkpoints");
        var (newer, older) = (checkpoints![0], checkpoints[1]);
        var proof = await officer.GetFromJsonAsync<ConsistencyProofView>($"/api/audit/consistency?first={older.TreeSize}&second={newer.TreeSize}");

        MerkleTree.VerifyConsistency(older.TreeSize, newer.TreeSize, Convert.FromHexString(older.RootHash), Convert.FromHexString(newer.RootHash),
            proof!.Proof.Select(Convert.FromHexString).ToList()).ShouldBeTrue();
        MerkleTree.VerifyConsistency(older.TreeSize, newer.TreeSize, Convert.FromHexString(newer.RootHash), Convert.FromHexString(newer.RootHash),
            proof.Proof.Select(Convert.FromHexString).ToList()).ShouldBeFalse();
        (await officer.GetAsync($"/api/audit/consistency?first=5&second={newer.TreeSize + 1000}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await platform.Anonymous().GetAsync("/api/audit/checkpoints")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AuditReading_OversightOfOneMember_SeesNoEventsOfAnother()
    {
        var idnOfficer = await platform.SignInNewUserAsync("IDN");
        (await idnOfficer.PostAsJsonAsync("/api/focal-points", new { personName = "Indonesian secret", role = "Delegate", scope = "OwnMember" })).EnsureSuccessStatusCode();
        var thaOversight = await platform.SignInNewUserAsync("AUS", [Roles.Oversight]);
        var idnOversight = await platform.SignInNewUserAsync("IDN", [Roles.Oversight]);
        var rsoBody = await platform.SignInNewUserAsync("RSO", [Roles.PlatformOversight]);

        var thaApi = await thaOversight.GetFromJsonAsync<AuditPageView>("/api/audit?action=directory.focalpoint&take=500", ApiJson);
        var idnApi = await idnOversight.GetFromJsonAsync<AuditPageView>("/api/audit?action=directory.focalpoint&take=500", ApiJson);
        var rsoApi = await rsoBody.GetFromJsonAsync<AuditPageView>("/api/audit?action=directory.focalpoint&take=500", ApiJson);
        var thaPage = await thaOversight.GetStringAsync("/Audit?action=directory.focalpoint");

        thaApi!.Total.ShouldBe(0);
        thaApi.Rows.ShouldBeEmpty();
        thaPage.ShouldNotContain("directory.focalpoint.create");
        idnApi!.Total.ShouldBeGreaterThan(0);
        rsoApi!.Total.ShouldBe(idnApi.Total);
    }
}

public sealed class AuditTamperingSqliteTests : AuditTamperingTests<SqlitePlatform>;

public sealed class AuditTamperingPostgresTests : AuditTamperingTests<PostgresPlatform>;

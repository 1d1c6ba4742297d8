using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Audit;

public sealed record SealResult(int Sealed, int Refused, long Head);

/// <summary>
/// Chains committed unsealed rows: gives each, in the order it is found, the next position, the previous row's hash
/// and its keyed chain hash, and advances the head, in batches, one sealer at a time. Positions are assigned here, at
/// seal time, never by the writers, so the order is the order in which committed rows reached the sealer: a row
/// that commits late simply gets a later position, and no row can be skipped (docs/adr/0005-audit-sealer.md).
/// A row whose writer's MAC does not verify (invented or edited in the database before sealing) is never sealed;
/// the verifier reports it as tampering.
/// </summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, AuditChain chain, AuditKeys keys, ILogger<AuditSealer> logger)
{
    /// <summary>"BALISEA": held by the sealing transaction on PostgreSQL, so two sealers (a lease that expired under
    /// a slow holder, the CLI beside the web host) never seal at the same time. Writers never take it.</summary>
    private const long PostgresLockKey = 0x42_41_4C_49_53_45_41;

    internal const int BatchSize = 2048;

    /// <summary>In-process: one local sealing pass at a time (the hosted sealer, the checkpoint publisher, tests).</summary>
    private readonly SemaphoreSlim local = new(1, 1);

    /// <summary>Seals every row committed so far, batch by batch.</summary>
    public async Task<SealResult> SealAsync(CancellationToken cancellationToken)
    {
        await local.WaitAsync(cancellationToken);
        try
        {
            int total = 0, refused = 0;
            long head = 0;
            while (true)
            {
                var (found, batch) = await SealBatchAsync(refused, cancellationToken);
                total += batch.Sealed;
                refused = batch.Refused;
                head = batch.Head;
                if (found < BatchSize)
                {
                    return new(total, refused, head);
                }
            }
        }
        finally
        {
            local.Release();
        }
    }

    /// <param name="skip">Refused rows found by the earlier batches of this pass, which stay unsealed at the front.</param>
    private async Task<(int Found, SealResult Result)> SealBatchAsync(int skip, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var key = keys.HmacKey;
        return await chain.InWriteTransactionAsync(db, async () =>
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
            }

            // Read under the lock (READ COMMITTED: each statement sees every transaction committed before it), so the
            // head and the unsealed rows are what the previous sealer left.
            var head = await db.Set<AuditHead>().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
            if (head is null)
            {
                head = new AuditHead();
                db.Add(head);
            }

            var rows = await db.Set<AuditEntry>().Where(e => e.Sequence == null)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                .Skip(skip).Take(BatchSize)
                .ToListAsync(cancellationToken);
            var sequence = head.Sequence;
            var previous = head.Hash;
            var refused = skip;
            foreach (var row in rows)
            {
                if (!string.Equals(row.Hash, row.ComputeWriterMac(key), StringComparison.Ordinal))
                {
                    // Left as it is, so that the verifier names it; sealing it would make an invented row part of the chain.
                    refused++;
                    logger.LogWarning("Audit row {Id} ({Action}) does not carry a valid writer MAC: it was invented or altered in the database; not sealed.", row.Id, row.Action);
                    continue;
                }

                row.Sequence = ++sequence;
                row.PreviousHash = previous;
                row.Hash = row.ComputeHash(key);
                previous = row.Hash;
            }

            head.Sequence = sequence;
            head.Hash = previous;
            await db.SaveChangesAsync(cancellationToken);
            return (rows.Count, new SealResult(rows.Count - (refused - skip), refused, sequence));
        }, cancellationToken);
    }
}

/// <summary>
/// Seals shortly after each audited commit (woken by <see cref="AuditChain"/>) and at least every
/// <see cref="AuditOptions.SealInterval"/> (rows committed in a caller's own transaction, or on another node). On
/// PostgreSQL only the holder of the <c>audit-sealer</c> job lease seals; on SQLite (one node) this process does.
/// </summary>
public sealed class AuditSealerService(AuditSealer sealer, AuditChain chain, JobLeases leases, IOptions<AuditOptions> options,
    IServiceScopeFactory scopes, IHostEnvironment environment, ILogger<AuditSealerService> logger) : BackgroundService
{
    private const string Job = "audit-sealer";
    private readonly SemaphoreSlim wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!(options.Value.SealInBackground ?? !environment.IsEnvironment("Testing")))
        {
            return;
        }

        var interval = options.Value.SealInterval > TimeSpan.Zero ? options.Value.SealInterval : TimeSpan.FromSeconds(1);
        bool postgres;
        await using (var scope = scopes.CreateAsyncScope())
        {
            postgres = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.IsNpgsql();
        }

        chain.Committed += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!postgres || await leases.TryAcquireAsync(Job, interval * 10 + TimeSpan.FromSeconds(10), stoppingToken))
                    {
                        await sealer.SealAsync(stoppingToken);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // A database briefly away, or a migration not yet applied: the next round tries again.
                    logger.LogError(e, "Audit sealing failed; trying again in {Interval}.", interval);
                }

                try
                {
                    // A short pause first lets the writers of a burst commit, so that one pass seals them together.
                    await wake.WaitAsync(interval, stoppingToken);
                    await Task.Delay(TimeSpan.FromMilliseconds(20), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            chain.Committed -= Wake;
        }
    }

    private void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken by another writer.
            }
        }
    }
}

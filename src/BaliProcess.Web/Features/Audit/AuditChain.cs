using BaliProcess.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BaliProcess.Web.Features.Audit;

/// <summary>
/// Extends the hash chain with the audit rows of one <c>SaveChangesAsync</c>, inside the same transaction as the
/// change they record. One writer at a time: a process-wide gate, and on PostgreSQL a transaction-scoped advisory
/// lock for other processes (the CLI beside the web host). The unique sequence index is the last line of defence.
/// Each hash is an HMAC with the key from <see cref="AuditKeys"/>.
/// </summary>
/// <param name="keys">Null only for the design-time context of the migrations tools, which never saves.</param>
public sealed class AuditChain(AuditKeys? keys = null)
{
    private const long PostgresLockKey = 0x42_41_4C_49_41_55_44; // "BALIAUD"
    private readonly SemaphoreSlim gate = new(1, 1);

    internal async Task<int> AppendAsync(AppDbContext db, IReadOnlyList<AuditEntry> entries,
        Func<CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        var (ownTransaction, gateHeld) = await EnterAsync(db, cancellationToken);
        try
        {
            if (!gateHeld)
            {
                await gate.WaitAsync(cancellationToken);
            }

            try
            {
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
                }

                // The head is read afresh under the lock: a head still tracked from an earlier save of this context
                // that failed (a unique violation the caller retries) holds values that were never committed.
                foreach (var stale in db.ChangeTracker.Entries<AuditHead>().ToList())
                {
                    stale.State = EntityState.Detached;
                }

                var head = await db.Set<AuditHead>().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
                if (head is null)
                {
                    head = new AuditHead();
                    db.Add(head);
                }

                var key = (keys ?? throw new InvalidOperationException("The audit chain has no key: register AddAudit().")).HmacKey;
                var sequence = head.Sequence;
                var previous = head.Hash;
                foreach (var entry in entries.OrderBy(e => e.OccurredAt))
                {
                    entry.OccurredAt = AuditEntry.ToStoredPrecision(entry.OccurredAt);
                    entry.Sequence = ++sequence;
                    entry.PreviousHash = previous;
                    entry.Hash = entry.ComputeHash(key);
                    previous = entry.Hash;
                }

                head.Sequence = sequence;
                head.Hash = previous;
                var written = await save(cancellationToken);
                if (ownTransaction is not null)
                {
                    await ownTransaction.CommitAsync(cancellationToken);
                }

                return written;
            }
            finally
            {
                gate.Release();
            }
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Begins the chain's own transaction when the caller brought none. On SQLite a transaction holds the database's
    /// write lock from BEGIN IMMEDIATE, and Microsoft.Data.Sqlite waits for a busy lock by sleeping between attempts:
    /// concurrent writers that each began a transaction and then queued on the gate spent most of their time asleep
    /// (measured: 40 audited writes a second with 8 writers). So on SQLite the gate comes first and the BEGIN waits at
    /// most one second (the shortest timeout Microsoft.Data.Sqlite has; 0 would mean forever); when the database stays
    /// busy (a caller's own transaction, which may itself be queued on this gate, or a long write that records no audit
    /// row) the gate is released and the attempt repeated, so that two writers never wait for each other for long.
    /// On PostgreSQL BEGIN takes no lock, and the advisory lock orders the writers.
    /// </summary>
    private async Task<(IDbContextTransaction? Transaction, bool GateHeld)> EnterAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return (null, false);
        }

        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            return (await db.Database.BeginTransactionAsync(cancellationToken), false);
        }

        var patience = TimeSpan.FromSeconds(Math.Max(2, sqlite.DefaultTimeout));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var pause = 1;
        while (true)
        {
            await gate.WaitAsync(cancellationToken);
            var timeout = sqlite.DefaultTimeout;
            try
            {
                sqlite.DefaultTimeout = 1;
                return (await db.Database.BeginTransactionAsync(cancellationToken), true);
            }
            catch (SqliteException busy) when (busy.SqliteErrorCode is 5 or 6 && System.Diagnostics.Stopwatch.GetElapsedTime(started) < patience)
            {
                gate.Release();
            }
            catch
            {
                gate.Release();
                throw;
            }
            finally
            {
                sqlite.DefaultTimeout = timeout;
            }

            await Task.Delay(pause, cancellationToken);
            pause = Math.Min(pause * 2, 20);
        }
    }
}

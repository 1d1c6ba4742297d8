using BaliProcess.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BaliProcess.Web.Features.Audit;

/// <summary>
/// The writer's side of the audit log: stamps the audit rows of one <c>SaveChangesAsync</c> as unsealed (no position,
/// no previous hash, the writer's MAC in <see cref="AuditEntry.Hash"/>) and saves them with the change, in the same
/// transaction, taking no lock of the log: writers no longer wait for each other's commits. <see cref="AuditSealer"/>
/// chains the committed rows afterwards (docs/adr/0005-audit-sealer.md). On SQLite, which has one writer at a time
/// anyway, a process-wide gate queues this process's writers in front of the database's write lock instead of letting
/// them sleep in Microsoft.Data.Sqlite's busy retries (see <see cref="EnterAsync"/>); PostgreSQL writers take nothing.
/// </summary>
/// <param name="keys">Null only for the design-time context of the migrations tools, which never saves.</param>
public sealed class AuditChain(AuditKeys? keys = null)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Raised after a save that committed audit rows outside a caller's transaction: the sealer wakes up.</summary>
    internal event Action? Committed;

    internal async Task<int> AppendAsync(AppDbContext db, IReadOnlyList<AuditEntry> entries,
        Func<CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        var key = (keys ?? throw new InvalidOperationException("The audit chain has no key: register AddAudit().")).HmacKey;
        foreach (var entry in entries)
        {
            entry.OccurredAt = AuditEntry.ToStoredPrecision(entry.OccurredAt);
            entry.Sequence = null;
            entry.PreviousHash = "";
            entry.Hash = entry.ComputeWriterMac(key);
        }

        if (db.Database.CurrentTransaction is not null || !db.Database.IsSqlite())
        {
            var saved = await save(cancellationToken);
            if (db.Database.CurrentTransaction is null)
            {
                Committed?.Invoke();
            }

            return saved;
        }

        var written = await InWriteTransactionAsync(db, async () => await save(cancellationToken), cancellationToken);
        Committed?.Invoke();
        return written;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of its own and commits it; on SQLite behind the gate (see
    /// <see cref="EnterAsync"/>), so that the sealer queues with this process's writers instead of sleeping on a busy database.
    /// </summary>
    internal async Task<T> InWriteTransactionAsync<T>(AppDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var (transaction, gateHeld) = await EnterAsync(db, cancellationToken);
        try
        {
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            await transaction.DisposeAsync();
            if (gateHeld)
            {
                gate.Release();
            }
        }
    }

    /// <summary>
    /// Begins a write transaction. On SQLite a transaction holds the database's
    /// write lock from BEGIN IMMEDIATE, and Microsoft.Data.Sqlite waits for a busy lock by sleeping between attempts:
    /// concurrent writers that each began a transaction and then queued on the gate spent most of their time asleep
    /// (measured: 40 audited writes a second with 8 writers). So on SQLite the gate comes first and the BEGIN waits at
    /// most one second (the shortest timeout Microsoft.Data.Sqlite has; 0 would mean forever); when the database stays
    /// busy (a caller's own transaction, which may itself be queued on this gate, or a long write that records no audit
    /// row) the gate is released and the attempt repeated, so that two writers never wait for each other for long.
    /// On PostgreSQL BEGIN takes no lock.
    /// </summary>
    private async Task<(IDbContextTransaction Transaction, bool GateHeld)> EnterAsync(AppDbContext db, CancellationToken cancellationToken)
    {
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

using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

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
        // The transaction first, then the gate, as for a caller that brought its own transaction: on SQLite a
        // transaction holds the database's write lock, and taking the two in the other order deadlocks two writers.
        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await gate.WaitAsync(cancellationToken);
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
}

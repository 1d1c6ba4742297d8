using System.Globalization;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Infrastructure.Search;

/// <summary>A place in the search change log: every entry ordered after (transaction, id) is still to be applied.</summary>
public readonly record struct LogPosition(long TransactionId, long Id) : IComparable<LogPosition>
{
    public const string TransactionKey = "bp.search-log.transaction";
    public const string IdKey = "bp.search-log.id";

    public IReadOnlyDictionary<string, string> ToCommitData() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TransactionKey] = TransactionId.ToString(CultureInfo.InvariantCulture),
        [IdKey] = Id.ToString(CultureInfo.InvariantCulture),
    };

    public int CompareTo(LogPosition other) =>
        TransactionId != other.TransactionId ? TransactionId.CompareTo(other.TransactionId) : Id.CompareTo(other.Id);

    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;

    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;

    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;
}

/// <summary>
/// Reads the change log in a total order that never changes behind a reader: (transaction id, id), and on PostgreSQL
/// only below the snapshot's xmin. Every transaction with a lower id has ended (committed or rolled back), so no row
/// can still appear below that horizon, however late its transaction commits. A reader at position p therefore never
/// skips a row, which "id &gt; last id" alone would do when a transaction that took a lower identity commits later.
/// </summary>
public static class SearchLog
{
    /// <summary>Column default on PostgreSQL: the inserting transaction's id (xid8 with epoch, fits a bigint).</summary>
    public const string PostgresTransactionIdSql = "(pg_current_xact_id()::text::bigint)";

    /// <summary>The provider-specific part of the model: called from <see cref="AppDbContext"/>'s model building.</summary>
    public static void ConfigureModel(ModelBuilder builder, bool postgres)
    {
        if (postgres)
        {
            builder.Entity<SearchOutboxEntry>().Property(e => e.TransactionId).HasDefaultValueSql(PostgresTransactionIdSql).ValueGeneratedOnAdd();
        }
    }

    /// <summary>Transactions below this id have all ended; on SQLite there is no horizon.</summary>
    public static async Task<long> HorizonAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<long>("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS \"Value\"").SingleAsync(cancellationToken)
            : long.MaxValue;

    public static Task<List<SearchOutboxEntry>> ReadAfterAsync(AppDbContext db, LogPosition position, long horizon, int take, CancellationToken cancellationToken) =>
        db.Set<SearchOutboxEntry>().AsNoTracking()
            .Where(e => e.TransactionId < horizon
                && (e.TransactionId > position.TransactionId || (e.TransactionId == position.TransactionId && e.Id > position.Id)))
            .OrderBy(e => e.TransactionId).ThenBy(e => e.Id)
            .Take(take)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Where a rebuild that reads the records after this call continues in the log: every entry before it belongs to a
    /// transaction that has ended, so the records read afterwards already reflect it.
    /// </summary>
    public static async Task<LogPosition> RebuildStartAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return new LogPosition(await HorizonAsync(db, cancellationToken) - 1, long.MaxValue);
        }

        var last = await db.Set<SearchOutboxEntry>().MaxAsync(e => (long?)e.Id, cancellationToken);
        return new LogPosition(0, last ?? 0);
    }

    /// <summary>The last entry committed so far, in log order, or null for an empty log.</summary>
    public static async Task<LogPosition?> LastAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.Set<SearchOutboxEntry>().AsNoTracking().OrderByDescending(e => e.TransactionId).ThenByDescending(e => e.Id)
            .Select(e => new { e.TransactionId, e.Id }).FirstOrDefaultAsync(cancellationToken);
        return last is null ? null : new LogPosition(last.TransactionId, last.Id);
    }

    public static LogPosition? Read(BaliProcess.Search.SearchIndex index) =>
        long.TryParse(index.CommitValue(LogPosition.TransactionKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var transaction)
        && long.TryParse(index.CommitValue(LogPosition.IdKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? new LogPosition(transaction, id)
            : null;
}

using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Search;

/// <summary>
/// One entry of the search change log: a record whose search entry must be refreshed. Written in the same transaction
/// as the change and never deleted by the node that applies it: every node reads the log by position into its own
/// index, and only <see cref="SearchIndexer.PruneIfDueAsync"/> removes entries every live node has applied.
/// </summary>
public sealed class SearchOutboxEntry
{
    public long Id { get; set; }

    /// <summary>
    /// On PostgreSQL the id of the inserting transaction (<c>pg_current_xact_id()</c>, as bigint), set by the database.
    /// Identity values are taken at insert, not at commit, so ids alone do not say in which order rows became visible;
    /// readers only take rows whose transaction is older than every running one (see <see cref="SearchLog"/>).
    /// Always 0 on SQLite, where one writer at a time makes id order the commit order.
    /// </summary>
    public long TransactionId { get; set; }

    /// <summary>The <see cref="ISearchSource.Name"/> that knows how to load the record.</summary>
    public string Source { get; set; } = "";

    public Guid RecordId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A node of the platform with its own index, and the log position it has applied; the pruner keeps what live nodes need.</summary>
public sealed class SearchNode
{
    public string NodeId { get; set; } = "";

    public long AppliedTransactionId { get; set; }

    public long AppliedId { get; set; }

    public DateTime HeartbeatAt { get; set; }
}

public static class SearchOutbox
{
    /// <summary>Queues a record for (re)indexing; a record that no longer exists or is no longer indexable is removed from the index.</summary>
    public static void Enqueue(AppDbContext db, string source, Guid recordId, DateTime now) =>
        db.Add(new SearchOutboxEntry { Source = source, RecordId = recordId, CreatedAt = now });
}

internal sealed class SearchOutboxConfiguration : IEntityTypeConfiguration<SearchOutboxEntry>
{
    public void Configure(EntityTypeBuilder<SearchOutboxEntry> builder)
    {
        builder.ToTable("search_outbox");
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Source).HasMaxLength(50);
        builder.HasIndex(e => new { e.TransactionId, e.Id });
    }
}

internal sealed class SearchNodeConfiguration : IEntityTypeConfiguration<SearchNode>
{
    public void Configure(EntityTypeBuilder<SearchNode> builder)
    {
        builder.ToTable("search_nodes");
        builder.HasKey(n => n.NodeId);
        builder.Property(n => n.NodeId).HasMaxLength(100);
    }
}

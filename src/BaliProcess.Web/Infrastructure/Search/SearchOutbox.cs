using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Search;

/// <summary>
/// A record whose search entry must be refreshed. Written in the same transaction as the change, so the index
/// beside the database can never miss one: the indexer applies rows to the index, commits the index, then deletes them.
/// </summary>
public sealed class SearchOutboxEntry
{
    public long Id { get; set; }

    /// <summary>The <see cref="ISearchSource.Name"/> that knows how to load the record.</summary>
    public string Source { get; set; } = "";

    public Guid RecordId { get; set; }

    public DateTime CreatedAt { get; set; }
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
    }
}

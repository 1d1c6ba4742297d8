using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Library;

/// <summary>A document a meeting was recognised in. A meeting reported by several documents has several rows.</summary>
public sealed class MeetingSource
{
    public Guid MeetingId { get; set; }

    public Guid DocumentId { get; set; }

    public DateTime AddedAt { get; set; }
}

public enum ReviewItemKind
{
    /// <summary>A document merged into the meeting gives another value for a field; the meeting's value was kept.</summary>
    Disagreement,

    /// <summary>The recognizer asks a person to check a field (contradictory dates, a date taken from elsewhere...).</summary>
    Flag,
}

public enum ReviewResolution
{
    /// <summary>The meeting's value stands (or the flag was checked and needs no change).</summary>
    Kept,

    /// <summary>The document's value replaced the meeting's, as a correction with its history.</summary>
    Taken,
}

/// <summary>
/// A point of a meeting a person should check: a field a second source disagrees on (both values kept), or a flag the
/// recognizer raised. It is shown only to readers of <see cref="DocumentId"/> (the value came from it) who may correct
/// the meeting, and resolved once by such a person.
/// </summary>
public sealed class MeetingReviewItem
{
    public const int MaxValueLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MeetingId { get; set; }

    /// <summary>The document that raised the point.</summary>
    public Guid DocumentId { get; set; }

    public ReviewItemKind Kind { get; set; }

    /// <summary>"title", "dates", "place", "format", "ordinal", "co-chairs", "attendees", "body", "kind".</summary>
    public string Field { get; set; } = "";

    /// <summary>The recognizer's stable reason ("contradictory-dates") or "disagreement".</summary>
    public string Code { get; set; } = "";

    /// <summary>The meeting's value when the point was raised.</summary>
    public string? CurrentValue { get; set; }

    /// <summary>The document's value (a disagreement), or the recognizer's English sentence (a flag).</summary>
    public string? ProposedValue { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public Guid? ResolvedByUserId { get; set; }

    public ReviewResolution? Resolution { get; set; }
}

internal sealed class MeetingReviewConfiguration : IEntityTypeConfiguration<MeetingSource>, IEntityTypeConfiguration<MeetingReviewItem>
{
    public void Configure(EntityTypeBuilder<MeetingSource> builder)
    {
        builder.ToTable("meeting_sources");
        builder.HasKey(s => new { s.MeetingId, s.DocumentId });
        builder.HasIndex(s => s.DocumentId);
        // A source that is deleted leaves the meeting; the meeting stays, known from its other sources or from none.
        builder.HasOne<LibraryDocument>().WithMany().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MeetingReviewItem> builder)
    {
        builder.ToTable("meeting_review_items");
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Resolution).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Field).HasMaxLength(30);
        builder.Property(r => r.Code).HasMaxLength(60);
        builder.Property(r => r.CurrentValue).HasMaxLength(MeetingReviewItem.MaxValueLength);
        builder.Property(r => r.ProposedValue).HasMaxLength(MeetingReviewItem.MaxValueLength);
        builder.HasIndex(r => new { r.MeetingId, r.ResolvedAt });
        builder.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LibraryDocument>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

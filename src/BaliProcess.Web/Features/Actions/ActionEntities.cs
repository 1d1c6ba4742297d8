using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Actions;

/// <summary>A heading of a strategy ("Border management"). Themes are data, so a later strategy's priorities can be added.</summary>
public sealed class ActionTheme
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public int Number { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The strategy or framework the theme belongs to ("Bali Process Strategy 2017").</summary>
    public string Strategy { get; set; } = "";
}

public enum ActionStatus
{
    NotStarted,
    UnderWay,
    Ongoing,
    Completed,
    Dormant,
    Discontinued,
}

/// <summary>A numbered recommendation being implemented ("1.1"), with who leads it and its dated status history.</summary>
public sealed class TrackedAction : IScopedRecord
{
    public static string ReadScope => ApiScopes.ActionsRead;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OwnerMemberId { get; set; }

    public string? OwnerAgency { get; set; }

    public DistributionScope Scope { get; set; } = DistributionScope.Public;

    public Guid? SharingGroupId { get; set; }

    public bool IsDraft { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawnReason { get; set; }

    public Guid ThemeId { get; set; }

    /// <summary>Number within its theme, as written: "1.1", "6.5".</summary>
    public string Number { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>The meeting outcome the action comes from, when known.</summary>
    public Guid? OriginOutcomeId { get; set; }

    /// <summary>The document (declaration, strategy, report) the action comes from, when known.</summary>
    public Guid? OriginDocumentId { get; set; }

    /// <summary>The "Who" column as written, kept beside the resolved parties.</summary>
    public string WhoText { get; set; } = "";

    public ActionStatus Status { get; set; }

    public DateOnly? DueDate { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the last status update was recorded (drives "not updated since").</summary>
    public DateTime? LastUpdatedAt { get; set; }

    public List<ActionParty> Parties { get; set; } = [];

    public List<StatusUpdate> Updates { get; set; } = [];

    public List<Indicator> Indicators { get; set; } = [];
}

public enum PartyRole
{
    Lead,
    Funder,
}

/// <summary>A lead or funder: a member, a body, or a named group that is neither ("AHG members").</summary>
public sealed class ActionParty
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ActionId { get; set; }

    public PartyRole Role { get; set; }

    public Guid? MemberId { get; set; }

    public Guid? BodyId { get; set; }

    public string Label { get; set; } = "";

    public int Position { get; set; }
}

/// <summary>A dated narrative with the status it sets. Updates are never edited or deleted: the history is the record.</summary>
public sealed class StatusUpdate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ActionId { get; set; }

    /// <summary>The date the narrative speaks for.</summary>
    public DateOnly AsOf { get; set; }

    public ActionStatus Status { get; set; }

    public string Narrative { get; set; } = "";

    public Guid? AuthorUserId { get; set; }

    public string AuthorName { get; set; } = "";

    public Guid? AuthorMemberId { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>Set when the update came from an imported report.</summary>
    public Guid? SourceDocumentId { get; set; }
}

/// <summary>A quantity an action reports (participants trained, persons convicted), with a unit, a target and dated values.</summary>
public sealed class Indicator
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ActionId { get; set; }

    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public double? Target { get; set; }

    public List<IndicatorValue> Values { get; set; } = [];
}

public sealed class IndicatorValue
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid IndicatorId { get; set; }

    public DateOnly AsOf { get; set; }

    public double Value { get; set; }

    /// <summary>The words the value was taken from, or the official's note.</summary>
    public string? Note { get; set; }

    public Guid? SourceUpdateId { get; set; }
}

internal sealed class ActionsConfiguration :
    IEntityTypeConfiguration<ActionTheme>, IEntityTypeConfiguration<TrackedAction>, IEntityTypeConfiguration<ActionParty>,
    IEntityTypeConfiguration<StatusUpdate>, IEntityTypeConfiguration<Indicator>, IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<ActionTheme> builder)
    {
        builder.ToTable("action_themes");
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.Strategy).HasMaxLength(200);
        builder.HasIndex(t => new { t.Strategy, t.Number }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<TrackedAction> builder)
    {
        builder.ToTable("actions");
        AccessRule.ConfigureScope(builder);
        builder.Property(a => a.Number).HasMaxLength(20);
        builder.Property(a => a.Text).HasColumnType("text");
        builder.Property(a => a.WhoText).HasMaxLength(500);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.ThemeId, a.Number }).IsUnique();
        builder.HasIndex(a => a.Status);
        builder.HasOne<ActionTheme>().WithMany().HasForeignKey(a => a.ThemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MeetingOutcome>().WithMany().HasForeignKey(a => a.OriginOutcomeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<LibraryDocument>().WithMany().HasForeignKey(a => a.OriginDocumentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(a => a.Parties).WithOne().HasForeignKey(p => p.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Indicators).WithOne().HasForeignKey(i => i.ActionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ActionParty> builder)
    {
        builder.ToTable("action_parties");
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Label).HasMaxLength(200);
        builder.HasIndex(p => p.MemberId);
        builder.HasIndex(p => p.BodyId);
        builder.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Body>().WithMany().HasForeignKey(p => p.BodyId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<StatusUpdate> builder)
    {
        builder.ToTable("action_status_updates");
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Narrative).HasColumnType("text");
        builder.Property(u => u.AuthorName).HasMaxLength(256);
        builder.HasIndex(u => new { u.ActionId, u.AsOf });
        builder.HasIndex(u => u.RecordedAt);
        builder.HasOne<LibraryDocument>().WithMany().HasForeignKey(u => u.SourceDocumentId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.ToTable("action_indicators");
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Unit).HasMaxLength(100);
        builder.HasMany(i => i.Values).WithOne().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.ToTable("action_indicator_values");
        builder.Property(v => v.Note).HasMaxLength(1000);
        builder.HasIndex(v => new { v.IndicatorId, v.AsOf });
    }
}

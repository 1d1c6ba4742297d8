using BaliProcess.Documents;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Library;

/// <summary>A document of the process: a statement, report, guide… Its original file is kept in <see cref="DocumentFile"/>.</summary>
public sealed class LibraryDocument : IScopedRecord
{
    public static string ReadScope => ApiScopes.LibraryRead;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OwnerMemberId { get; set; }

    public string? OwnerAgency { get; set; }

    public DistributionScope Scope { get; set; } = DistributionScope.Public;

    public Guid? SharingGroupId { get; set; }

    public bool IsDraft { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawnReason { get; set; }

    public DocumentKind Kind { get; set; }

    public string Title { get; set; } = "";

    public DateOnly? Date { get; set; }

    /// <summary>BCP-47 language of this text ("en", "th", "km").</summary>
    public string Language { get; set; } = "en";

    /// <summary>Set on a translation: the document it translates. Translations of one guide share that original.</summary>
    public Guid? TranslationOfId { get; set; }

    public string OriginalFileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long SizeBytes { get; set; }

    /// <summary>SHA-256 of the original file: importing the same file again changes nothing.</summary>
    public string ContentHash { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTime ImportedAt { get; set; }

    public Guid? ImportedByUserId { get; set; }
}

/// <summary>The bytes of a document's original file, apart from the record so that lists never load them.</summary>
public sealed class DocumentFile
{
    public Guid DocumentId { get; set; }

    public byte[] Content { get; set; } = [];
}

public enum MeetingFormatKind
{
    InPerson,
    Virtual,
    Hybrid,
}

public enum ParticipantRole
{
    CoChair,
    Attendee,
    Observer,

    /// <summary>Sent its apologies: named by the document, not present.</summary>
    Apology,
}

/// <summary>A meeting of a body. Its visibility follows its own scope (public for meetings known from public statements).</summary>
public sealed class Meeting : IScopedRecord
{
    public static string ReadScope => ApiScopes.LibraryRead;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OwnerMemberId { get; set; }

    public string? OwnerAgency { get; set; }

    public DistributionScope Scope { get; set; } = DistributionScope.Public;

    public Guid? SharingGroupId { get; set; }

    public bool IsDraft { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawnReason { get; set; }

    public Guid? BodyId { get; set; }

    public int? Ordinal { get; set; }

    public string Title { get; set; } = "";

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    public string? Place { get; set; }

    public MeetingFormatKind? Format { get; set; }

    /// <summary>
    /// The documents the meeting was recognised in (a statement and a news article of the same meeting are one
    /// meeting with two sources). The meeting is never visible more widely than the widest of them (<see cref="MeetingScopes"/>).
    /// </summary>
    public List<MeetingSource> Sources { get; set; } = [];

    public List<MeetingParticipant> Participants { get; set; } = [];

    public List<AgendaItem> AgendaItems { get; set; } = [];

    public List<MeetingOutcome> Outcomes { get; set; } = [];
}

/// <summary>
/// One participant of a meeting: a Directory member, or, while no one has linked it, a name as the document wrote it
/// (<see cref="MemberId"/> null, <see cref="Name"/> set). An administrator links such a name once
/// (<see cref="MeetingReview"/>) and the name becomes a variant of that member for every later import.
/// </summary>
public sealed class MeetingParticipant
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MeetingId { get; set; }

    public Guid? MemberId { get; set; }

    /// <summary>The name as written, kept for an unlinked participant (and after linking, as the name the document used).</summary>
    public string? Name { get; set; }

    public ParticipantRole Role { get; set; }
}

public sealed class AgendaItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MeetingId { get; set; }

    public int Number { get; set; }

    public string Title { get; set; } = "";
}

/// <summary>One thing a meeting agreed, noted, welcomed or recommended: its own record, so that actions can cite it.</summary>
public sealed class MeetingOutcome
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MeetingId { get; set; }

    public int Sequence { get; set; }

    public OutcomeVerb Verb { get; set; }

    public string Text { get; set; } = "";
}

/// <summary>A dated event of the process's history (a workshop, a conference, a side event).</summary>
public sealed class Activity : IScopedRecord
{
    public static string ReadScope => ApiScopes.LibraryRead;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OwnerMemberId { get; set; }

    public string? OwnerAgency { get; set; }

    public DistributionScope Scope { get; set; } = DistributionScope.Public;

    public Guid? SharingGroupId { get; set; }

    public bool IsDraft { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawnReason { get; set; }

    public int Year { get; set; }

    public int Month { get; set; }

    public int? Day { get; set; }

    public string Title { get; set; } = "";

    public string? Place { get; set; }

    public Guid? CoordinatorMemberId { get; set; }

    public Guid? BodyId { get; set; }

    public ActivityKind Kind { get; set; }

    public string? Produced { get; set; }

    public Guid? SourceDocumentId { get; set; }
}

/// <summary>
/// One action row of an imported progress report's table, kept with its document when no module takes the report's
/// actions (see <see cref="IProgressReportImportHandler"/>). It has no scope of its own: it is read with its document.
/// </summary>
public sealed class ProgressReportRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    /// <summary>Position in the report's table, from 1.</summary>
    public int Sequence { get; set; }

    public int ThemeNumber { get; set; }

    public string ThemeTitle { get; set; } = "";

    /// <summary>The action's number as the report writes it ("1.2").</summary>
    public string ActionNumber { get; set; } = "";

    public string ActionText { get; set; } = "";

    /// <summary>The "Who" cell as written.</summary>
    public string Who { get; set; } = "";

    /// <summary>Member and body codes where a lead resolves, the cleaned text otherwise.</summary>
    public List<string> Leads { get; set; } = [];

    public List<string> Funders { get; set; } = [];

    /// <summary>The progress paragraphs under the action; the counted results are read from them again when needed.</summary>
    public List<string> Details { get; set; } = [];
}

internal sealed class LibraryConfiguration :
    IEntityTypeConfiguration<LibraryDocument>, IEntityTypeConfiguration<DocumentFile>, IEntityTypeConfiguration<Meeting>,
    IEntityTypeConfiguration<MeetingParticipant>, IEntityTypeConfiguration<AgendaItem>, IEntityTypeConfiguration<MeetingOutcome>,
    IEntityTypeConfiguration<Activity>, IEntityTypeConfiguration<ProgressReportRow>
{
    public void Configure(EntityTypeBuilder<LibraryDocument> builder)
    {
        builder.ToTable("documents");
        AccessRule.ConfigureScope(builder);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.Title).HasMaxLength(500);
        builder.Property(d => d.Language).HasMaxLength(20);
        builder.Property(d => d.OriginalFileName).HasMaxLength(260);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        // One copy of a file per member: another member may hold the same bytes privately without either knowing.
        builder.HasIndex(d => new { d.OwnerMemberId, d.ContentHash }).IsUnique();
        builder.HasIndex(d => d.ContentHash);
        builder.Property(d => d.Text).HasColumnType("text");
        builder.HasIndex(d => d.TranslationOfId);
        builder.HasOne<LibraryDocument>().WithMany().HasForeignKey(d => d.TranslationOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.OwnerMemberId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<DocumentFile> builder)
    {
        builder.ToTable("document_files");
        builder.HasKey(f => f.DocumentId);
        builder.HasOne<LibraryDocument>().WithOne().HasForeignKey<DocumentFile>(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("meetings");
        AccessRule.ConfigureScope(builder);
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.Property(m => m.Place).HasMaxLength(200);
        builder.Property(m => m.Format).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => m.StartDate);
        builder.HasOne<Body>().WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Sources).WithOne().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Participants).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.AgendaItems).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Outcomes).WithOne().HasForeignKey(o => o.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MeetingParticipant> builder)
    {
        builder.ToTable("meeting_participants");
        builder.HasKey(p => p.Id);
        // One row per member and meeting; unlinked rows (no member) are told apart by their names.
        builder.HasIndex(p => new { p.MeetingId, p.MemberId }).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(MeetingParticipant.MaxNameLength);
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.ToTable("agenda_items");
        builder.Property(a => a.Title).HasMaxLength(500);
    }

    public void Configure(EntityTypeBuilder<MeetingOutcome> builder)
    {
        builder.ToTable("meeting_outcomes");
        builder.Property(o => o.Verb).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Text).HasColumnType("text");
        builder.HasIndex(o => new { o.MeetingId, o.Sequence }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities");
        AccessRule.ConfigureScope(builder);
        builder.Property(a => a.Title).HasMaxLength(500);
        builder.Property(a => a.Place).HasMaxLength(200);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Produced).HasColumnType("text");
        builder.HasIndex(a => new { a.Year, a.Month });
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.CoordinatorMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Body>().WithMany().HasForeignKey(a => a.BodyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LibraryDocument>().WithMany().HasForeignKey(a => a.SourceDocumentId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<ProgressReportRow> builder)
    {
        builder.ToTable("progress_report_rows");
        builder.Property(r => r.ThemeTitle).HasMaxLength(500);
        builder.Property(r => r.ActionNumber).HasMaxLength(20);
        builder.Property(r => r.ActionText).HasColumnType("text");
        builder.Property(r => r.Who).HasColumnType("text");
        builder.PrimitiveCollection(r => r.Leads);
        builder.PrimitiveCollection(r => r.Funders);
        builder.PrimitiveCollection(r => r.Details);
        builder.HasIndex(r => new { r.DocumentId, r.Sequence }).IsUnique();
        builder.HasOne<LibraryDocument>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

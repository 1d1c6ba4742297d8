using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Training;

/// <summary>The managed lists a course is described with.</summary>
public enum TermList
{
    Theme,
    Audience,
}

/// <summary>
/// One entry of a managed, translatable list (a theme or an audience). Courses store the stable code; the names are
/// kept here in every shipped language so an administrator can rename or add an entry without a release.
/// </summary>
public sealed class TrainingTerm
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public TermList List { get; set; }

    /// <summary>Stable, lower-case, hyphenated ("people-smuggling"); what the API and filters take.</summary>
    public string Code { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string NameId { get; set; } = "";

    public int SortOrder { get; set; }

    /// <summary>The name in the reader's language, English when no translation is kept.</summary>
    public string Name(string language) => language == "id" && NameId.Length > 0 ? NameId : NameEn;
}

public enum CourseLevel
{
    Introductory,
    Intermediate,
    Advanced,
    TrainingOfTrainers,
}

public enum Delivery
{
    InPerson,
    Online,
    Blended,
}

public enum SessionStatus
{
    Planned,
    Open,
    Full,
    Held,
    Cancelled,
}

/// <summary>
/// A course of the regional catalogue. Its provider is its owner member (a member, an organisation, the RSO or a
/// training institution), so "only a provider's own editors change its listings" is the platform's one rule
/// (<see cref="Ownership.MayCorrect"/>) and who reads it is the access rule.
/// </summary>
public sealed class Course : IScopedRecord
{
    public static string ReadScope => ApiScopes.TrainingRead;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public List<string> Themes { get; set; } = [];

    public List<string> Audiences { get; set; } = [];

    public CourseLevel Level { get; set; }

    public Delivery Delivery { get; set; }

    /// <summary>ISO 639-1 codes (lower case), validated against the runtime's culture data.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Free text ("5 days", "12 hours online"): providers describe duration in different units.</summary>
    public string? Duration { get; set; }

    public string? CostAndFunding { get; set; }

    public string? Eligibility { get; set; }

    public string? Prerequisites { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    /// <summary>Library documents the course teaches (a policy guide, a quick reference guide).</summary>
    public List<Guid> DocumentIds { get; set; } = [];

    /// <summary>Set on sample data drawn from the seed documents: which document and entry the facts come from.</summary>
    public string? ImportedFrom { get; set; }

    /// <summary>Stable key of a sample record, so the first-start import never adds it twice.</summary>
    public string? SeedKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid OwnerMemberId { get; set; }

    public string? OwnerAgency { get; set; }

    public DistributionScope Scope { get; set; }

    public Guid? SharingGroupId { get; set; }

    public bool IsDraft { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawnReason { get; set; }
}

/// <summary>A session of a course. It has no scope of its own: it is visible exactly when its course is.</summary>
public sealed class CourseSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CourseId { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    /// <summary>The documents give some sessions by month only ("November 2016"); shown as the month, not as invented days.</summary>
    public bool MonthOnly { get; set; }

    /// <summary>City and country, or null for an online session.</summary>
    public string? Place { get; set; }

    public bool Online { get; set; }

    public string Language { get; set; } = "en";

    public int? Capacity { get; set; }

    public DateOnly? NominationDeadline { get; set; }

    public SessionStatus Status { get; set; }

    public string? ImportedFrom { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class TrainingConfiguration :
    IEntityTypeConfiguration<TrainingTerm>, IEntityTypeConfiguration<Course>, IEntityTypeConfiguration<CourseSession>
{
    public void Configure(EntityTypeBuilder<TrainingTerm> builder)
    {
        builder.ToTable("training_terms");
        builder.Property(t => t.List).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Code).HasMaxLength(60);
        builder.Property(t => t.NameEn).HasMaxLength(200);
        builder.Property(t => t.NameId).HasMaxLength(200);
        builder.HasIndex(t => new { t.List, t.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("training_courses");
        AccessRule.ConfigureScope(builder);
        builder.Property(c => c.Title).HasMaxLength(TrainingLimits.Title);
        builder.Property(c => c.Summary).HasMaxLength(TrainingLimits.Summary);
        builder.PrimitiveCollection(c => c.Themes);
        builder.PrimitiveCollection(c => c.Audiences);
        builder.PrimitiveCollection(c => c.Languages);
        builder.PrimitiveCollection(c => c.DocumentIds);
        builder.Property(c => c.Level).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Duration).HasMaxLength(TrainingLimits.ShortText);
        builder.Property(c => c.CostAndFunding).HasMaxLength(TrainingLimits.LongText);
        builder.Property(c => c.Eligibility).HasMaxLength(TrainingLimits.LongText);
        builder.Property(c => c.Prerequisites).HasMaxLength(TrainingLimits.LongText);
        builder.Property(c => c.ContactName).HasMaxLength(TrainingLimits.ShortText);
        builder.Property(c => c.ContactEmail).HasMaxLength(254);
        builder.Property(c => c.ImportedFrom).HasMaxLength(TrainingLimits.ShortText);
        builder.Property(c => c.SeedKey).HasMaxLength(60);
        builder.HasIndex(c => c.SeedKey).IsUnique();
        builder.HasIndex(c => c.Title);
    }

    public void Configure(EntityTypeBuilder<CourseSession> builder)
    {
        builder.ToTable("training_sessions");
        builder.HasOne<Course>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Place).HasMaxLength(TrainingLimits.ShortText);
        builder.Property(s => s.Language).HasMaxLength(12);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ImportedFrom).HasMaxLength(TrainingLimits.ShortText);
        builder.HasIndex(s => new { s.CourseId, s.StartDate });
        builder.HasIndex(s => s.StartDate);
    }
}

public static class TrainingLimits
{
    public const int Title = 300;
    public const int Summary = 4000;
    public const int ShortText = 200;
    public const int LongText = 1000;
    public const int MaxPageSize = 100;
}

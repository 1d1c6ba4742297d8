using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Directory;

public enum MemberKind
{
    MemberState,
    MemberOrganisation,
    ObserverState,
    ObserverOrganisation,

    /// <summary>The Regional Support Office: platform administrators belong to it.</summary>
    SupportOffice,

    /// <summary>
    /// A training institution that is not a member (JCLEC, CIFAL Jeju, UNITAR): it lists courses in the Training
    /// catalogue and may have accounts of its own; <see cref="Member.Country"/> and the member or body it belongs to say where it sits.
    /// </summary>
    TrainingInstitution,
}

/// <summary>A participant of the Bali Process: a member or observer state, an organisation, or the RSO.</summary>
public sealed class Member
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>ISO 3166-1 alpha-3 for states and territories; the usual acronym for organisations ("IOM").</summary>
    public string Code { get; set; } = "";

    public MemberKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Other names found in documents ("Vietnam" for "Viet Nam", "UAE").</summary>
    public List<string> Variants { get; set; } = [];

    /// <summary>
    /// Names it had before ("East Timor", "UNTAET" for Timor-Leste): documents of their time still use them, so the
    /// importer matches them like variants, and the Directory shows them as former names.
    /// </summary>
    public List<string> FormerNames { get; set; } = [];

    public int? MemberSince { get; set; }

    /// <summary>
    /// A participant of the process's history that no longer takes part (its meetings still name it); shown apart from
    /// today's members and observers.
    /// </summary>
    public bool IsHistorical { get; set; }

    /// <summary>The last year a historical participant took part, when known.</summary>
    public int? ParticipatedUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>ISO 3166-1 alpha-3 of the country a training institution is based in (a state's own code is its country).</summary>
    public string? Country { get; set; }

    /// <summary>The member a training institution belongs to or is hosted by (JCLEC: Indonesia).</summary>
    public Guid? BelongsToMemberId { get; set; }

    /// <summary>The body a training institution works with, when it belongs to no member.</summary>
    public Guid? BelongsToBodyId { get; set; }

    /// <summary>A public contact address for enquiries (training institutions).</summary>
    public string? ContactEmail { get; set; }

    public string? Website { get; set; }

    public bool IsState => Kind is MemberKind.MemberState or MemberKind.ObserverState;

    public bool IsObserver => Kind is MemberKind.ObserverState or MemberKind.ObserverOrganisation;
}

public enum BodyKind
{
    Ministerial,
    Governance,
    WorkingGroup,
    ExpertGroup,
    TaskForce,
    Forum,
    Office,
    Network,
}

public enum BodyStatus
{
    Active,
    Dormant,
    Historical,
}

public sealed class Body
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Variants { get; set; } = [];

    public BodyKind Kind { get; set; }

    public BodyStatus Status { get; set; }

    public int? Established { get; set; }

    public string? Description { get; set; }

    public List<BodyMembership> Memberships { get; set; } = [];
}

public enum BodyRole
{
    Chair,
    Member,
}

public sealed class BodyMembership
{
    public Guid BodyId { get; set; }

    public Guid MemberId { get; set; }

    public BodyRole Role { get; set; }

    /// <summary>When the member joined the body (or took the chair), when known.</summary>
    public DateOnly? Since { get; set; }

    /// <summary>When the membership ended; null while it lasts.</summary>
    public DateOnly? Until { get; set; }

    public Member? Member { get; set; }
}

/// <summary>
/// A person's role for a member in a body. Contact details are restricted: the owner member chooses the scope
/// (its own officials, all members, or public).
/// </summary>
public sealed class FocalPoint : IScopedRecord
{
    public static string ReadScope => ApiScopes.DirectoryRead;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OwnerMemberId { get; set; }

    public string? OwnerAgency { get; set; }

    public DistributionScope Scope { get; set; } = DistributionScope.AllMembers;

    public Guid? SharingGroupId { get; set; }

    public bool IsDraft { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawnReason { get; set; }

    public Guid? BodyId { get; set; }

    public string PersonName { get; set; } = "";

    public string Role { get; set; } = "";

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedByUserId { get; set; }
}

internal sealed class DirectoryConfiguration :
    IEntityTypeConfiguration<Member>, IEntityTypeConfiguration<Body>, IEntityTypeConfiguration<BodyMembership>, IEntityTypeConfiguration<FocalPoint>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("members");
        builder.Property(m => m.Code).HasMaxLength(10);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.HasIndex(m => m.Name).IsUnique();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        builder.PrimitiveCollection(m => m.Variants);
        builder.Property(m => m.Country).HasMaxLength(3);
        builder.Property(m => m.ContactEmail).HasMaxLength(254);
        builder.Property(m => m.Website).HasMaxLength(500);
        builder.HasOne<Member>().WithMany().HasForeignKey(m => m.BelongsToMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Body>().WithMany().HasForeignKey(m => m.BelongsToBodyId).OnDelete(DeleteBehavior.Restrict);
        builder.PrimitiveCollection(m => m.FormerNames);
        builder.Ignore(m => m.IsState);
        builder.Ignore(m => m.IsObserver);
    }

    public void Configure(EntityTypeBuilder<Body> builder)
    {
        builder.ToTable("bodies");
        builder.Property(b => b.Code).HasMaxLength(20);
        builder.HasIndex(b => b.Code).IsUnique();
        builder.Property(b => b.Name).HasMaxLength(300);
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(b => b.Variants);
        builder.HasMany(b => b.Memberships).WithOne().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BodyMembership> builder)
    {
        builder.ToTable("body_memberships");
        builder.HasKey(m => new { m.BodyId, m.MemberId });
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(m => m.Member).WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<FocalPoint> builder)
    {
        builder.ToTable("focal_points");
        AccessRule.ConfigureScope(builder);
        builder.Property(f => f.PersonName).HasMaxLength(200);
        builder.Property(f => f.Role).HasMaxLength(200);
        builder.Property(f => f.Email).HasMaxLength(256);
        builder.Property(f => f.Phone).HasMaxLength(50);
        builder.HasOne<Member>().WithMany().HasForeignKey(f => f.OwnerMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Body>().WithMany().HasForeignKey(f => f.BodyId).OnDelete(DeleteBehavior.SetNull);
    }
}

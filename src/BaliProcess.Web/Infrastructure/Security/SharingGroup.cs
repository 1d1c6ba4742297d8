using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// A named set of members that records can be shared with: a bilateral agreement is a group of two,
/// a liaison-officer hub is a group. Membership can be hidden from the group's own members.
/// </summary>
public sealed class SharingGroup
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public Guid OwnerMemberId { get; set; }

    /// <summary>When set, members see that they belong but not who else does.</summary>
    public bool MembershipHidden { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<SharingGroupMember> Members { get; set; } = [];
}

public sealed class SharingGroupMember
{
    public Guid GroupId { get; set; }

    public Guid MemberId { get; set; }
}

internal sealed class SharingGroupConfiguration :
    IEntityTypeConfiguration<SharingGroup>, IEntityTypeConfiguration<SharingGroupMember>, IEntityTypeConfiguration<ScopeGrant>
{
    public void Configure(EntityTypeBuilder<SharingGroup> builder)
    {
        builder.ToTable("sharing_groups");
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.HasIndex(g => g.Name).IsUnique();
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SharingGroupMember> builder)
    {
        builder.ToTable("sharing_group_members");
        builder.HasKey(m => new { m.GroupId, m.MemberId });
        builder.HasIndex(m => m.MemberId);
    }

    public void Configure(EntityTypeBuilder<ScopeGrant> builder)
    {
        builder.ToTable("scope_grants");
        builder.HasKey(g => new { g.RecordId, g.MemberId });
        builder.HasIndex(g => g.MemberId);
    }
}

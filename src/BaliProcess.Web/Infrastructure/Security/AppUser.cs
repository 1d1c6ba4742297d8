using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.AspNetCore.Identity;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>A platform account. Every account belongs to exactly one member (the RSO is itself a directory entry).</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public Guid MemberId { get; set; }

    /// <summary>The national agency the official works for ("Immigration", "Police"), where the member has several.</summary>
    public string? Agency { get; set; }

    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>When an administrator last re-enabled the account: the inactivity clock starts again then.</summary>
    public DateTime? ReenabledAt { get; set; }

    /// <summary>The language the person last chose ("en", "id"): e-mails to them are written in it, whoever causes them.</summary>
    public string? PreferredCulture { get; set; }

    /// <summary>A disabled account is locked out for good until an administrator re-enables it.</summary>
    public bool IsDisabled => LockoutEnd == DateTimeOffset.MaxValue;
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder) => builder.Property(u => u.PreferredCulture).HasMaxLength(10);
}

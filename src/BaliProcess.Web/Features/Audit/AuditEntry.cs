using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Audit;

public enum AuditOutcome
{
    Succeeded,
    Denied,
    Failed,
}

/// <summary>
/// One row of the append-only audit log. <see cref="Hash"/> covers every field and the previous row's hash,
/// so editing or deleting any past row breaks the chain that <see cref="AuditVerifier"/> walks.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public long Sequence { get; set; }

    public DateTime OccurredAt { get; set; }

    public Guid? UserId { get; set; }

    public string? UserName { get; set; }

    public Guid? MemberId { get; set; }

    public Guid? ApiKeyId { get; set; }

    /// <summary>A stable dotted code, e.g. <c>directory.member.create</c>, <c>account.signin</c>.</summary>
    public string Action { get; set; } = "";

    public string? SubjectType { get; set; }

    public string? SubjectId { get; set; }

    public string? RequestId { get; set; }

    public AuditOutcome Outcome { get; set; }

    public string? Detail { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public string ComputeHash()
    {
        var canonical = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            OccurredAt.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            UserId?.ToString("N") ?? "",
            UserName ?? "",
            MemberId?.ToString("N") ?? "",
            ApiKeyId?.ToString("N") ?? "",
            Action,
            SubjectType ?? "",
            SubjectId ?? "",
            RequestId ?? "",
            Outcome.ToString(),
            Detail ?? "",
            PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>PostgreSQL keeps microseconds, SQLite keeps ticks: hash what both keep.</summary>
    public static DateTime ToStoredPrecision(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}

/// <summary>The newest sequence and hash, kept in the same transaction, so that cutting rows off the end is detected too.</summary>
public sealed class AuditHead
{
    public int Id { get; set; } = 1;

    public long Sequence { get; set; }

    public string Hash { get; set; } = AuditEntry.GenesisHash;
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.HasIndex(a => new { a.MemberId, a.OccurredAt });
        builder.HasIndex(a => a.Action);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.SubjectType).HasMaxLength(100);
        builder.Property(a => a.SubjectId).HasMaxLength(200);
        builder.Property(a => a.RequestId).HasMaxLength(100);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.ToTable("audit_head");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64);
    }
}

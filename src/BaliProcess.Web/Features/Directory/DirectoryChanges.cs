using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Directory;

public enum DirectorySubject
{
    Member,
    Body,
}

/// <summary>
/// One corrected field of a member or body, with the value before and after and the reason given: the history that a
/// correction keeps (the audit log records the same act; this is the readable account of what changed).
/// </summary>
public sealed class DirectoryChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public DirectorySubject SubjectKind { get; set; }

    public Guid SubjectId { get; set; }

    /// <summary>"name", "variants", "memberSince", or "membership:IDN" for a body's member.</summary>
    public string Field { get; set; } = "";

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public string Reason { get; set; } = "";

    public Guid? ChangedByUserId { get; set; }

    public string ChangedByName { get; set; } = "";

    public DateTime ChangedAt { get; set; }
}

public sealed record DirectoryChangeView(DateTime ChangedAt, string Field, string? OldValue, string? NewValue, string Reason, string ChangedBy);

internal sealed class DirectoryChangeConfiguration : IEntityTypeConfiguration<DirectoryChange>
{
    public void Configure(EntityTypeBuilder<DirectoryChange> builder)
    {
        builder.ToTable("directory_changes");
        builder.Property(c => c.SubjectKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Field).HasMaxLength(60);
        builder.Property(c => c.OldValue).HasColumnType("text");
        builder.Property(c => c.NewValue).HasColumnType("text");
        builder.Property(c => c.Reason).HasMaxLength(DirectoryCorrections.ReasonMaxLength);
        builder.Property(c => c.ChangedByName).HasMaxLength(256);
        builder.HasIndex(c => new { c.SubjectKind, c.SubjectId, c.ChangedAt });
    }
}

public static class DirectoryHistory
{
    public static Task<List<DirectoryChangeView>> OfAsync(AppDbContext db, DirectorySubject kind, Guid id, CancellationToken ct) =>
        db.Set<DirectoryChange>().AsNoTracking()
            .Where(c => c.SubjectKind == kind && c.SubjectId == id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Select(c => new DirectoryChangeView(c.ChangedAt, c.Field, c.OldValue, c.NewValue, c.Reason, c.ChangedByName))
            .ToListAsync(ct);
}

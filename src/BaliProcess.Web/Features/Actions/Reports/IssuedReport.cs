using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Actions.Reports;

/// <summary>
/// A progress report an RSO administrator issued for a period: its number, marking and the content as it stood, frozen
/// (<see cref="Snapshot"/>), so that it reads the same forever whatever is recorded later. The last one issued is the
/// baseline of "changed since" in the next report. Who may read it is its distribution (<see cref="Scope"/>), through
/// the one access rule; its content was built for that audience.
/// </summary>
public sealed class IssuedReport : IScopedRecord
{
    public static string ReadScope => ApiScopes.ActionsRead;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OwnerMemberId { get; set; }

    public string? OwnerAgency { get; set; }

    public DistributionScope Scope { get; set; }

    public Guid? SharingGroupId { get; set; }

    public bool IsDraft { get; set; }

    /// <summary>An issued report is not corrected; the RSO may withdraw one issued in error, and the access rule then hides it.</summary>
    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawnReason { get; set; }

    /// <summary>1, 2, 3… in the order issued.</summary>
    public int Number { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public string? MeetingTitle { get; set; }

    public DateTime IssuedAt { get; set; }

    public Guid IssuedByUserId { get; set; }

    public string IssuedByName { get; set; } = "";

    public int ActionCount { get; set; }

    /// <summary>The <see cref="ProgressReport"/> as JSON (<see cref="ProgressReport.ToSnapshot"/>).</summary>
    public string Snapshot { get; set; } = "";

    public ReportIssue Issue => new(Number, IssuedAt, IssuedByName, Scope);
}

/// <summary>An issued report as listed (the API's and the page's view of it; never the entity).</summary>
public sealed record IssuedReportView(Guid Id, int Number, DateOnly From, DateOnly To, string? MeetingTitle, DateTime IssuedAt, string IssuedBy,
    DistributionScope Distribution, int ActionCount);

/// <summary>What an RSO administrator sends to issue a report: the period (dates or a meeting) and its distribution.</summary>
public sealed record IssueReportInput(string? From, string? To, string? Meeting, string? Distribution);

internal sealed class IssuedReportConfiguration : IEntityTypeConfiguration<IssuedReport>
{
    public void Configure(EntityTypeBuilder<IssuedReport> builder)
    {
        builder.ToTable("issued_reports");
        AccessRule.ConfigureScope(builder);
        builder.Ignore(r => r.Issue);
        builder.HasIndex(r => r.Number).IsUnique();
        // One issued report per period: issuing it again would give two numbers to one report.
        builder.HasIndex(r => new { r.From, r.To }).IsUnique();
        builder.HasIndex(r => r.IssuedAt);
        builder.Property(r => r.MeetingTitle).HasMaxLength(500);
        builder.Property(r => r.IssuedByName).HasMaxLength(256);
        builder.Property(r => r.Snapshot).HasColumnType("text");
    }
}

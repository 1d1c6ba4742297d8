using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Home;

/// <summary>
/// When a signed-in user's current visit to the home page began, and when the one before it began: "documents added
/// since my last visit" compares with <see cref="PreviousVisitAt"/>. A visit is home-page views less than
/// <see cref="HomeVisits.VisitGap"/> apart, so reloading the page does not empty the card.
/// </summary>
public sealed class HomeVisit
{
    public Guid UserId { get; set; }

    public DateTime CurrentVisitAt { get; set; }

    public DateTime? PreviousVisitAt { get; set; }
}

internal sealed class HomeVisitConfiguration : IEntityTypeConfiguration<HomeVisit>
{
    public void Configure(EntityTypeBuilder<HomeVisit> builder)
    {
        builder.ToTable("home_visits");
        builder.HasKey(v => v.UserId);
        builder.HasOne<BaliProcess.Web.Infrastructure.Security.AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class HomeVisits
{
    /// <summary>Views of the home page closer together than this are one visit.</summary>
    public static readonly TimeSpan VisitGap = TimeSpan.FromHours(1);

    /// <summary>
    /// Records a view of the home page and answers when the previous visit began (null on a first visit). Written only
    /// when a new visit begins, never on every request.
    /// </summary>
    public static async Task<DateTime?> RecordViewAsync(AppDbContext db, Guid userId, DateTime now, CancellationToken ct)
    {
        var visit = await db.Set<HomeVisit>().SingleOrDefaultAsync(v => v.UserId == userId, ct);
        if (visit is null)
        {
            db.Add(new HomeVisit { UserId = userId, CurrentVisitAt = now });
        }
        else if (now - visit.CurrentVisitAt >= VisitGap)
        {
            visit.PreviousVisitAt = visit.CurrentVisitAt;
            visit.CurrentVisitAt = now;
        }
        else
        {
            return visit.PreviousVisitAt;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first views at the same moment (two tabs): the other one stored the visit, which is all that matters.
            db.ChangeTracker.Clear();
        }

        return visit?.PreviousVisitAt;
    }
}

using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Actions;

/// <summary>
/// Who may read and who may update an action. Reading is the platform's access rule and nothing else (the RSO too
/// reads through it). Updating needs reading, and then either the PlatformAdmin role (the RSO administers the tracker)
/// or being a lead: the user's member is a lead member, or a chair or member of a lead body, or the lead is the RSO
/// body and the user belongs to the RSO member.
/// </summary>
public static class ActionAccess
{
    public const string SupportOfficeCode = "RSO";

    public static IQueryable<TrackedAction> Readable(AppDbContext db, Viewer viewer) =>
        db.Set<TrackedAction>().AsNoTracking().VisibleTo(viewer, db);

    /// <summary>Actions whose leads include the member, directly or through a body (see the class summary).</summary>
    public static async Task<IQueryable<TrackedAction>> LedByAsync(IQueryable<TrackedAction> actions, AppDbContext db, Guid memberId, CancellationToken ct)
    {
        var rsoBody = await SupportOfficeBodyForAsync(db, memberId, ct);
        var memberships = db.Set<BodyMembership>();
        return actions.Where(a => a.Parties.Any(p => p.Role == PartyRole.Lead
            && (p.MemberId == memberId
                || (p.BodyId != null && memberships.Any(m => m.BodyId == p.BodyId && m.MemberId == memberId))
                || (rsoBody != null && p.BodyId == rsoBody))));
    }

    /// <summary>Whether the viewer may add a status update to this action (which the caller has found readable).</summary>
    public static async Task<bool> CanUpdateAsync(AppDbContext db, Viewer viewer, Guid actionId, CancellationToken ct)
    {
        if (viewer.MemberId is not { } member)
        {
            return false;
        }

        if (viewer.IsPlatformAdmin)
        {
            return true;
        }

        var led = await LedByAsync(db.Set<TrackedAction>().AsNoTracking().Where(a => a.Id == actionId), db, member, ct);
        return await led.AnyAsync(ct);
    }

    /// <summary>The RSO body's id when <paramref name="memberId"/> is the RSO member: RSO staff act for the RSO body.</summary>
    private static async Task<Guid?> SupportOfficeBodyForAsync(AppDbContext db, Guid memberId, CancellationToken ct)
    {
        var isSupportOffice = await db.Set<Member>().AnyAsync(m => m.Id == memberId && m.Code == SupportOfficeCode, ct);
        return isSupportOffice
            ? await db.Set<Body>().Where(b => b.Code == SupportOfficeCode).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct)
            : null;
    }
}

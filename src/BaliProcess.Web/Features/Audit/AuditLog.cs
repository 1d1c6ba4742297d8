using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Audit;

/// <summary>Who is acting, when there is no HTTP request (the CLI, background jobs).</summary>
public sealed record AuditActor(Guid? UserId, string? UserName, Guid? MemberId, Guid? ApiKeyId, string? RequestId)
{
    public static AuditActor System(string name) => new(null, name, null, null, null);
}

/// <summary>
/// Adds audit rows to the unit of work; they are written by the caller's next <c>SaveChangesAsync</c>,
/// in the same transaction as the change (or the read) they record.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider time)
{
    private AuditActor? actorOverride;

    /// <summary>Used by the CLI and background jobs, which act without an HTTP request.</summary>
    public void ActAs(AuditActor actor) => actorOverride = actor;

    /// <param name="subjectMember">The member that owns the subject record or user, so that its oversight readers see the event.</param>
    public AuditEntry Record(string action, string? subjectType = null, object? subjectId = null,
        AuditOutcome outcome = AuditOutcome.Succeeded, string? detail = null, Guid? subjectMember = null)
    {
        var actor = actorOverride ?? CurrentActor();
        var entry = new AuditEntry
        {
            OccurredAt = time.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            UserName = actor.UserName,
            MemberId = actor.MemberId,
            ApiKeyId = actor.ApiKeyId,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId?.ToString(),
            RequestId = actor.RequestId,
            Outcome = outcome,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
            SubjectMemberId = subjectMember,
        };
        db.Add(entry);
        return entry;
    }

    /// <summary>Records and saves at once: for reads and refusals, which change nothing else.</summary>
    public async Task RecordNowAsync(string action, string? subjectType, object? subjectId, AuditOutcome outcome,
        string? detail, CancellationToken cancellationToken, Guid? subjectMember = null)
    {
        Record(action, subjectType, subjectId, outcome, detail, subjectMember);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Records that the viewer read a restricted record (any scope but public, or a draft), with the record's owner as
    /// the subject member, and saves at once (a read has no save of its own). Call it only after the access rule let
    /// the read through: a record the viewer may not see answers 404 and writes nothing. Public records are not
    /// audited, being readable by anyone; the look-up of the record's scope and owner is one indexed query.
    /// </summary>
    public async Task RecordRestrictedReadAsync<T>(string action, Guid id, CancellationToken cancellationToken, string? detail = null)
        where T : class, IScopedRecord
    {
        var owner = await db.Set<T>().AsNoTracking()
            .Where(r => r.Id == id && (r.Scope != DistributionScope.Public || r.IsDraft))
            .Select(r => (Guid?)r.OwnerMemberId)
            .FirstOrDefaultAsync(cancellationToken);
        if (owner is { } member)
        {
            await RecordNowAsync(action, typeof(T).Name, id, AuditOutcome.Succeeded, detail, cancellationToken, member);
        }
    }

    private AuditActor CurrentActor()
    {
        var context = httpContextAccessor.HttpContext;
        if (context is null)
        {
            return AuditActor.System("system");
        }

        var viewer = Viewer.From(context.User);
        var userName = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        var memberClaim = context.User.FindFirst(PlatformClaims.MemberId)?.Value;
        Guid? memberId = viewer.MemberId ?? (Guid.TryParse(memberClaim, out var m) ? m : null);
        return new AuditActor(viewer.UserId, userName, memberId, viewer.ApiKeyId, context.TraceIdentifier);
    }
}

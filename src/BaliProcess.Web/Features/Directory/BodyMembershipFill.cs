using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Directory;

/// <summary>
/// Fills bodies' memberships at start from what the platform knows: the chairs and members that reference-data.json
/// states as facts, the attendance of each body's public meetings (read from the imported seed statements: the first
/// Ad Hoc Group meeting names who attended), and bodies that reference-data.json says are made up of another body's
/// members (the 2017 progress report gives "AHG members" for the disruption working group). It only adds: a
/// membership already recorded, or one an administrator corrected or removed (it has history), is left as it is.
/// </summary>
public sealed class BodyMembershipFill(AppDbContext db, ILogger<BodyMembershipFill> logger)
{
    public async Task FillAsync(CancellationToken ct)
    {
        var reference = ReferenceData.Load().Bodies.ToDictionary(b => b.Code, StringComparer.OrdinalIgnoreCase);
        var bodies = await db.Set<Body>().Include(b => b.Memberships).ToListAsync(ct);
        var members = await db.Set<Member>().AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.Id, StringComparer.OrdinalIgnoreCase, ct);
        var corrected = (await db.Set<DirectoryChange>().AsNoTracking()
                .Where(c => c.SubjectKind == DirectorySubject.Body && c.Field.StartsWith("membership:"))
                .Select(c => new { c.SubjectId, c.Field })
                .ToListAsync(ct))
            .Select(c => (c.SubjectId, Code: c.Field["membership:".Length..]))
            .ToHashSet();
        var codesById = members.ToDictionary(m => m.Value, m => m.Key);
        // Only public, published meetings: attendance of a restricted meeting must not become public through the directory.
        var attendance = await (from p in db.Set<MeetingParticipant>().AsNoTracking()
                                join m in db.Set<Meeting>().VisibleTo(Viewer.Anonymous, db) on p.MeetingId equals m.Id
                                where m.BodyId != null && p.MemberId != null && p.Role != ParticipantRole.Observer && p.Role != ParticipantRole.Apology
                                select new { BodyId = m.BodyId!.Value, MemberId = p.MemberId!.Value, p.Role, m.StartDate })
            .ToListAsync(ct);

        var added = 0;
        void Add(Body body, Guid memberId, BodyRole role, DateOnly? since)
        {
            if (body.Memberships.Any(x => x.MemberId == memberId) || !codesById.TryGetValue(memberId, out var code) || corrected.Contains((body.Id, code)))
            {
                return;
            }

            body.Memberships.Add(new BodyMembership { BodyId = body.Id, MemberId = memberId, Role = role, Since = since });
            added++;
        }

        foreach (var body in bodies)
        {
            if (reference.TryGetValue(body.Code, out var facts))
            {
                foreach (var code in facts.Chairs ?? [])
                {
                    if (members.TryGetValue(code, out var id))
                    {
                        Add(body, id, BodyRole.Chair, null);
                    }
                }

                foreach (var code in facts.Members ?? [])
                {
                    if (members.TryGetValue(code, out var id))
                    {
                        Add(body, id, BodyRole.Member, null);
                    }
                }
            }

            foreach (var seen in attendance.Where(a => a.BodyId == body.Id).GroupBy(a => a.MemberId))
            {
                var role = seen.Any(a => a.Role == ParticipantRole.CoChair) ? BodyRole.Chair : BodyRole.Member;
                Add(body, seen.Key, role, seen.Min(a => a.StartDate));
            }
        }

        // Bodies made up of another body's members, after that body is filled.
        foreach (var body in bodies)
        {
            if (reference.TryGetValue(body.Code, out var facts) && facts.MembersOf is { } source
                && bodies.FirstOrDefault(b => string.Equals(b.Code, source, StringComparison.OrdinalIgnoreCase)) is { } from)
            {
                foreach (var m in from.Memberships.Where(m => m.Role == BodyRole.Member && m.Until is null).ToList())
                {
                    Add(body, m.MemberId, BodyRole.Member, null);
                }
            }
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Directory: {Count} body memberships filled from reference facts and meeting attendance.", added);
        }
    }
}

using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// A meeting is known from its source documents, so it is never visible more widely than the widest of them: when a
/// document is narrowed, every meeting that no source covers any more (<see cref="AccessRule.Covers"/>) takes the
/// distribution of its widest source. A widened source never widens a meeting: that is the meeting owner's choice.
/// </summary>
public static class MeetingScopes
{
    /// <summary>
    /// Narrows the meetings of <paramref name="document"/> (tracked, with its new scope and grants not saved yet) that
    /// no source covers, with a revision and an audit event each, in the caller's unit of work. Returns how many.
    /// </summary>
    public static async Task<int> FollowSourceAsync(AppDbContext db, RecordCorrections corrections, LibraryDocument document, Viewer viewer, string reason,
        CancellationToken ct)
    {
        var meetings = await db.Set<Meeting>()
            .Where(m => db.Set<MeetingSource>().Any(x => x.MeetingId == m.Id && x.DocumentId == document.Id))
            .ToListAsync(ct);
        var narrowed = 0;
        foreach (var meeting in meetings)
        {
            var sourceIds = db.Set<MeetingSource>().Where(x => x.MeetingId == meeting.Id).Select(x => x.DocumentId);
            var sources = await db.Set<LibraryDocument>().Where(d => sourceIds.Contains(d.Id)).ToListAsync(ct);
            var grants = new Dictionary<Guid, IReadOnlyList<Guid>>();
            foreach (var source in sources)
            {
                grants[source.Id] = await GrantsAsync(db, source.Id, ct);
            }

            var meetingGrants = await GrantsAsync(db, meeting.Id, ct);
            if (sources.Any(s => AccessRule.Covers(s, grants[s.Id], meeting, meetingGrants)))
            {
                continue;
            }

            // The widest source; of two as wide, the meeting owner's own, so that the meeting keeps its owner where it can.
            var widest = sources
                .OrderByDescending(s => Rank(s))
                .ThenByDescending(s => s.OwnerMemberId == meeting.OwnerMemberId)
                .First();
            var before = meeting.Scope.ToString();
            db.Set<ScopeGrant>().RemoveRange(await db.Set<ScopeGrant>().Where(g => g.RecordId == meeting.Id).ToListAsync(ct));
            Ownership.StampFrom(meeting, widest, grants[widest.Id], db);
            corrections.Record(meeting, RevisionKind.Edited, [new FieldChange("scope", before, meeting.Scope.ToString())],
                $"Narrowed with its source documents: {reason}", viewer, LibraryCorrectionAudit.MeetingEdited);
            SearchOutbox.Enqueue(db, MeetingSearchSource.SourceName, meeting.Id, corrections.Now);
            foreach (var outcome in await db.Set<MeetingOutcome>().Where(o => o.MeetingId == meeting.Id).Select(o => o.Id).ToListAsync(ct))
            {
                SearchOutbox.Enqueue(db, OutcomeSearchSource.SourceName, outcome, corrections.Now);
            }

            narrowed++;
        }

        return narrowed;
    }

    /// <summary>The grants a record has in this unit of work: saved ones not removed, and ones added but not saved.</summary>
    private static async Task<IReadOnlyList<Guid>> GrantsAsync(AppDbContext db, Guid recordId, CancellationToken ct)
    {
        var saved = await db.Set<ScopeGrant>().AsNoTracking().Where(g => g.RecordId == recordId).Select(g => g.MemberId).ToListAsync(ct);
        var entries = db.ChangeTracker.Entries<ScopeGrant>().Where(e => e.Entity.RecordId == recordId).ToList();
        var removed = entries.Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.MemberId).ToHashSet();
        var added = entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity.MemberId);
        return [.. saved.Where(m => !removed.Contains(m)).Concat(added).Distinct()];
    }

    /// <summary>How widely a scope reaches, for choosing the widest source (a draft reaches only its author's side).</summary>
    private static int Rank(IScopedRecord record) => record.IsDraft ? -1 : record.Scope switch
    {
        DistributionScope.Public => 5,
        DistributionScope.AllMembers => 4,
        DistributionScope.SharingGroup => 3,
        DistributionScope.NamedMembers => 2,
        DistributionScope.OwnMember => 1,
        _ => 0,
    };
}

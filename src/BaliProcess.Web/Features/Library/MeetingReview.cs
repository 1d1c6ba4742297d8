using System.Globalization;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Library;

/// <summary>Links a participant kept by name to a Directory entry. <paramref name="Reason"/> is optional: the link itself says what changed.</summary>
public sealed record LinkParticipantInput(string? Code, string? Reason = null);

/// <summary>Resolves a review item: <paramref name="Take"/> true replaces the meeting's value by the document's (a correction); false keeps it.</summary>
public sealed record ResolveReviewInput(bool Take, string? Reason);

public sealed record UnlinkedParticipantView(Guid Id, Guid MeetingId, string MeetingTitle, DateOnly StartDate, string Name, ParticipantRole Role);

public sealed record ReviewItemView(Guid Id, Guid MeetingId, string MeetingTitle, DateOnly StartDate, ReviewItemKind Kind, string Field, string Code,
    string? CurrentValue, string? ProposedValue, Guid DocumentId, string DocumentTitle)
{
    /// <summary>Whether the document's value can replace the meeting's from the review list (lists are corrected on the edit page).</summary>
    public bool CanTake => Kind == ReviewItemKind.Disagreement && MeetingReview.TakeableFields.Contains(Field);
}

public sealed record ReviewListView(IReadOnlyList<UnlinkedParticipantView> Unlinked, IReadOnlyList<ReviewItemView> Items);

/// <summary>The audit actions of the meeting review.</summary>
public static class MeetingReviewAudit
{
    public const string ParticipantLinked = "library.meeting.participant.link";
    public const string ReviewResolved = "library.meeting.review.resolve";
}

/// <summary>
/// What imports left for a person: participants kept by name, to link to the Directory (member and platform
/// administrators), and the review items of merged documents and recognizer flags (whoever may correct the meeting).
/// Every list starts from the access rule and keeps only meetings the viewer may correct.
/// </summary>
public sealed class MeetingReview(AppDbContext db, AuditLog audit, RecordCorrections corrections, LibraryCorrections meetingCorrections)
{
    public const int MaxListed = 200;

    public static readonly IReadOnlySet<string> TakeableFields = new HashSet<string>(StringComparer.Ordinal) { "title", "dates", "place", "format", "ordinal" };

    public async Task<ReviewListView> ListAsync(Viewer viewer, CancellationToken ct)
    {
        var meetings = Correctable(viewer);
        var unlinked = await (from p in db.Set<MeetingParticipant>().AsNoTracking()
                              where p.MemberId == null
                              join m in meetings on p.MeetingId equals m.Id
                              orderby m.StartDate descending, p.Name
                              select new UnlinkedParticipantView(p.Id, m.Id, m.Title, m.StartDate, p.Name ?? "", p.Role))
            .Take(MaxListed).ToListAsync(ct);
        // A review item carries a value read from its document: only a reader of that document sees it.
        var documents = db.Set<LibraryDocument>().AsNoTracking().VisibleTo(viewer, db);
        var items = await (from r in db.Set<MeetingReviewItem>().AsNoTracking()
                           where r.ResolvedAt == null
                           join m in meetings on r.MeetingId equals m.Id
                           join d in documents on r.DocumentId equals d.Id
                           orderby m.StartDate descending, r.CreatedAt
                           select new ReviewItemView(r.Id, m.Id, m.Title, m.StartDate, r.Kind, r.Field, r.Code, r.CurrentValue, r.ProposedValue, d.Id, d.Title))
            .Take(MaxListed).ToListAsync(ct);
        return new ReviewListView(unlinked, items);
    }

    /// <summary>
    /// Links a participant kept by name to a Directory entry; the name becomes a variant of that entry, so every later
    /// import matches it, and the other meetings the viewer may correct that hold the same unlinked name are linked too.
    /// </summary>
    public async Task<CommandResult<int>> LinkAsync(Guid meetingId, Guid participantId, LinkParticipantInput input, Viewer viewer, CancellationToken ct)
    {
        var found = await corrections.FindCorrectableAsync<Meeting>(meetingId, viewer, "meeting", ct, q => q.Include(m => m.Participants));
        if (!found.Succeeded)
        {
            return CommandResult<int>.Fail(found.Problem!);
        }

        var meeting = found.Value!;
        if (meeting.Participants.Find(p => p.Id == participantId) is not { } participant)
        {
            return CommandResult<int>.Fail(Problems.NotFound("participant"));
        }

        if (participant.MemberId is { } linkedTo)
        {
            var code = await db.Set<Member>().Where(m => m.Id == linkedTo).Select(m => m.Code).SingleAsync(ct);
            return CommandResult<int>.Fail(Problems.Conflict($"'{participant.Name}' is already linked to {code}; correct the meeting's attendees to change it."));
        }

        var validation = new Validation();
        var wanted = input.Code?.Trim().ToUpperInvariant() ?? "";
        if (wanted.Length == 0)
        {
            return CommandResult<int>.Fail(validation.Add("code", "Choose the Directory entry (its code) that '{0}' is.", participant.Name ?? ""));
        }

        var member = await db.Set<Member>().SingleOrDefaultAsync(m => m.Code == wanted, ct);
        if (member is null)
        {
            return CommandResult<int>.Fail(validation.Add("code", "There is no Directory entry with the code '{0}'.", wanted));
        }

        var reason = input.Reason?.Trim() is { Length: > 0 } given ? given : $"Linked the name '{participant.Name}' to {member.Code}";
        if (reason.Length > RecordCorrections.MaxReasonLength)
        {
            return CommandResult<int>.Fail(validation.Add("reason", "The reason must be at most {0} characters.", RecordCorrections.MaxReasonLength));
        }

        var name = participant.Name ?? "";
        var holder = await NameHolderAsync(name, ct);
        if (holder is not null && holder.Id != member.Id)
        {
            return CommandResult<int>.Fail(validation.Add("code", "'{0}' is already a name of {1} ({2}) in the Directory; it cannot also name {3}.", name, holder.Name, holder.Code, member.Code));
        }

        if (holder is null)
        {
            member.Variants = [.. member.Variants, name];
        }

        // The same name in other meetings this viewer may correct: linked in the same change.
        var folded = name.ToUpperInvariant();
        var others = await db.Set<MeetingParticipant>()
            .Where(p => p.MemberId == null && p.Id != participant.Id && p.Name != null && p.Name.ToUpper() == folded)
            .Where(p => Correctable(viewer).Any(m => m.Id == p.MeetingId))
            .ToListAsync(ct);
        var linked = 0;
        foreach (var row in others.Prepend(participant))
        {
            var target = row.MeetingId == meeting.Id ? meeting : await db.Set<Meeting>().Include(m => m.Participants).SingleAsync(m => m.Id == row.MeetingId, ct);
            if (target.Participants.Find(p => p.MemberId == member.Id) is { } present)
            {
                // The member was already listed (under its Directory name): one row, the stronger role.
                present.Role = (ParticipantRole)Math.Min((int)present.Role, (int)row.Role);
                target.Participants.Remove(row);
                db.Remove(row);
            }
            else
            {
                row.MemberId = member.Id;
            }

            corrections.Record(target, RevisionKind.Edited, [new FieldChange("attendees", $"{name} ({row.Role}, not linked)", $"{member.Code} ({row.Role})")],
                reason, viewer, MeetingReviewAudit.ParticipantLinked);
            SearchOutbox.Enqueue(db, MeetingSearchSource.SourceName, target.Id, corrections.Now);
            linked++;
        }

        audit.Record("directory.member.variant", nameof(Member), member.Id, detail: holder is null ? $"learned '{name}' from a meeting's attendees" : $"'{name}' already known", subjectMember: member.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<int>.Ok(linked);
    }

    /// <summary>Resolves a review item once: keeps the meeting's value, or takes the document's as a correction of the meeting.</summary>
    public async Task<CommandResult<Guid>> ResolveAsync(Guid meetingId, Guid itemId, ResolveReviewInput input, Viewer viewer, CancellationToken ct)
    {
        var found = await corrections.FindCorrectableAsync<Meeting>(meetingId, viewer, "meeting", ct);
        if (!found.Succeeded)
        {
            return CommandResult<Guid>.Fail(found.Problem!);
        }

        var documents = db.Set<LibraryDocument>().VisibleTo(viewer, db).Select(d => d.Id);
        var item = await db.Set<MeetingReviewItem>().SingleOrDefaultAsync(r => r.Id == itemId && r.MeetingId == meetingId && documents.Contains(r.DocumentId), ct);
        if (item is null)
        {
            return CommandResult<Guid>.Fail(Problems.NotFound("review item"));
        }

        if (item.ResolvedAt is not null)
        {
            return CommandResult<Guid>.Fail(Problems.Conflict("This point was already resolved."));
        }

        var validation = new Validation();
        var reason = RecordCorrections.CheckReason(input.Reason, validation);
        if (reason is null)
        {
            return CommandResult<Guid>.Fail(validation);
        }

        (item.ResolvedAt, item.ResolvedByUserId, item.Resolution) = (corrections.Now, viewer.UserId, input.Take ? ReviewResolution.Taken : ReviewResolution.Kept);
        audit.Record(MeetingReviewAudit.ReviewResolved, nameof(Meeting), meetingId, detail: $"{item.Field}: {item.Resolution}; {reason}", subjectMember: found.Value!.OwnerMemberId);
        if (!input.Take)
        {
            await db.SaveChangesAsync(ct);
            return CommandResult<Guid>.Ok(meetingId);
        }

        if (item.Kind != ReviewItemKind.Disagreement || !TakeableFields.Contains(item.Field) || item.ProposedValue is not { } value)
        {
            return CommandResult<Guid>.Fail(validation.Add("take", "The document's {0} cannot replace the meeting's here: correct the meeting on its edit page, then keep this point.", item.Field));
        }

        // The correction saves the resolution with it, in one unit of work.
        var edit = item.Field switch
        {
            "title" => new MeetingEditInput(Title: value, Reason: reason),
            "place" => new MeetingEditInput(Place: value, Reason: reason),
            "format" => new MeetingEditInput(Format: value, Reason: reason),
            "ordinal" => new MeetingEditInput(Ordinal: int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null, Reason: reason),
            _ => Dates(value, reason),
        };
        return await meetingCorrections.EditMeetingAsync(meetingId, edit, viewer, ct);
    }

    private static MeetingEditInput Dates(string value, string reason)
    {
        var parts = value.Split('/', StringSplitOptions.TrimEntries);
        return new MeetingEditInput(StartDate: parts[0], EndDate: parts.Length > 1 ? parts[1] : parts[0], Reason: reason);
    }

    /// <summary>Meetings the viewer sees and may correct (<see cref="Ownership.MayCorrect"/> as a query).</summary>
    private IQueryable<Meeting> Correctable(Viewer viewer)
    {
        var visible = db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db);
        if (viewer.MemberId is not { } member)
        {
            return visible.Where(_ => false);
        }

        var mayCorrectAny = !viewer.IsApiKey && viewer.IsPlatformAdmin;
        var editor = viewer.IsApiKey || Roles.Editors.Any(viewer.IsInRole);
        return visible.Where(m => mayCorrectAny || (editor && m.OwnerMemberId == member));
    }

    /// <summary>The Directory entry that already has this name, variant or former name (ignoring case), if any.</summary>
    private async Task<Member?> NameHolderAsync(string name, CancellationToken ct)
    {
        var members = await db.Set<Member>().ToListAsync(ct);
        return members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(m.Code, name, StringComparison.OrdinalIgnoreCase)
            || m.Variants.Concat(m.FormerNames).Any(v => string.Equals(v, name, StringComparison.OrdinalIgnoreCase)));
    }
}

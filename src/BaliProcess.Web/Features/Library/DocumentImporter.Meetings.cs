using System.Globalization;
using BaliProcess.Documents;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Library;

/// <summary>The meeting side of an import: participants (linked or kept by name), the same meeting found again, review items.</summary>
public sealed partial class DocumentImporter
{
    /// <summary>
    /// One row per member (a co-chair is also present, and the strongest role is kept), and one row per name that
    /// matched no Directory entry: such a participant is kept by name, unlinked, for an administrator to link.
    /// </summary>
    private static List<MeetingParticipant> Participants(Guid meetingId, MeetingInfo info, Dictionary<string, Guid> members, bool strict,
        Validation validation, List<string> notes)
    {
        var roles = new Dictionary<Guid, ParticipantRole>();
        var unlinked = new Dictionary<string, (string Name, ParticipantRole Role)>(StringComparer.OrdinalIgnoreCase);
        var unknownCodes = new List<string>();

        void Add(string? code, string? name, ParticipantRole role)
        {
            var trimmed = code?.Trim() ?? "";
            if (trimmed.Length > 0 && members.TryGetValue(trimmed, out var id))
            {
                if (!roles.TryGetValue(id, out var existing) || role < existing)
                {
                    roles[id] = role;
                }

                return;
            }

            if (trimmed.Length > 0 && strict)
            {
                unknownCodes.Add(trimmed);
                return;
            }

            // A code the Directory lacks (automatic import) is kept as the name the document used, like any unmatched name.
            var cleaned = ImportNames.CleanText(trimmed.Length > 0 && string.IsNullOrWhiteSpace(name) ? trimmed : name);
            if (cleaned.Length == 0)
            {
                return;
            }

            cleaned = Truncate(cleaned, MeetingParticipant.MaxNameLength);
            if (!unlinked.TryGetValue(cleaned, out var kept) || role < kept.Role)
            {
                unlinked[cleaned] = (cleaned, role);
            }
        }

        foreach (var code in info.CoChairCodes)
        {
            Add(code, null, ParticipantRole.CoChair);
        }

        foreach (var attendee in info.Attendees)
        {
            Add(attendee.Code, attendee.Name, RoleOf(attendee.Role));
        }

        if (unknownCodes.Count > 0)
        {
            validation.Add("attendees", "Unknown member code(s): {0}.", string.Join(", ", unknownCodes.Distinct(StringComparer.OrdinalIgnoreCase)));
        }

        if (unlinked.Count > 0)
        {
            notes.Add($"kept by name, not linked to the directory (an administrator can link them): {string.Join(", ", unlinked.Keys)}");
        }

        return
        [
            .. roles.Select(r => new MeetingParticipant { MeetingId = meetingId, MemberId = r.Key, Role = r.Value }),
            .. unlinked.Values.Select(u => new MeetingParticipant { MeetingId = meetingId, Name = u.Name, Role = u.Role }),
        ];
    }

    private static ParticipantRole RoleOf(AttendeeRole role) => role switch
    {
        AttendeeRole.Observer => ParticipantRole.Observer,
        AttendeeRole.Apology => ParticipantRole.Apology,
        _ => ParticipantRole.Attendee,
    };

    /// <summary>
    /// A meeting already recorded, that the importer may see, which the new document reports too: the same body with
    /// overlapping dates (and no different number), or the same title on the same first day. Withdrawn meetings do not count.
    /// </summary>
    private async Task<Meeting?> FindSameMeetingAsync(Meeting reported, Viewer? importer, CancellationToken ct)
    {
        var viewer = importer ?? await SupportOfficeViewerAsync(ct);
        var (body, start, end, ordinal, title) = (reported.BodyId, reported.StartDate, reported.EndDate, reported.Ordinal, reported.Title);
        return await db.Set<Meeting>().VisibleTo(viewer, db)
            .Where(m => m.WithdrawnAt == null && !m.IsDraft)
            .Where(m => (body != null && m.BodyId == body && m.StartDate <= end && m.EndDate >= start
                         && (ordinal == null || m.Ordinal == null || m.Ordinal == ordinal))
                        || (m.Title == title && m.StartDate == start))
            .OrderBy(m => m.StartDate)
            .Include(m => m.Participants)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Adds the document as a source of a meeting already recorded. A field the meeting lacks is filled from the
    /// document when everyone who reads the meeting may read the document; any other value the document gives that
    /// differs becomes a review item with both values, and the meeting's value stays.
    /// </summary>
    private string MergeInto(Meeting meeting, Meeting reported, LibraryDocument document, IReadOnlyList<ReviewFlag> flags, DateTime now)
    {
        db.Add(new MeetingSource { MeetingId = meeting.Id, DocumentId = document.Id, AddedAt = now });
        // Grants of the new document are not saved yet; a document shared with named members never fills a field.
        var fills = AccessRule.Covers(document, [], meeting, []) && document.Scope != DistributionScope.NamedMembers;
        var review = 0;

        void Compare(string field, string? current, string? proposed, Action fill)
        {
            if (string.IsNullOrWhiteSpace(proposed) || string.Equals(current?.Trim(), proposed.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(current) && fills)
            {
                fill();
                return;
            }

            review++;
            db.Add(new MeetingReviewItem
            {
                MeetingId = meeting.Id, DocumentId = document.Id, Kind = ReviewItemKind.Disagreement, Field = field, Code = "disagreement",
                CurrentValue = Cut(current), ProposedValue = Cut(proposed), CreatedAt = now,
            });
        }

        var culture = CultureInfo.InvariantCulture;
        Compare("title", meeting.Title, reported.Title, () => meeting.Title = reported.Title);
        Compare("dates", DatesText(meeting.StartDate, meeting.EndDate), DatesText(reported.StartDate, reported.EndDate), () => { });
        Compare("place", meeting.Place, reported.Place, () => meeting.Place = reported.Place);
        Compare("format", meeting.Format?.ToString(), reported.Format?.ToString(), () => meeting.Format = reported.Format);
        Compare("ordinal", meeting.Ordinal?.ToString(culture), reported.Ordinal?.ToString(culture), () => meeting.Ordinal = reported.Ordinal);
        Compare("co-chairs", ParticipantsText(meeting.Participants, true), ParticipantsText(reported.Participants, true), () => { });
        if (meeting.Participants.Count == 0 && reported.Participants.Count > 0 && fills)
        {
            foreach (var p in reported.Participants)
            {
                p.MeetingId = meeting.Id;
                db.Add(p);
            }
        }
        else
        {
            Compare("attendees", ParticipantsText(meeting.Participants, false), ParticipantsText(reported.Participants, false), () => { });
        }

        review += AddFlags(meeting.Id, document.Id, flags, now);
        SearchOutbox.Enqueue(db, MeetingSearchSource.SourceName, meeting.Id, now);
        return review == 0
            ? $"the meeting \"{meeting.Title}\" of {meeting.StartDate:yyyy-MM-dd} was already recorded: this document was added as another of its sources"
            : $"the meeting \"{meeting.Title}\" of {meeting.StartDate:yyyy-MM-dd} was already recorded: this document was added as another of its sources, and {review} point(s) where it differs are waiting for review";
    }

    /// <summary>The recognizer's flags as review items of the meeting: imported, and shown to a person to check.</summary>
    private int AddFlags(Guid meetingId, Guid documentId, IReadOnlyList<ReviewFlag> flags, DateTime now)
    {
        // An attendee no entry matches is already kept as an unlinked participant, which the review page lists and
        // linking settles; a second item for it would stay open after the link.
        flags = [.. flags.Where(f => f.Code != UnmatchedAttendeeFlag)];
        foreach (var flag in flags)
        {
            db.Add(new MeetingReviewItem
            {
                MeetingId = meetingId, DocumentId = documentId, Kind = ReviewItemKind.Flag, Field = Truncate(flag.Field, 30), Code = Truncate(flag.Code, 60),
                ProposedValue = Cut(flag.Detail), CreatedAt = now,
            });
        }

        return flags.Count;
    }

    private const string UnmatchedAttendeeFlag = "unmatched-attendee";

    internal static string DatesText(DateOnly start, DateOnly end) =>
        start == end ? start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : $"{start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} / {end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Participants as comparable text: codes (unlinked names as written) with their role, sorted.</summary>
    private string? ParticipantsText(IEnumerable<MeetingParticipant> participants, bool coChairs)
    {
        var chosen = participants.Where(p => (p.Role == ParticipantRole.CoChair) == coChairs).ToList();
        if (chosen.Count == 0)
        {
            return null;
        }

        return string.Join(", ", chosen
            .Select(p => (p.MemberId is { } id ? memberCodes.GetValueOrDefault(id, id.ToString()) : p.Name)
                         + (coChairs || p.Role == ParticipantRole.Attendee ? "" : $" ({p.Role})"))
            .Order(StringComparer.Ordinal));
    }

    private static string? Cut(string? text) => text is null ? null : Truncate(text, MeetingReviewItem.MaxValueLength);
}

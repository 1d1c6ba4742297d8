using System.Globalization;
using System.Text.RegularExpressions;
using BaliProcess.Documents;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Library;

/// <summary>A correction of a document. A field left out (null) stays as it is; <paramref name="Date"/> "" clears the date.</summary>
public sealed record DocumentEditInput(string? Title = null, string? Kind = null, string? Date = null, string? Language = null,
    DistributionScope? Scope = null, IReadOnlyList<string>? NamedMembers = null, Guid? SharingGroupId = null, bool ConfirmWidening = false,
    string? Reason = null) : ICorrectionInput;

public sealed record AttendeeInput(string? Code, string? Role);

public sealed record OutcomeInput(string? Verb, string? Text);

/// <summary>
/// A correction of a meeting: every field read from its document. A field left out (null) stays as it is; "" clears
/// the place, format and body. A list given replaces the list (outcomes keep their identity by position, so actions
/// citing them keep their link).
/// </summary>
public sealed record MeetingEditInput(string? Title = null, string? StartDate = null, string? EndDate = null, string? Place = null,
    string? Format = null, string? BodyCode = null, int? Ordinal = null, IReadOnlyList<AttendeeInput>? Attendees = null,
    IReadOnlyList<string>? Agenda = null, IReadOnlyList<OutcomeInput>? Outcomes = null, DistributionScope? Scope = null,
    IReadOnlyList<string>? NamedMembers = null, Guid? SharingGroupId = null, bool ConfirmWidening = false, string? Reason = null) : ICorrectionInput;

/// <summary>The audit actions of the Library's corrections.</summary>
public static class LibraryCorrectionAudit
{
    public const string DocumentEdited = "library.document.edit";
    public const string DocumentWithdrawn = "library.document.withdraw";
    public const string DocumentRestored = "library.document.restore";
    public const string MeetingEdited = "library.meeting.edit";
    public const string MeetingWithdrawn = "library.meeting.withdraw";
    public const string MeetingRestored = "library.meeting.restore";
}

/// <summary>Correcting, withdrawing and restoring documents and meetings (<see cref="RecordCorrections"/> does the common part).</summary>
public sealed partial class LibraryCorrections(AppDbContext db, RecordCorrections corrections)
{
    private readonly Func<LibraryDocument, DateTime, CancellationToken, Task> reindexDocument = corrections.Reindex<LibraryDocument>(DocumentSearchSource.SourceName);

    public const int MaxAttendees = 100;
    public const int MaxListItems = 300;

    public async Task<CommandResult<Guid>> EditDocumentAsync(Guid id, DocumentEditInput input, Viewer viewer, CancellationToken ct)
    {
        var found = await corrections.FindCorrectableAsync<LibraryDocument>(id, viewer, "document", ct);
        if (!found.Succeeded)
        {
            return CommandResult<Guid>.Fail(found.Problem!);
        }

        var document = found.Value!;
        var validation = new Validation();
        var changes = new FieldChanges();
        if (input.Title is not null)
        {
            var title = input.Title.Trim();
            if (title.Length is 0 or > 500)
            {
                validation.Add("title", "A title is required, at most {0} characters.", 500);
            }
            else
            {
                changes.Set("title", document.Title, title, v => document.Title = v);
            }
        }

        if (input.Kind is not null)
        {
            if (Enum.TryParse<DocumentKind>(input.Kind.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(input.Kind, out _))
            {
                changes.Set("kind", document.Kind, kind, v => document.Kind = v);
            }
            else
            {
                validation.Add("kind", "'{0}' is not a document kind: use one of {1}.", input.Kind, string.Join(", ", Enum.GetNames<DocumentKind>()));
            }
        }

        if (input.Date is not null)
        {
            if (input.Date.Trim().Length == 0)
            {
                changes.Set<DateOnly?>("date", document.Date, null, v => document.Date = v);
            }
            else if (TryParseDate(input.Date, out var date))
            {
                changes.Set<DateOnly?>("date", document.Date, date, v => document.Date = v);
            }
            else
            {
                validation.Add("date", "'{0}' is not a date: write it as YYYY-MM-DD.", input.Date);
            }
        }

        if (input.Language is not null)
        {
            var language = input.Language.Trim().ToLowerInvariant();
            if (LanguageTag().IsMatch(language))
            {
                changes.Set("language", document.Language, language, v => document.Language = v);
            }
            else
            {
                validation.Add("language", "'{0}' is not a language code: use a BCP-47 code such as en, id, th or zh-hans.", input.Language);
            }
        }

        // A narrowed document narrows the meetings it is the widest source of (a meeting is never seen more widely than its sources).
        return await corrections.SaveEditAsync(document, input, changes, validation, viewer, LibraryCorrectionAudit.DocumentEdited,
            async (record, now, c) =>
            {
                if (changes.All.Any(change => change.Field == "scope"))
                {
                    await MeetingScopes.FollowSourceAsync(db, corrections, record, viewer, input.Reason!.Trim(), c);
                }

                await reindexDocument(record, now, c);
            }, ct);
    }

    public async Task<CommandResult<Guid>> EditMeetingAsync(Guid id, MeetingEditInput input, Viewer viewer, CancellationToken ct)
    {
        var found = await corrections.FindCorrectableAsync<Meeting>(id, viewer, "meeting", ct,
            q => q.Include(m => m.Participants).Include(m => m.AgendaItems).Include(m => m.Outcomes));
        if (!found.Succeeded)
        {
            return CommandResult<Guid>.Fail(found.Problem!);
        }

        var meeting = found.Value!;
        var validation = new Validation();
        var changes = new FieldChanges();
        if (input.Title is not null)
        {
            var title = input.Title.Trim();
            if (title.Length is 0 or > 300)
            {
                validation.Add("title", "A title is required, at most {0} characters.", 300);
            }
            else
            {
                changes.Set("title", meeting.Title, title, v => meeting.Title = v);
            }
        }

        var start = meeting.StartDate;
        var end = meeting.EndDate;
        if (input.StartDate is not null && !TryParseDate(input.StartDate, out start))
        {
            validation.Add("startDate", "'{0}' is not a date: write it as YYYY-MM-DD.", input.StartDate);
        }

        if (input.EndDate is not null && !TryParseDate(input.EndDate, out end))
        {
            validation.Add("endDate", "'{0}' is not a date: write it as YYYY-MM-DD.", input.EndDate);
        }

        if (end < start)
        {
            validation.Add("endDate", "The meeting cannot end before it starts.");
        }
        else if (validation.IsValid)
        {
            changes.Set("startDate", meeting.StartDate, start, v => meeting.StartDate = v);
            changes.Set("endDate", meeting.EndDate, end, v => meeting.EndDate = v);
        }

        if (input.Place is not null)
        {
            var place = input.Place.Trim();
            if (place.Length > 200)
            {
                validation.Add("place", "The place must be at most {0} characters.", 200);
            }
            else
            {
                changes.Set("place", meeting.Place, place.Length == 0 ? null : place, v => meeting.Place = v);
            }
        }

        if (input.Format is not null)
        {
            if (input.Format.Trim().Length == 0)
            {
                changes.Set<MeetingFormatKind?>("format", meeting.Format, null, v => meeting.Format = v);
            }
            else if (Enum.TryParse<MeetingFormatKind>(input.Format.Trim(), ignoreCase: true, out var format) && Enum.IsDefined(format) && !int.TryParse(input.Format, out _))
            {
                changes.Set<MeetingFormatKind?>("format", meeting.Format, format, v => meeting.Format = v);
            }
            else
            {
                validation.Add("format", "'{0}' is not a meeting format: use one of {1}.", input.Format, string.Join(", ", Enum.GetNames<MeetingFormatKind>()));
            }
        }

        if (input.BodyCode is not null)
        {
            var code = input.BodyCode.Trim().ToUpperInvariant();
            Guid? body = code.Length == 0 ? null : await db.Set<Body>().Where(b => b.Code == code).Select(b => (Guid?)b.Id).SingleOrDefaultAsync(ct);
            if (code.Length > 0 && body is null)
            {
                validation.Add("bodyCode", "There is no body with code '{0}'.", input.BodyCode);
            }
            else
            {
                changes.Set("body", meeting.BodyId, body, v => meeting.BodyId = v);
            }
        }

        if (input.Ordinal is { } ordinal)
        {
            if (ordinal is < 1 or > 999)
            {
                validation.Add("ordinal", "The meeting's number must be between 1 and 999.");
            }
            else
            {
                changes.Set<int?>("ordinal", meeting.Ordinal, ordinal, v => meeting.Ordinal = v);
            }
        }

        await ApplyAttendeesAsync(meeting, input.Attendees, changes, validation, ct);
        ApplyAgenda(meeting, input.Agenda, changes, validation);
        var removedOutcomes = ApplyOutcomes(meeting, input.Outcomes, changes, validation);

        return await corrections.SaveEditAsync(meeting, input, changes, validation, viewer, LibraryCorrectionAudit.MeetingEdited, async (m, now, c) =>
        {
            await ReindexMeetingAsync(m, now, c);
            foreach (var removed in removedOutcomes)
            {
                SearchOutbox.Enqueue(db, OutcomeSearchSource.SourceName, removed, now);
            }
        }, ct);
    }

    public Task<CommandResult<WithdrawalView>> WithdrawDocumentAsync(Guid id, string? reason, Viewer viewer, CancellationToken ct) =>
        corrections.WithdrawAsync<LibraryDocument>(id, reason, viewer, "document", LibraryCorrectionAudit.DocumentWithdrawn, reindexDocument, ct);

    public Task<CommandResult<bool>> RestoreDocumentAsync(Guid id, string? reason, Viewer viewer, CancellationToken ct) =>
        corrections.RestoreAsync<LibraryDocument>(id, reason, viewer, "document", LibraryCorrectionAudit.DocumentRestored, reindexDocument, ct);

    public Task<CommandResult<WithdrawalView>> WithdrawMeetingAsync(Guid id, string? reason, Viewer viewer, CancellationToken ct) =>
        corrections.WithdrawAsync<Meeting>(id, reason, viewer, "meeting", LibraryCorrectionAudit.MeetingWithdrawn, ReindexMeetingAsync, ct);

    public Task<CommandResult<bool>> RestoreMeetingAsync(Guid id, string? reason, Viewer viewer, CancellationToken ct) =>
        corrections.RestoreAsync<Meeting>(id, reason, viewer, "meeting", LibraryCorrectionAudit.MeetingRestored, ReindexMeetingAsync, ct);

    private async Task ApplyAttendeesAsync(Meeting meeting, IReadOnlyList<AttendeeInput>? attendees, FieldChanges changes, Validation validation, CancellationToken ct)
    {
        if (attendees is null)
        {
            return;
        }

        if (attendees.Count > MaxAttendees)
        {
            validation.Add("attendees", "At most {0} attendees.", MaxAttendees);
            return;
        }

        var codes = attendees.Select(a => a.Code?.Trim().ToUpperInvariant() ?? "").ToList();
        var members = await db.Set<Member>().Where(m => codes.Contains(m.Code)).ToDictionaryAsync(m => m.Code, m => m.Id, ct);
        var wanted = new List<MeetingParticipant>();
        foreach (var (attendee, code) in attendees.Zip(codes))
        {
            if (!members.TryGetValue(code, out var member))
            {
                validation.Add("attendees", "Unknown member code '{0}'.", attendee.Code);
                continue;
            }

            if (!Enum.TryParse<ParticipantRole>(attendee.Role?.Trim() ?? nameof(ParticipantRole.Attendee), ignoreCase: true, out var role)
                || !Enum.IsDefined(role) || int.TryParse(attendee.Role, out _))
            {
                validation.Add("attendees", "'{0}' is not an attendee role: use one of {1}.", attendee.Role, string.Join(", ", Enum.GetNames<ParticipantRole>()));
                continue;
            }

            if (wanted.Any(w => w.MemberId == member))
            {
                validation.Add("attendees", "Member '{0}' is listed twice.", code);
                continue;
            }

            wanted.Add(new MeetingParticipant { MeetingId = meeting.Id, MemberId = member, Role = role });
        }

        if (!validation.IsValid)
        {
            return;
        }

        var before = await AttendeeTextAsync(meeting.Participants.Where(p => p.MemberId != null), ct);
        var after = await AttendeeTextAsync(wanted, ct);
        if (before == after)
        {
            return;
        }

        // One row per (meeting, member): a member who stays keeps its row, with its role corrected. Participants kept
        // by name (not linked yet) are not part of this list and stay.
        meeting.Participants.RemoveAll(p => p.MemberId != null && wanted.All(w => w.MemberId != p.MemberId));
        foreach (var participant in wanted)
        {
            if (meeting.Participants.Find(p => p.MemberId == participant.MemberId) is { } kept)
            {
                kept.Role = participant.Role;
            }
            else
            {
                db.Add(participant);
            }
        }

        changes.Note("attendees", before, after);
    }

    private async Task<string> AttendeeTextAsync(IEnumerable<MeetingParticipant> participants, CancellationToken ct)
    {
        var ids = participants.Where(p => p.MemberId != null).Select(p => p.MemberId!.Value).ToList();
        var codes = await db.Set<Member>().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Code, ct);
        return string.Join(", ", participants.Select(p => $"{(p.MemberId is { } id ? codes.GetValueOrDefault(id) : p.Name)} ({p.Role})").Order(StringComparer.Ordinal));
    }

    private void ApplyAgenda(Meeting meeting, IReadOnlyList<string>? agenda, FieldChanges changes, Validation validation)
    {
        if (agenda is null)
        {
            return;
        }

        var items = agenda.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        if (items.Count > MaxListItems || items.Any(i => i.Length > 500))
        {
            validation.Add("agenda", "At most {0} agenda items of at most 500 characters each.", MaxListItems);
            return;
        }

        var before = string.Join(" | ", meeting.AgendaItems.OrderBy(a => a.Number).Select(a => a.Title));
        var after = string.Join(" | ", items);
        if (before == after)
        {
            return;
        }

        meeting.AgendaItems.Clear();
        // Added through the context: a new row with a client-made key found by navigation alone would be taken for an existing one.
        db.AddRange(items.Select((title, i) => new AgendaItem { MeetingId = meeting.Id, Number = i + 1, Title = title }));
        changes.Note("agenda", before, after);
    }

    /// <summary>Changes outcomes in place by position; returns the ids of outcomes removed from the end.</summary>
    private List<Guid> ApplyOutcomes(Meeting meeting, IReadOnlyList<OutcomeInput>? outcomes, FieldChanges changes, Validation validation)
    {
        if (outcomes is null)
        {
            return [];
        }

        var parsed = new List<(OutcomeVerb Verb, string Text)>();
        foreach (var (outcome, i) in outcomes.Select((o, i) => (o, i + 1)))
        {
            var text = outcome.Text?.Trim() ?? "";
            if (!Enum.TryParse<OutcomeVerb>(outcome.Verb?.Trim(), ignoreCase: true, out var verb) || !Enum.IsDefined(verb) || int.TryParse(outcome.Verb, out _))
            {
                validation.Add("outcomes", "Outcome {0}: '{1}' is not an outcome verb: use one of {2}.", i, outcome.Verb, string.Join(", ", Enum.GetNames<OutcomeVerb>()));
            }
            else if (text.Length is 0 or > 20_000)
            {
                validation.Add("outcomes", "Outcome {0}: the text is required, at most 20,000 characters.", i);
            }
            else
            {
                parsed.Add((verb, text));
            }
        }

        if (parsed.Count > MaxListItems)
        {
            validation.Add("outcomes", "At most {0} outcomes.", MaxListItems);
        }

        if (!validation.IsValid)
        {
            return [];
        }

        var existing = meeting.Outcomes.OrderBy(o => o.Sequence).ToList();
        string Describe(IEnumerable<(OutcomeVerb Verb, string Text)> list) => string.Join("\n", list.Select((o, i) => $"{i + 1}. {o.Verb}: {o.Text}"));
        var before = Describe(existing.Select(o => (o.Verb, o.Text)));
        var after = Describe(parsed);
        if (before == after)
        {
            return [];
        }

        var next = existing.Count == 0 ? 1 : existing[^1].Sequence + 1;
        for (var i = 0; i < parsed.Count; i++)
        {
            if (i < existing.Count)
            {
                (existing[i].Verb, existing[i].Text) = parsed[i];
            }
            else
            {
                db.Add(new MeetingOutcome { MeetingId = meeting.Id, Sequence = next++, Verb = parsed[i].Verb, Text = parsed[i].Text });
            }
        }

        var removed = existing.Skip(parsed.Count).ToList();
        foreach (var outcome in removed)
        {
            meeting.Outcomes.Remove(outcome);
        }

        changes.Note("outcomes", before, after);
        return removed.Select(o => o.Id).ToList();
    }

    /// <summary>A meeting's outcomes are indexed under its scope, and its source document with its body and attendees.</summary>
    private async Task ReindexMeetingAsync(Meeting meeting, DateTime now, CancellationToken ct)
    {
        SearchOutbox.Enqueue(db, MeetingSearchSource.SourceName, meeting.Id, now);
        var stored = await db.Set<MeetingOutcome>().AsNoTracking().Where(o => o.MeetingId == meeting.Id).Select(o => o.Id).ToListAsync(ct);
        var added = db.Set<MeetingOutcome>().Local.Where(o => o.MeetingId == meeting.Id).Select(o => o.Id);
        foreach (var outcome in stored.Union(added).ToList())
        {
            SearchOutbox.Enqueue(db, OutcomeSearchSource.SourceName, outcome, now);
        }

        foreach (var source in await db.Set<MeetingSource>().Where(x => x.MeetingId == meeting.Id).Select(x => x.DocumentId).ToListAsync(ct))
        {
            SearchOutbox.Enqueue(db, DocumentSearchSource.SourceName, source, now);
        }
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$")]
    private static partial Regex LanguageTag();
}

/// <summary>The Library's correction routes: PATCH a document or a meeting, and their withdraw, restore and history routes.</summary>
public static class LibraryCorrectionEndpoints
{
    public static void MapLibraryCorrections(this IEndpointRouteBuilder api)
    {
        api.MapPatch("/documents/{id:guid}", async Task<Results<Ok<DocumentDetailView>, ValidationProblem, ProblemHttpResult>> (
                Guid id, DocumentEditInput input, LibraryCorrections corrections, AppDbContext db, HttpContext http, CancellationToken ct) =>
                await (await corrections.EditDocumentAsync(id, input, http.Viewer(), ct)).EditAnswerAsync(() => LibraryQueries.DocumentAsync(db, http.Viewer(), id, ct)))
            .RequireAuthorization(Policies.LibraryWrite)
            .WithSummary("Corrects a document's title, kind, date, language or distribution scope, with a mandatory reason.")
            .WithDescription("Fields left out stay as they are. Narrowing the scope takes effect at once; widening it is for the owner member only and needs \"confirmWidening\": true. The previous values are kept in the document's history.");

        api.MapPatch("/meetings/{id:guid}", async Task<Results<Ok<MeetingDetailView>, ValidationProblem, ProblemHttpResult>> (
                Guid id, MeetingEditInput input, LibraryCorrections corrections, AppDbContext db, HttpContext http, CancellationToken ct) =>
                await (await corrections.EditMeetingAsync(id, input, http.Viewer(), ct)).EditAnswerAsync(() => LibraryQueries.MeetingAsync(db, http.Viewer(), id, ct)))
            .RequireAuthorization(Policies.LibraryWrite)
            .WithSummary("Corrects a meeting read from a document: title, dates, place, format, body, number, attendees, agenda and outcomes, with a mandatory reason.")
            .WithDescription("Fields left out stay as they are; a list given replaces the list (outcomes are matched by position, so actions citing them keep their link). Scope changes follow the document rules.");

        api.MapCorrectionRoutes<LibraryDocument>("/documents", "document", Policies.LibraryWrite, LibraryAudit.DocumentRead,
            (s, id, reason, viewer, ct) => s.GetRequiredService<LibraryCorrections>().WithdrawDocumentAsync(id, reason, viewer, ct),
            (s, id, reason, viewer, ct) => s.GetRequiredService<LibraryCorrections>().RestoreDocumentAsync(id, reason, viewer, ct));
        api.MapCorrectionRoutes<Meeting>("/meetings", "meeting", Policies.LibraryWrite, LibraryAudit.MeetingRead,
            (s, id, reason, viewer, ct) => s.GetRequiredService<LibraryCorrections>().WithdrawMeetingAsync(id, reason, viewer, ct),
            (s, id, reason, viewer, ct) => s.GetRequiredService<LibraryCorrections>().RestoreMeetingAsync(id, reason, viewer, ct));
    }
}

using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Training;

public static class TrainingAudit
{
    public const string CourseCreated = "training.course.create";
    public const string CourseEdited = "training.course.edit";
    public const string CourseRead = "training.course.read";
    public const string SessionCreated = "training.session.create";
    public const string SessionEdited = "training.session.edit";
}

/// <summary>
/// Listing courses and sessions. The provider is the creator's member; only its editors (and the RSO's platform
/// administrators, as everywhere on the platform) change a listing afterwards, through <see cref="RecordCorrections"/>.
/// </summary>
public sealed class TrainingCommands(AppDbContext db, AuditLog audit, RecordCorrections corrections, TimeProvider time)
{
    public async Task<CommandResult<CourseView>> CreateCourseAsync(CourseInput input, Viewer viewer, CancellationToken ct)
    {
        var validation = new Validation();
        var course = await TrainingValidation.CheckAsync(input, db, viewer, validation, ct);
        var scope = await ScopeValidation.ResolveAsync(new ScopeInput(input.Scope, input.NamedMembers, input.SharingGroupId, input.Draft), viewer, db, validation, ct);
        if (course is null || scope is null || !validation.IsValid)
        {
            return CommandResult<CourseView>.Fail(validation);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var record = new Course { CreatedAt = now };
        Apply(record, course, now);
        Ownership.Stamp(record, viewer, scope, db);
        db.Add(record);
        audit.Record(TrainingAudit.CourseCreated, nameof(Course), record.Id, detail: scope.Scope.ToString(), subjectMember: record.OwnerMemberId);
        SearchOutbox.Enqueue(db, CourseSearchSource.SourceName, record.Id, now);
        await db.SaveChangesAsync(ct);
        return CommandResult<CourseView>.Ok((await TrainingQueries.CourseAsync(db, viewer, record.Id, ct))!);
    }

    /// <summary>Replaces a course's descriptive fields (not its provider or scope) with a reason kept in its history.</summary>
    public async Task<CommandResult<CourseView>> UpdateCourseAsync(Guid id, CourseInput input, Viewer viewer, CancellationToken ct)
    {
        var found = await corrections.FindCorrectableAsync<Course>(id, viewer, "course", ct);
        if (found.Value is not { } record)
        {
            return CommandResult<CourseView>.Fail(found.Problem!);
        }

        var validation = new Validation();
        var reason = RecordCorrections.CheckReason(input.Reason, validation);
        var course = await TrainingValidation.CheckAsync(input, db, viewer, validation, ct);
        if (course is null || reason is null || !validation.IsValid)
        {
            return CommandResult<CourseView>.Fail(validation);
        }

        var changes = new FieldChanges()
            .Set("title", record.Title, course.Title, v => record.Title = v)
            .Set("summary", record.Summary, course.Summary, v => record.Summary = v)
            .Set("level", record.Level, course.Level, v => record.Level = v)
            .Set("delivery", record.Delivery, course.Delivery, v => record.Delivery = v)
            .Set("duration", record.Duration, course.Duration, v => record.Duration = v)
            .Set("costAndFunding", record.CostAndFunding, course.CostAndFunding, v => record.CostAndFunding = v)
            .Set("eligibility", record.Eligibility, course.Eligibility, v => record.Eligibility = v)
            .Set("prerequisites", record.Prerequisites, course.Prerequisites, v => record.Prerequisites = v)
            .Set("contactName", record.ContactName, course.ContactName, v => record.ContactName = v)
            .Set("contactEmail", record.ContactEmail, course.ContactEmail, v => record.ContactEmail = v);
        NoteList(changes, "themes", record.Themes, course.Themes, v => record.Themes = v);
        NoteList(changes, "audiences", record.Audiences, course.Audiences, v => record.Audiences = v);
        NoteList(changes, "languages", record.Languages, course.Languages, v => record.Languages = v);
        NoteList(changes, "documentIds", record.DocumentIds.Select(d => d.ToString()).ToList(), course.DocumentIds.Select(d => d.ToString()).ToList(),
            _ => record.DocumentIds = course.DocumentIds);
        if (changes.Any)
        {
            var now = time.GetUtcNow().UtcDateTime;
            record.UpdatedAt = now;
            corrections.Record(record, RevisionKind.Edited, changes.All, reason, viewer, TrainingAudit.CourseEdited);
            SearchOutbox.Enqueue(db, CourseSearchSource.SourceName, record.Id, now);
            await db.SaveChangesAsync(ct);
        }

        return CommandResult<CourseView>.Ok((await TrainingQueries.CourseAsync(db, viewer, id, ct))!);
    }

    public async Task<CommandResult<SessionView>> AddSessionAsync(Guid courseId, SessionInput input, Viewer viewer, CancellationToken ct)
    {
        var found = await corrections.FindCorrectableAsync<Course>(courseId, viewer, "course", ct);
        if (found.Value is not { } course)
        {
            return CommandResult<SessionView>.Fail(found.Problem!);
        }

        var validation = new Validation();
        if (TrainingValidation.Check(input, validation) is not { } session)
        {
            return CommandResult<SessionView>.Fail(validation);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var record = new CourseSession { CourseId = courseId, CreatedAt = now };
        Apply(record, session, now);
        db.Add(record);
        course.UpdatedAt = now;
        audit.Record(TrainingAudit.SessionCreated, nameof(CourseSession), record.Id, detail: $"course {courseId}", subjectMember: course.OwnerMemberId);
        SearchOutbox.Enqueue(db, CourseSearchSource.SourceName, courseId, now);
        await db.SaveChangesAsync(ct);
        return CommandResult<SessionView>.Ok(TrainingQueries.ToView(record));
    }

    public async Task<CommandResult<SessionView>> UpdateSessionAsync(Guid sessionId, SessionInput input, Viewer viewer, CancellationToken ct)
    {
        var courseId = await db.Set<CourseSession>().Where(s => s.Id == sessionId).Select(s => (Guid?)s.CourseId).SingleOrDefaultAsync(ct);
        if (courseId is null)
        {
            return CommandResult<SessionView>.Fail(Problems.NotFound("session"));
        }

        var found = await corrections.FindCorrectableAsync<Course>(courseId.Value, viewer, "session", ct);
        if (found.Value is not { } course)
        {
            return CommandResult<SessionView>.Fail(found.Problem!);
        }

        var validation = new Validation();
        var reason = RecordCorrections.CheckReason(input.Reason, validation);
        var session = TrainingValidation.Check(input, validation);
        if (session is null || reason is null)
        {
            return CommandResult<SessionView>.Fail(validation);
        }

        var record = await db.Set<CourseSession>().SingleAsync(s => s.Id == sessionId, ct);
        var changes = new FieldChanges()
            .Set("startDate", record.StartDate, session.StartDate, v => record.StartDate = v)
            .Set("endDate", record.EndDate, session.EndDate, v => record.EndDate = v)
            .Set("place", record.Place, session.Place, v => record.Place = v)
            .Set("online", record.Online, session.Online, v => record.Online = v)
            .Set("language", record.Language, session.Language, v => record.Language = v)
            .Set("capacity", record.Capacity, session.Capacity, v => record.Capacity = v)
            .Set("nominationDeadline", record.NominationDeadline, session.NominationDeadline, v => record.NominationDeadline = v)
            .Set("status", record.Status, session.Status, v => record.Status = v);
        if (changes.Any)
        {
            var now = time.GetUtcNow().UtcDateTime;
            record.UpdatedAt = course.UpdatedAt = now;
            record.MonthOnly = false;
            corrections.Record(record, RevisionKind.Edited, changes.All, reason, viewer, TrainingAudit.SessionEdited, historyOf: course.Id, ownerMember: course.OwnerMemberId);
            SearchOutbox.Enqueue(db, CourseSearchSource.SourceName, course.Id, now);
            await db.SaveChangesAsync(ct);
        }

        return CommandResult<SessionView>.Ok(TrainingQueries.ToView(record));
    }

    internal static void Apply(Course record, CheckedCourse course, DateTime now)
    {
        (record.Title, record.Summary, record.Themes, record.Audiences, record.Level, record.Delivery, record.Languages) =
            (course.Title, course.Summary, course.Themes, course.Audiences, course.Level, course.Delivery, course.Languages);
        (record.Duration, record.CostAndFunding, record.Eligibility, record.Prerequisites, record.ContactName, record.ContactEmail, record.DocumentIds) =
            (course.Duration, course.CostAndFunding, course.Eligibility, course.Prerequisites, course.ContactName, course.ContactEmail, course.DocumentIds);
        record.UpdatedAt = now;
    }

    internal static void Apply(CourseSession record, CheckedSession session, DateTime now)
    {
        (record.StartDate, record.EndDate, record.Place, record.Online, record.Language, record.Capacity, record.NominationDeadline, record.Status) =
            (session.StartDate, session.EndDate, session.Place, session.Online, session.Language, session.Capacity, session.NominationDeadline, session.Status);
        record.UpdatedAt = now;
    }

    private static void NoteList(FieldChanges changes, string field, List<string> current, List<string> next, Action<List<string>> apply)
    {
        if (!current.SequenceEqual(next, StringComparer.Ordinal))
        {
            changes.Note(field, string.Join(", ", current), string.Join(", ", next));
            apply(next);
        }
    }
}

using System.Globalization;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Actions;

/// <summary>
/// A status update as the API and the form send it. Dates are ISO text (yyyy-MM-dd) so that a wrong date gets a
/// message naming the field instead of a binding failure.
/// </summary>
/// <param name="AsOf">The date the narrative speaks for; today when omitted. Never in the future.</param>
/// <param name="Status">One of <see cref="ActionStatuses.AllowedNames"/>.</param>
/// <param name="DueDate">Optionally sets (or, with "none", clears) the action's due date.</param>
public sealed record StatusUpdateInput(string? AsOf, string? Status, string? Narrative, string? DueDate = null);

public sealed class ActionCommands(AppDbContext db, AuditLog audit, TimeProvider time)
{
    public const int MaxNarrativeLength = 20_000;
    private static readonly DateOnly EarliestDate = new(2002, 1, 1);

    /// <summary>
    /// Adds a dated status update by a lead (or the RSO). Checks run before anything is written, so a refused or
    /// invalid update stores nothing; the update, the action's new status and the audit row are saved together.
    /// </summary>
    public async Task<CommandResult<StatusUpdateView>> AddUpdateAsync(Guid actionId, StatusUpdateInput input, Viewer viewer, CancellationToken ct)
    {
        var action = await db.Set<TrackedAction>().VisibleTo(viewer, db).SingleOrDefaultAsync(a => a.Id == actionId, ct);
        if (action is null)
        {
            return CommandResult<StatusUpdateView>.Fail(Problems.NotFound("action"));
        }

        if (!await ActionAccess.CanUpdateAsync(db, viewer, actionId, ct))
        {
            await audit.RecordNowAsync("actions.update.add", nameof(TrackedAction), actionId, AuditOutcome.Denied, "not a lead of this action", ct);
            return CommandResult<StatusUpdateView>.Fail(Problems.Forbidden(
                "Only an official of a lead of this action (a lead member, or a member of a lead body) or a platform administrator may add a status update."));
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var errors = Validate(input, today, out var asOf, out var status, out var narrative, out var dueDate);
        if (!errors.IsValid)
        {
            return CommandResult<StatusUpdateView>.Fail(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var authorName = await db.Users.Where(u => u.Id == viewer.UserId).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefaultAsync(ct)
            ?? (viewer.ApiKeyId is null ? "Unknown official" : "API client");
        var update = new StatusUpdate
        {
            ActionId = action.Id,
            AsOf = asOf,
            Status = status,
            Narrative = narrative,
            AuthorUserId = viewer.UserId,
            AuthorName = authorName.Length > 256 ? authorName[..256] : authorName,
            AuthorMemberId = viewer.MemberId,
            RecordedAt = now,
        };

        // The action shows the status of its newest update by date: a back-dated update adds history without overriding a later one.
        var latestAsOf = await db.Set<StatusUpdate>().Where(u => u.ActionId == action.Id).MaxAsync(u => (DateOnly?)u.AsOf, ct);
        if (latestAsOf is null || asOf >= latestAsOf)
        {
            action.Status = status;
        }

        action.LastUpdatedAt = now;
        var dueNote = "";
        if (dueDate is { } due)
        {
            dueNote = $"; due date {action.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"} → {due.NewDueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"}";
            action.DueDate = due.NewDueDate;
        }

        db.Add(update);
        audit.Record("actions.update.add", nameof(TrackedAction), action.Id, detail: $"{action.Number}: {status} as of {asOf:yyyy-MM-dd}{dueNote}");
        SearchOutbox.Enqueue(db, ActionSearchSource.SourceName, action.Id, now);
        await db.SaveChangesAsync(ct);

        var code = viewer.MemberId is { } m ? await db.Set<Directory.Member>().Where(x => x.Id == m).Select(x => x.Code).FirstOrDefaultAsync(ct) : null;
        return CommandResult<StatusUpdateView>.Ok(new StatusUpdateView(update.Id, update.AsOf, update.Status, update.Narrative, update.AuthorName, code,
            update.RecordedAt, null));
    }

    /// <summary>The field checks of an update. <paramref name="dueDate"/> is null when the input leaves the due date alone.</summary>
    public static Validation Validate(StatusUpdateInput input, DateOnly today, out DateOnly asOf, out ActionStatus status, out string narrative,
        out DueDateChange? dueDate)
    {
        var errors = new Validation();
        asOf = today;
        status = default;
        dueDate = null;

        if (!string.IsNullOrWhiteSpace(input.AsOf))
        {
            if (!TryParseDate(input.AsOf, out asOf))
            {
                errors.Add("asOf", "'{0}' is not a date: write it as YYYY-MM-DD, for example {1}.", input.AsOf, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else if (asOf > today)
            {
                errors.Add("asOf", "The date {0} is in the future: an update reports what has happened, so date it {1} or earlier.",
                    asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else if (asOf < EarliestDate)
            {
                errors.Add("asOf", "The date must be in 2002 or later, when the Bali Process began.");
            }
        }

        if (string.IsNullOrWhiteSpace(input.Status))
        {
            errors.Add("status", "Choose the status this update sets: one of {0}.", string.Join(", ", ActionStatuses.AllowedNames));
        }
        else if (ActionStatuses.Parse(input.Status) is { } parsed)
        {
            status = parsed;
        }
        else
        {
            errors.Add("status", "'{0}' is not an allowed status: use one of {1}.", input.Status, string.Join(", ", ActionStatuses.AllowedNames));
        }

        narrative = (input.Narrative ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (narrative.Length == 0)
        {
            errors.Add("narrative", "Write what has happened: the narrative is required.");
        }
        else if (narrative.Length > MaxNarrativeLength)
        {
            errors.Add("narrative", "The narrative must be at most {0} characters.", MaxNarrativeLength);
        }

        if (!string.IsNullOrWhiteSpace(input.DueDate))
        {
            if (input.DueDate.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                dueDate = new DueDateChange(null);
            }
            else if (TryParseDate(input.DueDate, out var due) && due >= EarliestDate)
            {
                dueDate = new DueDateChange(due);
            }
            else
            {
                errors.Add("dueDate", "'{0}' is not a due date: write it as YYYY-MM-DD (or 'none' to clear it).", input.DueDate);
            }
        }

        return errors;
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

/// <summary>A requested change of due date; <see cref="NewDueDate"/> null clears it (an absent change leaves the date alone).</summary>
public sealed record DueDateChange(DateOnly? NewDueDate);

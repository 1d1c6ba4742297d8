using System.Globalization;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
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

    public const string NotALead =
        "Only an official of a lead of this action (a lead member, or a member of a lead body) or a platform administrator may add a status update.";

    public const string NotALeadForIndicators =
        "Only an official of a lead of this action (a lead member, or a member of a lead body) or a platform administrator may change its indicators.";
    private static readonly DateOnly EarliestDate = new(2002, 1, 1);

    /// <summary>
    /// Adds a dated status update by a lead (or the RSO). Checks run before anything is written, so a refused or
    /// invalid update stores nothing; the update, the action's new status and the audit row are saved together.
    /// </summary>
    public async Task<CommandResult<StatusUpdateView>> AddUpdateAsync(Guid actionId, StatusUpdateInput input, Viewer viewer, CancellationToken ct)
    {
        var (action, refused) = await FindForLeadAsync(actionId, viewer, "actions.update.add", NotALead, ct);
        if (action is null)
        {
            return CommandResult<StatusUpdateView>.Fail(refused!);
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
        audit.Record("actions.update.add", nameof(TrackedAction), action.Id, detail: $"{action.Number}: {status} as of {asOf:yyyy-MM-dd}{dueNote}", subjectMember: action.OwnerMemberId);
        SearchOutbox.Enqueue(db, ActionSearchSource.SourceName, action.Id, now);
        await db.SaveChangesAsync(ct);

        var code = viewer.MemberId is { } m ? await db.Set<Directory.Member>().Where(x => x.Id == m).Select(x => x.Code).FirstOrDefaultAsync(ct) : null;
        return CommandResult<StatusUpdateView>.Ok(new StatusUpdateView(update.Id, update.AsOf, update.Status, update.Narrative, update.AuthorName, code,
            update.RecordedAt, null));
    }

    /// <summary>Adds an indicator (a quantity the action reports, with its unit and optional target) for a lead or the RSO.</summary>
    public async Task<CommandResult<IndicatorView>> AddIndicatorAsync(Guid actionId, IndicatorInput input, Viewer viewer, CancellationToken ct)
    {
        var (action, refused) = await FindForLeadAsync(actionId, viewer, "actions.indicator.add", NotALeadForIndicators, ct);
        if (action is null)
        {
            return CommandResult<IndicatorView>.Fail(refused!);
        }

        var errors = ValidateIndicator(input, out var name, out var unit);
        if (errors.IsValid && await db.Set<Indicator>().AnyAsync(i => i.ActionId == actionId && i.Name.ToLower() == name.ToLower(), ct))
        {
            errors.Add("name", "This action already has an indicator named '{0}'.", name);
        }

        if (!errors.IsValid)
        {
            return CommandResult<IndicatorView>.Fail(errors);
        }

        var indicator = new Indicator { ActionId = actionId, Name = name, Unit = unit, Target = input.Target };
        db.Add(indicator);
        audit.Record("actions.indicator.add", nameof(TrackedAction), actionId, detail: $"{action.Number}: {name} ({unit}), target {Number(input.Target)}", subjectMember: action.OwnerMemberId);
        await db.SaveChangesAsync(ct);
        return CommandResult<IndicatorView>.Ok(new IndicatorView(indicator.Id, name, unit, indicator.Target, []));
    }

    /// <summary>Renames an indicator or changes its unit or target; its values stay.</summary>
    public async Task<CommandResult<IndicatorView>> ChangeIndicatorAsync(Guid actionId, Guid indicatorId, IndicatorInput input, Viewer viewer, CancellationToken ct)
    {
        var (action, refused) = await FindForLeadAsync(actionId, viewer, "actions.indicator.change", NotALeadForIndicators, ct);
        if (action is null)
        {
            return CommandResult<IndicatorView>.Fail(refused!);
        }

        var indicator = await db.Set<Indicator>().Include(i => i.Values).FirstOrDefaultAsync(i => i.Id == indicatorId && i.ActionId == actionId, ct);
        if (indicator is null)
        {
            return CommandResult<IndicatorView>.Fail(Problems.NotFound("indicator"));
        }

        var errors = ValidateIndicator(input, out var name, out var unit);
        if (errors.IsValid && await db.Set<Indicator>().AnyAsync(i => i.ActionId == actionId && i.Id != indicatorId && i.Name.ToLower() == name.ToLower(), ct))
        {
            errors.Add("name", "This action already has an indicator named '{0}'.", name);
        }

        if (!errors.IsValid)
        {
            return CommandResult<IndicatorView>.Fail(errors);
        }

        var before = $"{indicator.Name} ({indicator.Unit}), target {Number(indicator.Target)}";
        (indicator.Name, indicator.Unit, indicator.Target) = (name, unit, input.Target);
        audit.Record("actions.indicator.change", nameof(TrackedAction), actionId, detail: $"{action.Number}: {before} → {name} ({unit}), target {Number(input.Target)}", subjectMember: action.OwnerMemberId);
        await db.SaveChangesAsync(ct);
        return CommandResult<IndicatorView>.Ok(IndicatorViews.Of(indicator));
    }

    /// <summary>Records a dated value of an indicator; values are added, never overwritten.</summary>
    public async Task<CommandResult<IndicatorValueView>> AddIndicatorValueAsync(Guid actionId, Guid indicatorId, IndicatorValueInput input, Viewer viewer, CancellationToken ct)
    {
        var (action, refused) = await FindForLeadAsync(actionId, viewer, "actions.indicator.value", NotALeadForIndicators, ct);
        if (action is null)
        {
            return CommandResult<IndicatorValueView>.Fail(refused!);
        }

        var indicator = await db.Set<Indicator>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == indicatorId && i.ActionId == actionId, ct);
        if (indicator is null)
        {
            return CommandResult<IndicatorValueView>.Fail(Problems.NotFound("indicator"));
        }

        var errors = new Validation();
        var asOf = ValidateAsOf(input.AsOf, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), errors);
        if (input.Value is not { } value || !double.IsFinite(value) || value < 0)
        {
            errors.Add("value", "The value must be a number of zero or more.");
        }

        var note = input.Note?.Trim();
        if (note?.Length > 1000)
        {
            errors.Add("note", "The note must be at most {0} characters.", 1000);
        }

        if (!errors.IsValid)
        {
            return CommandResult<IndicatorValueView>.Fail(errors);
        }

        var row = new IndicatorValue { IndicatorId = indicatorId, AsOf = asOf, Value = input.Value!.Value, Note = string.IsNullOrEmpty(note) ? null : note };
        db.Add(row);
        audit.Record("actions.indicator.value", nameof(TrackedAction), actionId, detail: $"{action.Number}: {indicator.Name} = {Number(row.Value)} as of {asOf:yyyy-MM-dd}", subjectMember: action.OwnerMemberId);
        await db.SaveChangesAsync(ct);
        return CommandResult<IndicatorValueView>.Ok(new IndicatorValueView(row.Id, row.AsOf, row.Value, row.Note));
    }

    /// <summary>
    /// The action when the viewer may change it: it must be readable (else 404, as for any record one may not see) and
    /// the viewer a lead or a platform administrator (else 403, audited as a refusal).
    /// </summary>
    private async Task<(TrackedAction? Action, ProblemHttpResult? Refused)> FindForLeadAsync(
        Guid actionId, Viewer viewer, string auditAction, string refusal, CancellationToken ct)
    {
        var action = await db.Set<TrackedAction>().VisibleTo(viewer, db).SingleOrDefaultAsync(a => a.Id == actionId, ct);
        if (action is null)
        {
            return (null, Problems.NotFound("action"));
        }

        if (!await ActionAccess.CanUpdateAsync(db, viewer, actionId, ct))
        {
            await audit.RecordNowAsync(auditAction, nameof(TrackedAction), actionId, AuditOutcome.Denied, "not a lead of this action", ct, action.OwnerMemberId);
            return (null, Problems.Forbidden(refusal));
        }

        return (action, null);
    }

    private static Validation ValidateIndicator(IndicatorInput input, out string name, out string unit)
    {
        var errors = new Validation();
        name = (input.Name ?? "").Trim();
        unit = (input.Unit ?? "").Trim();
        errors.Require("name", name, "The indicator's name", 200);
        errors.Require("unit", unit, "The unit", 100);
        if (input.Target is { } target && (!double.IsFinite(target) || target < 0))
        {
            errors.Add("target", "The target must be a number of zero or more, or left empty.");
        }

        return errors;
    }

    private static DateOnly ValidateAsOf(string? text, DateOnly today, Validation errors)
    {
        var asOf = today;
        if (string.IsNullOrWhiteSpace(text))
        {
            return asOf;
        }

        if (!TryParseDate(text, out asOf))
        {
            errors.Add("asOf", "'{0}' is not a date: write it as YYYY-MM-DD, for example {1}.", text, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
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

        return asOf;
    }

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "none";

    /// <summary>The field checks of an update. <paramref name="dueDate"/> is null when the input leaves the due date alone.</summary>
    public static Validation Validate(StatusUpdateInput input, DateOnly today, out DateOnly asOf, out ActionStatus status, out string narrative,
        out DueDateChange? dueDate)
    {
        var errors = new Validation();
        status = default;
        dueDate = null;
        asOf = ValidateAsOf(input.AsOf, today, errors);

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

/// <summary>An indicator as the API and the form send it.</summary>
/// <param name="Target">The quantity aimed for, in <paramref name="Unit"/>; none when omitted.</param>
public sealed record IndicatorInput(string? Name, string? Unit, double? Target = null);

/// <summary>A dated value of an indicator.</summary>
/// <param name="AsOf">YYYY-MM-DD, today when omitted; never in the future.</param>
public sealed record IndicatorValueInput(string? AsOf, double? Value, string? Note = null);

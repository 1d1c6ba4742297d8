using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Actions;

/// <summary>A correction of an action. A field left out (null) stays as it is; <paramref name="DueDate"/> "none" clears it.</summary>
public sealed record ActionEditInput(string? Text = null, string? WhoText = null, string? DueDate = null, DistributionScope? Scope = null,
    IReadOnlyList<string>? NamedMembers = null, Guid? SharingGroupId = null, bool ConfirmWidening = false, string? Reason = null) : ICorrectionInput;

/// <summary>A correction of a status update: its date, status and narrative as they should have been, and why.</summary>
public sealed record StatusUpdateCorrectionInput(string? AsOf, string? Status, string? Narrative, string? Reason);

/// <summary>
/// Correcting actions and their status updates. A corrected update keeps its original in the action's history
/// (the revision holds the previous date, status and narrative); the action's status follows its newest update.
/// </summary>
public sealed class ActionCorrections(AppDbContext db, RecordCorrections corrections, TimeProvider time)
{
    private readonly Func<TrackedAction, DateTime, CancellationToken, Task> reindex = corrections.Reindex<TrackedAction>(ActionSearchSource.SourceName);

    public const string ActionEdited = "actions.action.edit";
    public const string ActionWithdrawn = "actions.action.withdraw";
    public const string ActionRestored = "actions.action.restore";
    public const string UpdateCorrected = "actions.update.correct";

    public async Task<CommandResult<Guid>> EditAsync(Guid id, ActionEditInput input, Viewer viewer, CancellationToken ct)
    {
        var found = await corrections.FindCorrectableAsync<TrackedAction>(id, viewer, "action", ct);
        if (!found.Succeeded)
        {
            return CommandResult<Guid>.Fail(found.Problem!);
        }

        var action = found.Value!;
        var validation = new Validation();
        var changes = new FieldChanges();
        if (input.Text is not null)
        {
            var text = input.Text.Trim();
            if (text.Length is 0 or > ActionCommands.MaxNarrativeLength)
            {
                validation.Add("text", "The action's text is required, at most {0} characters.", ActionCommands.MaxNarrativeLength);
            }
            else
            {
                changes.Set("text", action.Text, text, v => action.Text = v);
            }
        }

        if (input.WhoText is not null)
        {
            var who = input.WhoText.Trim();
            if (who.Length > 500)
            {
                validation.Add("whoText", "The \"Who\" text must be at most {0} characters.", 500);
            }
            else
            {
                changes.Set("whoText", action.WhoText, who, v => action.WhoText = v);
            }
        }

        if (input.DueDate is not null)
        {
            if (input.DueDate.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) || input.DueDate.Trim().Length == 0)
            {
                changes.Set<DateOnly?>("dueDate", action.DueDate, null, v => action.DueDate = v);
            }
            else if (ActionCommands.TryParseDate(input.DueDate, out var due))
            {
                changes.Set<DateOnly?>("dueDate", action.DueDate, due, v => action.DueDate = v);
            }
            else
            {
                validation.Add("dueDate", "'{0}' is not a due date: write it as YYYY-MM-DD (or 'none' to clear it).", input.DueDate);
            }
        }

        return await corrections.SaveEditAsync(action, input, changes, validation, viewer, ActionEdited, reindex, ct);
    }

    /// <summary>Corrects a status update: those who may add updates to the action (its leads, the RSO) or correct the action may.</summary>
    public async Task<CommandResult<Guid>> CorrectUpdateAsync(Guid actionId, Guid updateId, StatusUpdateCorrectionInput input, Viewer viewer, CancellationToken ct)
    {
        var action = await db.Set<TrackedAction>().VisibleTo(viewer, db).SingleOrDefaultAsync(a => a.Id == actionId, ct);
        var update = action is null ? null : await db.Set<StatusUpdate>().SingleOrDefaultAsync(u => u.Id == updateId && u.ActionId == actionId, ct);
        if (action is null || update is null)
        {
            return CommandResult<Guid>.Fail(Problems.NotFound("status update"));
        }

        if (!Ownership.MayCorrect(action, viewer) && !await ActionAccess.CanUpdateAsync(db, viewer, actionId, ct))
        {
            return CommandResult<Guid>.Fail(Problems.Forbidden(RecordCorrections.NotYoursMessage));
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var validation = ActionCommands.Validate(new StatusUpdateInput(input.AsOf ?? update.AsOf.ToString("yyyy-MM-dd"), input.Status ?? update.Status.ToString(),
            input.Narrative ?? update.Narrative), today, out var asOf, out var status, out var narrative, out _);
        var reason = RecordCorrections.CheckReason(input.Reason, validation);
        var changes = new FieldChanges();
        if (validation.IsValid)
        {
            changes.Set("asOf", update.AsOf, asOf, v => update.AsOf = v)
                .Set("status", update.Status, status, v => update.Status = v)
                .Set("narrative", update.Narrative, narrative, v => update.Narrative = v);
        }

        return await corrections.SaveEditAsync(update, update.Id, reason, changes, validation, viewer, UpdateCorrected, async (now, c) =>
        {
            // The action shows the status of its newest update by date, now counting the corrected one.
            var others = await db.Set<StatusUpdate>().AsNoTracking().Where(u => u.ActionId == actionId && u.Id != updateId)
                .OrderByDescending(u => u.AsOf).ThenByDescending(u => u.RecordedAt).Select(u => new { u.AsOf, u.Status }).FirstOrDefaultAsync(c);
            action.Status = others is null || update.AsOf >= others.AsOf ? update.Status : others.Status;
            SearchOutbox.Enqueue(db, ActionSearchSource.SourceName, action.Id, now);
        }, ct, historyOf: action.Id, ownerMember: action.OwnerMemberId);
    }

    public Task<CommandResult<WithdrawalView>> WithdrawAsync(Guid id, string? reason, Viewer viewer, CancellationToken ct) =>
        corrections.WithdrawAsync<TrackedAction>(id, reason, viewer, "action", ActionWithdrawn, reindex, ct);

    public Task<CommandResult<bool>> RestoreAsync(Guid id, string? reason, Viewer viewer, CancellationToken ct) =>
        corrections.RestoreAsync<TrackedAction>(id, reason, viewer, "action", ActionRestored, reindex, ct);

}

/// <summary>The Actions module's correction routes.</summary>
public static class ActionCorrectionEndpoints
{
    public static void MapActionCorrections(this IEndpointRouteBuilder api)
    {
        api.MapPatch("/actions/{id:guid}", async Task<Results<Ok<ActionDetailView>, ValidationProblem, ProblemHttpResult>> (
                Guid id, ActionEditInput input, ActionCorrections corrections, AppDbContext db, HttpContext http, CancellationToken ct) =>
                await (await corrections.EditAsync(id, input, http.Viewer(), ct)).EditAnswerAsync(() => ActionQueries.DetailAsync(db, http.Viewer(), id, ct)))
            .RequireAuthorization(Policies.ActionsWrite)
            .WithSummary("Corrects an action's text, \"Who\" text, due date or distribution scope, with a mandatory reason.")
            .WithDescription("For the owner member's editors and the RSO's platform administrators. Fields left out stay as they are; widening the scope is the owner's and needs \"confirmWidening\": true.");

        api.MapPatch("/actions/{id:guid}/updates/{updateId:guid}", async Task<Results<Ok<ActionDetailView>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Guid updateId, StatusUpdateCorrectionInput input, ActionCorrections corrections, AppDbContext db, HttpContext http, CancellationToken ct) =>
                await (await corrections.CorrectUpdateAsync(id, updateId, input, http.Viewer(), ct)).EditAnswerAsync(() => ActionQueries.DetailAsync(db, http.Viewer(), id, ct)))
            .RequireAuthorization(Policies.ActionsWrite)
            .WithSummary("Corrects a status update's date, status or narrative, with a mandatory reason; the original stays in the action's history.")
            .WithDescription("For the action's leads' editors and the RSO's platform administrators. The corrected update replaces the original in reports, the original stays visible in the action's history, and the action's status follows its newest update. 400 without a reason or with a bad value, 404 for an update or action the caller may not read.");

        api.MapCorrectionRoutes<TrackedAction>("/actions", "action", Policies.ActionsWrite, ActionsModule.ActionRead,
            (s, id, reason, viewer, ct) => s.GetRequiredService<ActionCorrections>().WithdrawAsync(id, reason, viewer, ct),
            (s, id, reason, viewer, ct) => s.GetRequiredService<ActionCorrections>().RestoreAsync(id, reason, viewer, ct));
    }
}

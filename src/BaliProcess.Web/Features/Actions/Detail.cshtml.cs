using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions;

/// <summary>One action: its text, who leads it, its status history, its indicators, and (for a lead or the RSO) the update form.</summary>
[AllowAnonymous]
public sealed class DetailModel(AppDbContext db, ActionCommands commands, AuditLog audit, TimeProvider time, IStringLocalizer<ActionsText> T,
    RecordCorrections corrections) : PageModel
{
    /// <summary>Whether the action is withdrawn, and its corrections for its owner member and the RSO (shown after a GET).</summary>
    public CorrectionsView? Corrections { get; private set; }

    [BindProperty]
    public StatusUpdateForm Form { get; set; } = new();

    [BindProperty]
    public IndicatorForm NewIndicator { get; set; } = new();

    [BindProperty]
    public IndicatorValueForm NewValue { get; set; } = new();

    [BindProperty]
    public IndicatorTargetForm NewTarget { get; set; } = new();

    public ActionDetailView Detail { get; private set; } = null!;

    /// <summary>What was just saved about an indicator ("added", "value", "target"), for the confirmation.</summary>
    public string? IndicatorSaved { get; private set; }

    public bool Added { get; private set; }

    public bool Corrected { get; private set; }

    /// <summary>Who may add an update, or correct the action, may correct an update.</summary>
    public bool MayCorrectUpdates => Detail.CanUpdate || Corrections?.MayCorrect == true;

    public string Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(Guid id, bool? added, string? indicator, bool? corrected, CancellationToken ct)
    {
        var detail = await ActionQueries.DetailAsync(db, HttpContext.Viewer(), id, ct);
        if (detail is null)
        {
            return NotFound();
        }

        await audit.RecordRestrictedReadAsync<TrackedAction>(ActionsModule.ActionRead, id, ct);
        Detail = detail;
        Corrections = await corrections.ViewAsync<TrackedAction>(id, HttpContext.Viewer(), ct);
        Added = added == true;
        Corrected = corrected == true;
        IndicatorSaved = indicator is "added" or "value" or "target" ? indicator : null;
        Form = new StatusUpdateForm { AsOf = Today, Status = detail.Action.Status.ToString() };
        NewValue = new IndicatorValueForm { AsOf = Today };
        return Page();
    }

    /// <summary>Anyone may post, and only a lead or the RSO gets past the command's checks; others see why on the form.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await commands.AddUpdateAsync(id, new StatusUpdateInput(Form.AsOf, Form.Status, Form.Narrative, Form.DueDate), HttpContext.Viewer(), ct);
        return await AfterAsync(id, result, nameof(Form), "added=true#history", ct);
    }

    public async Task<IActionResult> OnPostIndicatorAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var target = ParseNumber(NewIndicator.Target, nameof(NewIndicator) + ".Target");
        if (!ModelState.IsValid)
        {
            return await AfterAsync(id, CommandResult<IndicatorView>.Fail(new Validation()), nameof(NewIndicator), "", ct);
        }

        var result = await commands.AddIndicatorAsync(id, new IndicatorInput(NewIndicator.Name, NewIndicator.Unit, target), HttpContext.Viewer(), ct);
        return await AfterAsync(id, result, nameof(NewIndicator), "indicator=added#indicators", ct);
    }

    public async Task<IActionResult> OnPostValueAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var value = ParseNumber(NewValue.Value, nameof(NewValue) + ".Value");
        if (!ModelState.IsValid)
        {
            return await AfterAsync(id, CommandResult<IndicatorValueView>.Fail(new Validation()), nameof(NewValue), "", ct);
        }

        var result = NewValue.IndicatorId is { } indicatorId
            ? await commands.AddIndicatorValueAsync(id, indicatorId, new IndicatorValueInput(NewValue.AsOf, value, NewValue.Note), HttpContext.Viewer(), ct)
            : CommandResult<IndicatorValueView>.Fail(new Validation().Add("indicatorId", "Choose the indicator the value is for."));
        return await AfterAsync(id, result, nameof(NewValue), "indicator=value#indicators", ct);
    }

    public async Task<IActionResult> OnPostTargetAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var target = ParseNumber(NewTarget.Target, nameof(NewTarget) + ".Target");
        var indicator = NewTarget.IndicatorId is { } chosen
            ? await db.Set<Indicator>().AsNoTracking().Where(i => i.Id == chosen && i.ActionId == id).Select(i => new { i.Name, i.Unit }).FirstOrDefaultAsync(ct)
            : null;
        if (!ModelState.IsValid)
        {
            return await AfterAsync(id, CommandResult<IndicatorView>.Fail(new Validation()), nameof(NewTarget), "", ct);
        }

        var result = indicator is null
            ? CommandResult<IndicatorView>.Fail(new Validation().Add("indicatorId", "Choose the indicator whose target changes."))
            : await commands.ChangeIndicatorAsync(id, NewTarget.IndicatorId!.Value, new IndicatorInput(indicator.Name, indicator.Unit, target), HttpContext.Viewer(), ct);
        return await AfterAsync(id, result, nameof(NewTarget), "indicator=target#indicators", ct);
    }

    /// <summary>Back to the page after a save, or the page again with the failure shown on the form that was sent.</summary>
    private async Task<IActionResult> AfterAsync<TResult>(Guid id, CommandResult<TResult> result, string prefix, string query, CancellationToken ct)
    {
        if (result.Succeeded && ModelState.IsValid)
        {
            return Redirect($"/Actions/{id}?{query}");
        }

        var detail = await ActionQueries.DetailAsync(db, HttpContext.Viewer(), id, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        ModelState.AddFailure(result, T, prefix);
        return Page();
    }

    /// <summary>Numbers as number fields send them ("1234.5"); an empty field is no number.</summary>
    private double? ParseNumber(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        ModelState.AddModelError(key, T["'{0}' is not a number: write digits, with a point for decimals, for example 1250 or 12.5.", text]);
        return null;
    }
}

public sealed class StatusUpdateForm
{
    public string? AsOf { get; set; }

    public string? Status { get; set; }

    public string? Narrative { get; set; }

    public string? DueDate { get; set; }
}

public sealed class IndicatorForm
{
    public string? Name { get; set; }

    public string? Unit { get; set; }

    public string? Target { get; set; }
}

public sealed class IndicatorValueForm
{
    public Guid? IndicatorId { get; set; }

    public string? AsOf { get; set; }

    public string? Value { get; set; }

    public string? Note { get; set; }
}

public sealed class IndicatorTargetForm
{
    public Guid? IndicatorId { get; set; }

    public string? Target { get; set; }
}

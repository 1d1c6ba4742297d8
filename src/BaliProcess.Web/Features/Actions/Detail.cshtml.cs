using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions;

/// <summary>One action: its text, who leads it, its status history, its indicators, and (for a lead or the RSO) the update form.</summary>
[AllowAnonymous]
public sealed class DetailModel(AppDbContext db, ActionCommands commands, TimeProvider time, IStringLocalizer<ActionsText> T) : PageModel
{
    [BindProperty]
    public StatusUpdateForm Form { get; set; } = new();

    public ActionDetailView Detail { get; private set; } = null!;

    public bool Added { get; private set; }

    public string Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(Guid id, bool? added, CancellationToken ct)
    {
        var detail = await ActionQueries.DetailAsync(db, HttpContext.Viewer(), id, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        Added = added == true;
        Form = new StatusUpdateForm { AsOf = Today, Status = detail.Action.Status.ToString() };
        return Page();
    }

    /// <summary>Anyone may post, and only a lead or the RSO gets past the command's checks; others see why on the form.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var viewer = HttpContext.Viewer();
        var result = await commands.AddUpdateAsync(id, new StatusUpdateInput(Form.AsOf, Form.Status, Form.Narrative, Form.DueDate), viewer, ct);
        if (result.Succeeded)
        {
            return Redirect($"/Actions/{id}?added=true#history");
        }

        var detail = await ActionQueries.DetailAsync(db, viewer, id, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        if (result.Problem is not null)
        {
            ModelState.AddModelError("", T[result.ProblemMessage ?? ""]);
        }

        foreach (var (field, message) in result.Invalid?.Localized(T) ?? [])
        {
            ModelState.AddModelError($"Form.{char.ToUpperInvariant(field[0])}{field[1..]}", message);
        }

        return Page();
    }
}

public sealed class StatusUpdateForm
{
    public string? AsOf { get; set; }

    public string? Status { get; set; }

    public string? Narrative { get; set; }

    public string? DueDate { get; set; }
}

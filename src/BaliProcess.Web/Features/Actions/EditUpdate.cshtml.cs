using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions;

/// <summary>
/// Correcting one status update (its date, status and narrative) with a reason: the original stays in the action's
/// history. Those who may add updates to the action, or correct it, may correct its updates.
/// </summary>
[Authorize(Policy = Policies.Editor)]
public sealed class EditUpdateModel(AppDbContext db, ActionCorrections commands, TimeProvider time, IStringLocalizer<ValidationText> validationText) : PageModel
{
    [BindProperty]
    public StatusUpdateEditForm Form { get; set; } = new();

    public ActionDetailView Detail { get; private set; } = null!;

    public StatusUpdateView Update { get; private set; } = null!;

    public string Today { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid updateId, CancellationToken ct)
    {
        if (!await LoadAsync(id, updateId, ct))
        {
            return NotFound();
        }

        Form = new StatusUpdateEditForm { AsOf = Update.AsOf.ToString("yyyy-MM-dd"), Status = Update.Status.ToString(), Narrative = Update.Narrative };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid updateId, CancellationToken ct)
    {
        if (!await LoadAsync(id, updateId, ct))
        {
            return NotFound();
        }

        var input = new StatusUpdateCorrectionInput(Form.AsOf ?? "", Form.Status ?? "", Form.Narrative ?? "", Form.Reason);
        var result = await commands.CorrectUpdateAsync(id, updateId, input, HttpContext.Viewer(), ct);
        return this.CorrectionOutcome(result, $"/Actions/{id}?corrected=true#history", validationText);
    }

    private async Task<bool> LoadAsync(Guid id, Guid updateId, CancellationToken ct)
    {
        var detail = await ActionQueries.DetailAsync(db, HttpContext.Viewer(), id, ct);
        if (detail?.Updates.FirstOrDefault(u => u.Id == updateId) is not { } update)
        {
            return false;
        }

        (Detail, Update, Today) = (detail, update, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}

public sealed class StatusUpdateEditForm
{
    public string? AsOf { get; set; }

    public string? Status { get; set; }

    public string? Narrative { get; set; }

    public string? Reason { get; set; }
}

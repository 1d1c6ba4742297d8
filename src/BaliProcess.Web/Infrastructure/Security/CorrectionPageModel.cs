using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// What every record's correction page shares: loading the record with what the viewer may know of its corrections
/// (404 when the viewer cannot see it), the withdraw and restore forms with their reason, and the end of each post
/// (back to the record's page, or the page again with the messages).
/// </summary>
/// <param name="recordUrl">The record's page (where a successful correction leads), with <c>{0}</c> for its id.</param>
public abstract class CorrectionPageModel<TRecord>(RecordCorrections corrections, IStringLocalizer<ValidationText> validationText, string recordUrl,
    Func<Guid, string?, Viewer, CancellationToken, Task<CommandResult<WithdrawalView>>> withdraw,
    Func<Guid, string?, Viewer, CancellationToken, Task<CommandResult<bool>>> restore) : PageModel
    where TRecord : class, IScopedRecord
{
    /// <summary>The reason of the withdraw or restore form.</summary>
    [BindProperty]
    public string? WithdrawReason { get; set; }

    public CorrectionsView Corrections { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        FillForm();
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        return !await LoadAsync(id, ct) ? NotFound() : Done(await withdraw(id, WithdrawReason, HttpContext.Viewer(), ct), id, nameof(WithdrawReason));
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        return !await LoadAsync(id, ct) ? NotFound() : Done(await restore(id, WithdrawReason, HttpContext.Viewer(), ct), id, nameof(WithdrawReason));
    }

    /// <summary>Loads the record's own page data; false when the viewer cannot see the record.</summary>
    protected abstract Task<bool> LoadRecordAsync(Guid id, Viewer viewer, CancellationToken ct);

    /// <summary>Fills the edit form with the record's current values.</summary>
    protected abstract void FillForm();

    /// <summary>The record's page, where a successful correction leads.</summary>
    protected virtual string RecordUrl(Guid id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, recordUrl, id);

    /// <summary>Called before the page is shown again with messages (to add an empty row to a list, say).</summary>
    protected virtual void BeforeRedisplay()
    {
    }

    protected async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        if (!await LoadRecordAsync(id, viewer, ct) || await corrections.ViewAsync<TRecord>(id, viewer, ct) is not { } view)
        {
            return false;
        }

        Corrections = view;
        return true;
    }

    /// <summary>Runs a correction of the edit form after loading the record (404 when the viewer cannot see it).</summary>
    protected async Task<IActionResult> EditAsync(Guid id, Func<Viewer, Task<CommandResult<Guid>>> edit, CancellationToken ct)
    {
        ModelState.Clear();
        return !await LoadAsync(id, ct) ? NotFound() : Done(await edit(HttpContext.Viewer()), id);
    }

    protected IActionResult Done<T>(CommandResult<T> result, Guid id, string reasonField = "Form.Reason")
    {
        BeforeRedisplay();
        return this.CorrectionOutcome(result, $"{RecordUrl(id)}?corrected=true", validationText, reasonField);
    }
}

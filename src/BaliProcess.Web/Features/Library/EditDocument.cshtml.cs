using BaliProcess.Documents;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Library;

/// <summary>Correcting a document (title, kind, date, language, scope), withdrawing and restoring it, each with a reason.</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class EditDocumentModel(AppDbContext db, LibraryCorrections commands, RecordCorrections corrections,
    IStringLocalizer<ValidationText> validationText) : PageModel
{
    [BindProperty]
    public DocumentEditForm Form { get; set; } = new();

    [BindProperty]
    public string? WithdrawReason { get; set; }

    public DocumentDetailView Detail { get; private set; } = null!;

    public CorrectionsView Corrections { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var d = Detail.Document;
        Form = new DocumentEditForm { Title = d.Title, Kind = d.Kind, Date = d.Date?.ToString("yyyy-MM-dd"), Language = d.Language, Scope = d.Scope };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // The scope is sent only when it changes (or names members), so that correcting a title keeps the grants as they are.
        var scopeChanged = Form.Scope != Detail.Document.Scope || !string.IsNullOrWhiteSpace(Form.NamedMembers);
        var input = new DocumentEditInput(Form.Title ?? "", Form.Kind?.ToString() ?? "", Form.Date ?? "", Form.Language ?? "",
            scopeChanged ? Form.Scope : null, (Form.NamedMembers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ConfirmWidening: Form.ConfirmWidening, Reason: Form.Reason);
        return Done(await commands.EditDocumentAsync(id, input, HttpContext.Viewer(), ct), id);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return Done(await commands.WithdrawDocumentAsync(id, WithdrawReason, HttpContext.Viewer(), ct), id, "WithdrawReason");
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return Done(await commands.RestoreDocumentAsync(id, WithdrawReason, HttpContext.Viewer(), ct), id, "WithdrawReason");
    }

    private IActionResult Done<T>(CommandResult<T> result, Guid id, string reasonField = "Form.Reason") =>
        this.CorrectionOutcome(result, $"/Library/Documents/{id}?corrected=true", validationText, reasonField);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        if (await LibraryQueries.DocumentAsync(db, viewer, id, ct) is not { } detail || await corrections.ViewAsync<LibraryDocument>(id, viewer, ct) is not { } view)
        {
            return false;
        }

        (Detail, Corrections) = (detail, view);
        return true;
    }
}

public sealed class DocumentEditForm
{
    public string? Title { get; set; }

    public DocumentKind? Kind { get; set; }

    public string? Date { get; set; }

    public string? Language { get; set; }

    public DistributionScope? Scope { get; set; }

    public string? NamedMembers { get; set; }

    public bool ConfirmWidening { get; set; }

    public string? Reason { get; set; }
}

using BaliProcess.Documents;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Library;

/// <summary>Correcting a document (title, kind, date, language, scope), withdrawing and restoring it, each with a reason.</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class EditDocumentModel(AppDbContext db, LibraryCorrections commands, RecordCorrections corrections,
    IStringLocalizer<ValidationText> validationText) : CorrectionPageModel<LibraryDocument>(corrections, validationText, "/Library/Documents/{0}", commands.WithdrawDocumentAsync, commands.RestoreDocumentAsync)
{
    [BindProperty]
    public DocumentEditForm Form { get; set; } = new();

    public DocumentDetailView Detail { get; private set; } = null!;

    protected override void FillForm()
    {
        var d = Detail.Document;
        Form = new DocumentEditForm { Title = d.Title, Kind = d.Kind, Date = d.Date?.ToString("yyyy-MM-dd"), Language = d.Language, Scope = d.Scope };
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => EditAsync(id, viewer =>
    {
        // The scope is sent only when it changes (or names members), so that correcting a title keeps the grants as they are.
        var scopeChanged = Form.Scope != Detail.Document.Scope || !string.IsNullOrWhiteSpace(Form.NamedMembers);
        var input = new DocumentEditInput(Form.Title ?? "", Form.Kind?.ToString() ?? "", Form.Date ?? "", Form.Language ?? "",
            scopeChanged ? Form.Scope : null, (Form.NamedMembers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ConfirmWidening: Form.ConfirmWidening, Reason: Form.Reason);
        return commands.EditDocumentAsync(id, input, viewer, ct);
    }, ct);

    protected override async Task<bool> LoadRecordAsync(Guid id, Viewer viewer, CancellationToken ct)
    {
        Detail = (await LibraryQueries.DocumentAsync(db, viewer, id, ct))!;
        return Detail is not null;
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

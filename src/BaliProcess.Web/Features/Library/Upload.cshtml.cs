using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// Upload, preview, save. The first post reads the file and shows what was recognised, every field editable; the
/// file waits in <see cref="PendingUploads"/> meanwhile. Only the second post (Save) writes to the library.
/// </summary>
[Authorize(Policy = Policies.Editor)]
public sealed class UploadModel(
    DocumentImporter importer,
    PendingUploads pending,
    AppDbContext db,
    IOptions<LibraryOptions> options,
    IStringLocalizer<ValidationText> validationText,
    IStringLocalizer<LibraryText> text) : PageModel
{
    [BindProperty]
    public ImportDraftForm Form { get; set; } = new();

    /// <summary>Set once a file has been read: the page then shows the preview form.</summary>
    public ImportPreview? Preview { get; private set; }

    public IReadOnlyList<BodyView> Bodies { get; private set; } = [];

    public IReadOnlyList<DocumentSummaryView> Originals { get; private set; } = [];

    /// <summary>The uploader's member, named in the preview's sentence of who will see the document.</summary>
    public string OwnerName { get; private set; } = "";

    public string MaxMegabytes => LibraryLimits.Megabytes(options.Value.MaxFileBytes);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var viewer = HttpContext.Viewer();
        var context = await importer.ResolveContextAsync(new ScopeInput(Form.Scope, Form.NamedMemberCodes), viewer, null, ct);
        if (!context.Succeeded)
        {
            ModelState.AddFailure(context, validationText);
        }

        var file = Form.File;
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            ModelState.AddModelError("Form.File", validationText["Choose a file to upload."]);
            return Page();
        }

        if (file.Length > options.Value.MaxFileBytes)
        {
            ModelState.AddModelError("Form.File", validationText["'{0}' is larger than the {1} MB the library accepts.", ImportNames.CleanText(file.FileName), MaxMegabytes]);
            return Page();
        }

        byte[] content;
        await using (var stream = file.OpenReadStream())
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy, ct);
            content = copy.ToArray();
        }

        var analysis = await importer.AnalyseAsync(file.FileName, content, viewer, ct);
        if (!ShowAnalysis(analysis) || !ModelState.IsValid)
        {
            return Page();
        }

        Form.Token = await pending.SaveAsync(analysis.Preview!.FileName, content, viewer.UserId!.Value, ct);
        ImportDraftText.Fill(Form, analysis.Preview.Draft);
        return await PreviewPageAsync(analysis.Preview, ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var viewer = HttpContext.Viewer();
        var upload = await pending.LoadAsync(Form.Token, viewer.UserId!.Value, ct);
        if (upload is null)
        {
            ModelState.AddModelError("Form.File", text["The uploaded file is no longer waiting (it expired or belongs to another session): upload it again."]);
            return Page();
        }

        var analysis = await importer.AnalyseAsync(upload.FileName, upload.Content, viewer, ct);
        if (!ShowAnalysis(analysis))
        {
            pending.Delete(Form.Token);
            return Page();
        }

        var preview = analysis.Preview!;
        var context = await importer.ResolveContextAsync(new ScopeInput(Form.Scope, Form.NamedMemberCodes), viewer, null, ct);
        if (!context.Succeeded)
        {
            ModelState.AddFailure(context, validationText);
            return await PreviewPageAsync(preview, ct);
        }

        var validation = new Validation();
        var draft = ImportDraftText.Read(Form, validation);
        if (!validation.IsValid)
        {
            ModelState.AddFailure(CommandResult<ImportDraft>.Fail(validation), validationText);
            return await PreviewPageAsync(preview, ct);
        }

        var result = await importer.CommitAsync(context.Value!, preview, draft, upload.Content, strict: true, ct);
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText);
            return await PreviewPageAsync(preview, ct);
        }

        var saved = result.Value!;
        if (saved.Status == ImportStatus.Failed)
        {
            ModelState.AddModelError("", text["The document could not be saved, so nothing of it was kept: {0}", saved.Message]);
            return await PreviewPageAsync(preview, ct);
        }

        pending.Delete(Form.Token);
        if (saved.DocumentId is { } id)
        {
            return Redirect($"/Library/Documents/{id}?imported={saved.Status == ImportStatus.Imported}");
        }

        ModelState.AddModelError("Form.File", validationText["This file is already in the library."]);
        return Page();
    }

    /// <summary>Puts a file that cannot be previewed on the form; true when there is a preview.</summary>
    private bool ShowAnalysis(ImportAnalysis analysis)
    {
        if (analysis.Existing is { } existing)
        {
            ModelState.AddModelError("Form.File", existing.Title is null
                ? validationText["This file is already in the library."]
                : validationText["This file is already in the library as \"{0}\".", existing.Title]);
            return false;
        }

        if (analysis.Invalid is { } invalid)
        {
            ModelState.AddFailure(CommandResult<ImportPreview>.Fail(invalid), validationText);
            return false;
        }

        return true;
    }

    private async Task<IActionResult> PreviewPageAsync(ImportPreview preview, CancellationToken ct)
    {
        Preview = preview;
        Bodies = await DirectoryQueries.BodiesAsync(db, ct);
        var member = HttpContext.Viewer().MemberId;
        OwnerName = await db.Set<Member>().Where(m => m.Id == member).Select(m => m.Name).SingleOrDefaultAsync(ct) ?? "";
        Originals = await LibraryQueries.OriginalsAsync(db, HttpContext.Viewer(), ct);
        return Page();
    }
}

using BaliProcess.Documents;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Actions;

/// <summary>
/// Imports a progress report (txt, DOCX or PDF) into the tracker through the Library's importer: the first post reads
/// the file and previews the actions, with each quantity found offered as an indicator value; Save imports the
/// document and, through <see cref="ProgressReportImportHandler"/>, the actions with the ticked quantities. Nothing is
/// written before Save, and a file that cannot be read or holds no progress-report table changes nothing.
/// </summary>
[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class ImportModel(
    DocumentImporter importer,
    PendingUploads pending,
    ProgressReportImportChoices choices,
    AppDbContext db,
    IOptions<LibraryOptions> options,
    IStringLocalizer<ValidationText> validationText,
    IStringLocalizer<ActionsText> T) : PageModel
{
    public static readonly IReadOnlyList<DistributionScope> ScopeChoices = [DistributionScope.Public, DistributionScope.AllMembers, DistributionScope.OwnMember];

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Token { get; set; }

    [BindProperty]
    public DistributionScope? Scope { get; set; } = DistributionScope.Public;

    /// <summary>Keys of the quantities ticked in the preview.</summary>
    [BindProperty]
    public List<string> Capture { get; set; } = [];

    public string? FileName { get; private set; }

    public string? ReportTitle { get; private set; }

    public DateOnly? ReportDate { get; private set; }

    public IReadOnlyList<ActionReading>? Readings { get; private set; }

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public IReadOnlyDictionary<string, string> PartyNames { get; private set; } = new Dictionary<string, string>();

    public long MaxMegabytes => options.Value.MaxFileBytes / 1024 / 1024;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var viewer = HttpContext.Viewer();
        if (Upload is null || (Upload.Length == 0 && string.IsNullOrEmpty(Upload.FileName)))
        {
            ModelState.AddModelError(nameof(Upload), T["Choose a progress report file (.txt, .docx or .pdf)."]);
            return Page();
        }

        if (Upload.Length > options.Value.MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), T["The file is larger than the {0} MB the library accepts.", MaxMegabytes]);
            return Page();
        }

        byte[] content;
        await using (var stream = Upload.OpenReadStream())
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy, ct);
            content = copy.ToArray();
        }

        var report = await ReadAsync(Upload.FileName, content, viewer, ct);
        if (report is null)
        {
            return Page();
        }

        Token = await pending.SaveAsync(FileName!, content, viewer.UserId!.Value, ct);
        Capture = Readings!.SelectMany(r => r.Quantities).Select(q => q.Key).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var viewer = HttpContext.Viewer();
        var upload = await pending.LoadAsync(Token, viewer.UserId!.Value, ct);
        if (upload is null)
        {
            ModelState.AddModelError(nameof(Upload), T["The uploaded file is no longer waiting (it expired or belongs to another session): upload it again."]);
            return Page();
        }

        var analysis = await ReadAsync(upload.FileName, upload.Content, viewer, ct);
        if (analysis is null)
        {
            pending.Delete(Token);
            return Page();
        }

        var context = await importer.ResolveContextAsync(new ScopeInput(Scope ?? DistributionScope.Public), viewer, null, ct);
        if (!context.Succeeded)
        {
            foreach (var (field, message) in context.Invalid?.Localized(validationText) ?? [])
            {
                ModelState.AddModelError(field == "scope" ? nameof(Scope) : "", message);
            }

            return Page();
        }

        choices.CaptureQuantities = Capture.ToHashSet(StringComparer.Ordinal);
        var result = await importer.CommitAsync(context.Value!, analysis, analysis.Draft, upload.Content, strict: false, ct);
        var saved = result.Value;
        if (!result.Succeeded || saved is null || saved.Status == ImportStatus.Failed)
        {
            ModelState.AddModelError("", T["The report could not be imported, so nothing of it was kept: {0}", saved?.Message ?? result.ProblemMessage ?? ""]);
            return Page();
        }

        pending.Delete(Token);
        if (saved.Status == ImportStatus.Unchanged)
        {
            ModelState.AddModelError(nameof(Upload), T["This report is already in the library, so its actions are already in the tracker; nothing changed."]);
            Readings = null;
            return Page();
        }

        return Redirect($"/Actions?imported={Readings!.Count}");
    }

    /// <summary>Reads and recognises the file through the Library's importer; puts on the form why it cannot be imported.</summary>
    private async Task<ImportPreview?> ReadAsync(string fileName, byte[] content, Viewer viewer, CancellationToken ct)
    {
        var analysis = await importer.AnalyseAsync(fileName, content, viewer, ct);
        if (analysis.Existing is not null)
        {
            ModelState.AddModelError(nameof(Upload), T["This report is already in the library, so its actions are already in the tracker; nothing changed."]);
            return null;
        }

        if (analysis.Invalid is { } invalid)
        {
            foreach (var (_, message) in invalid.Localized(validationText))
            {
                ModelState.AddModelError(nameof(Upload), T["The file cannot be imported: {0}", message]);
            }

            return null;
        }

        var preview = analysis.Preview!;
        if (preview.Draft.Kind != DocumentKind.ProgressReport || preview.ProgressReport is not { } report || report.Themes.Sum(t => t.Actions.Count) == 0)
        {
            ModelState.AddModelError(nameof(Upload), T["'{0}' is not a progress report: no table of numbered actions with a \"Who\" column was found in it.", preview.FileName]);
            return null;
        }

        FileName = preview.FileName;
        ReportTitle = report.Title;
        ReportDate = report.Date ?? preview.Draft.Date;
        Readings = ProgressReportReading.Read(report);
        Warnings = preview.Warnings;
        PartyNames = await PartyNamesAsync(ct);
        return preview;
    }

    private async Task<Dictionary<string, string>> PartyNamesAsync(CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in await db.Set<Member>().AsNoTracking().ToListAsync(ct))
        {
            names.TryAdd(member.Code, member.Name);
        }

        foreach (var body in await db.Set<Body>().AsNoTracking().ToListAsync(ct))
        {
            names.TryAdd(body.Code, body.Name);
        }

        return names;
    }
}

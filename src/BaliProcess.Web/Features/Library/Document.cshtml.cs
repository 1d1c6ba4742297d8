using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Library;

/// <summary>The document reader: metadata, the languages the document exists in, its text and its original file.</summary>
[AllowAnonymous]
public sealed class DocumentModel(AppDbContext db, AuditLog audit, RecordCorrections corrections) : PageModel
{
    public CorrectionsView Corrections { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Corrected { get; set; }

    public DocumentDetailView Detail { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Imported { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var detail = await LibraryQueries.DocumentAsync(db, HttpContext.Viewer(), id, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Corrections = (await corrections.ViewAsync<LibraryDocument>(id, HttpContext.Viewer(), ct))!;
        await audit.RecordRestrictedReadAsync<LibraryDocument>(LibraryAudit.DocumentRead, id, ct);
        Detail = detail;
        return Page();
    }

    /// <summary>The text as paragraphs (blank lines between them), each a list of lines.</summary>
    public IEnumerable<string[]> Paragraphs() =>
        Detail.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('\n', StringSplitOptions.TrimEntries));
}

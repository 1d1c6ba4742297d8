using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Library;

[AllowAnonymous]
public sealed class MeetingModel(AppDbContext db, AuditLog audit, RecordCorrections corrections) : PageModel
{
    public CorrectionsView Corrections { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Corrected { get; set; }

    public MeetingDetailView Detail { get; private set; } = null!;

    /// <summary>Whoever may correct the meeting may open the review page, where names kept unlinked are linked.</summary>
    public bool MayReview => Corrections.MayCorrect;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var detail = await LibraryQueries.MeetingAsync(db, HttpContext.Viewer(), id, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Corrections = (await corrections.ViewAsync<Meeting>(id, HttpContext.Viewer(), ct))!;
        await audit.RecordRestrictedReadAsync<Meeting>(LibraryAudit.MeetingRead, id, ct);
        Detail = detail;
        return Page();
    }
}

using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Training;

/// <summary>A course: what it teaches, to whom, its provider and its sessions; the provider's editors see links to change it.</summary>
[AllowAnonymous]
public sealed class CourseModel(AppDbContext db, AuditLog audit, RecordCorrections corrections) : PageModel
{
    public CourseView Course { get; private set; } = null!;

    public CorrectionsView Corrections { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        if (await TrainingQueries.CourseAsync(db, viewer, id, ct) is not { } course)
        {
            return NotFound();
        }

        Corrections = (await corrections.ViewAsync<Course>(id, viewer, ct))!;
        await audit.RecordRestrictedReadAsync<Course>(TrainingAudit.CourseRead, id, ct);
        Course = course;
        return Page();
    }
}

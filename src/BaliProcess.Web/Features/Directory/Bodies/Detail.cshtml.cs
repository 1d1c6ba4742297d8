using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Directory.Bodies;

[AllowAnonymous]
public sealed class DetailModel(AppDbContext db, TimeProvider time) : PageModel
{
    public BodyDetailView Detail { get; private set; } = null!;

    public bool CanCorrect { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var detail = await DirectoryQueries.BodyDetailAsync(db, code, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        CanCorrect = HttpContext.Viewer() is { IsPlatformAdmin: true, IsApiKey: false };
        return Page();
    }
}

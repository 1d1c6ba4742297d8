using BaliProcess.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Directory.Bodies;

[AllowAnonymous]
public sealed class DetailModel(AppDbContext db) : PageModel
{
    public BodyDetailView Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var detail = await DirectoryQueries.BodyDetailAsync(db, code, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        return Page();
    }
}

using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Directory.Members;

[AllowAnonymous]
public sealed class DetailModel(AppDbContext db) : PageModel
{
    public MemberDetailView Detail { get; private set; } = null!;

    public bool IsOwnMember { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        var detail = await DirectoryQueries.MemberDetailAsync(db, code, viewer, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        IsOwnMember = viewer.MemberId == detail.Member.Id;
        return Page();
    }
}

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

    public bool CanCorrect { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        var detail = await DirectoryQueries.MemberDetailAsync(db, code, viewer, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        // The link is offered to whoever the page's policy (Policies.Editor) lets in: no analyst, oversight reader or key.
        IsOwnMember = viewer.MemberId == detail.Member.Id && !viewer.IsApiKey && viewer.Roles.Overlaps(Roles.Editors);
        CanCorrect = viewer is { IsPlatformAdmin: true, IsApiKey: false };
        return Page();
    }
}

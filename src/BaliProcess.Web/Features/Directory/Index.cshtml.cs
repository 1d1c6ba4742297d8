using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Directory;

[AllowAnonymous]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public MemberKind? Kind { get; set; }

    public IReadOnlyList<MemberView> Members { get; private set; } = [];

    public bool CanAddMember { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await DirectoryQueries.MembersAsync(db, Kind, ct);
        var q = Q?.Trim();
        Members = string.IsNullOrEmpty(q)
            ? all
            : all.Where(m => m.Name.Contains(q, StringComparison.OrdinalIgnoreCase)
                || m.Code.Equals(q, StringComparison.OrdinalIgnoreCase)
                || m.Variants.Any(v => v.Contains(q, StringComparison.OrdinalIgnoreCase))).ToList();
        CanAddMember = HttpContext.Viewer().IsPlatformAdmin;
    }
}

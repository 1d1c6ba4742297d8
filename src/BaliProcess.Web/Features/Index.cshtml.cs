using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(AppDbContext db, Navigation navigation) : PageModel
{
    public int MemberCount { get; private set; }

    public int BodyCount { get; private set; }

    public bool SignedIn { get; private set; }

    public IReadOnlyList<NavigationItem> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        MemberCount = await db.Set<Member>().CountAsync(m => m.Kind != MemberKind.SupportOffice, ct);
        BodyCount = await db.Set<Body>().CountAsync(ct);
        SignedIn = User.Identity?.IsAuthenticated == true;
        var viewer = HttpContext.Viewer();
        Sections = navigation.Items.Where(i => i.Order > 11 && (!i.MembersOnly || viewer.IsMember)).ToList();
    }
}

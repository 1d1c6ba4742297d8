using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Accounts;

public sealed class ManageModel(UserManager<AppUser> users, AppDbContext db) : PageModel
{
    public UserView Me { get; private set; } = null!;

    public bool CanManageMember { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = (await users.GetUserAsync(User))!;
        var code = await db.Set<Member>().Where(m => m.Id == user.MemberId).Select(m => m.Code).SingleAsync(ct);
        var roles = await users.GetRolesAsync(user);
        Me = new UserView(user.Id, user.Email!, user.DisplayName, code, user.Agency, roles.ToList(), user.TwoFactorEnabled, false);
        var viewer = HttpContext.Viewer();
        CanManageMember = viewer.IsInRole(Roles.MemberAdmin) || viewer.IsPlatformAdmin;
    }
}

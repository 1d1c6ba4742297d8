using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Accounts;

[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var viewer = HttpContext.Viewer();
            await audit.RecordNowAsync("account.signout", nameof(AppUser), viewer.UserId, AuditOutcome.Succeeded, null, ct, viewer.MemberId);
        }

        await signIn.SignOutAsync();
        return RedirectToPage();
    }
}

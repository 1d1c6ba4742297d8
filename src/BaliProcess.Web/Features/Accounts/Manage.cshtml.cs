using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Accounts;

[BaliProcess.Web.Infrastructure.Web.DoNotCompress]
public sealed class ManageModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, OwnAccount own,
    IStringLocalizer<ValidationText> validationText, IStringLocalizer<AccountsText> text) : PageModel
{
    public UserView Me { get; private set; } = null!;

    public bool CanManageMember { get; private set; }

    [BindProperty]
    public PasswordForm Password { get; set; } = new();

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostChangePasswordAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await own.ChangePasswordAsync(HttpContext.Viewer().UserId!.Value, new PasswordChangeInput(Password.CurrentPassword, Password.NewPassword), ct);
        if (result.Succeeded)
        {
            // This browser stays signed in under a new session; every other one has ended.
            await signIn.RefreshSignInAsync((await users.FindByIdAsync(result.Value!.UserId.ToString()))!);
            TempData["AccountMessage"] = text["Your password is changed. Every other session of your account was signed out."].Value;
            return RedirectToPage();
        }

        ModelState.AddFailure(result, validationText, nameof(Password));
        Password = new PasswordForm();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await own.RegenerateRecoveryCodesAsync(HttpContext.Viewer().UserId!.Value, new ConfirmInput(true), ct);
        if (result.Succeeded)
        {
            RecoveryCodes = result.Value!.Codes;
        }
        else
        {
            ModelState.AddFailure(result, validationText);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(bool confirm, CancellationToken ct)
    {
        var result = await own.SignOutEverywhereAsync(HttpContext.Viewer().UserId!.Value, new ConfirmInput(confirm), ct);
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText);
            await LoadAsync(ct);
            return Page();
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Accounts/SignIn");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = (await users.GetUserAsync(User))!;
        var code = await db.Set<Member>().Where(m => m.Id == user.MemberId).Select(m => m.Code).SingleAsync(ct);
        var roles = await users.GetRolesAsync(user);
        Me = new UserView(user.Id, user.Email!, user.DisplayName, code, user.Agency, roles.ToList(), user.TwoFactorEnabled, false);
        var viewer = HttpContext.Viewer();
        CanManageMember = viewer.IsInRole(Roles.MemberAdmin) || viewer.IsPlatformAdmin;
        Sessions = await own.SessionsAsync(user.Id, UserSessions.SessionId(User), ct);
        Message ??= TempData["AccountMessage"] as string;
    }
}

public sealed class PasswordForm
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }
}

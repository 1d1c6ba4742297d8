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
public sealed class ManageModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, OwnAccount own, Passkeys passkeys,
    IStringLocalizer<ValidationText> validationText, IStringLocalizer<AccountsText> text) : PageModel
{
    public UserView Me { get; private set; } = null!;

    public bool CanManageMember { get; private set; }

    [BindProperty]
    public PasswordForm Password { get; set; } = new();

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    [BindProperty]
    public PasskeyForm Passkey { get; set; } = new();

    public IReadOnlyList<PasskeyView> PasskeyList { get; private set; } = [];

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

    /// <summary>The WebAuthn creation options for the script; the challenge waits in a protected cookie.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await passkeys.BeginRegistrationAsync(HttpContext, (await users.GetUserAsync(User))!), "application/json");

    public async Task<IActionResult> OnPostRegisterPasskeyAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await passkeys.RegisterAsync(HttpContext, HttpContext.Viewer().UserId!.Value, new PasskeyRegistrationInput(Passkey.Name, Passkey.Credential), ct);
        if (result.Succeeded)
        {
            TempData["AccountMessage"] = text["Passkey \"{0}\" is registered. You can use it instead of a code when you sign in.", result.Value!.Name].Value;
            return RedirectToPage(null, null, "passkeys");
        }

        ModelState.AddFailure(result, validationText, nameof(Passkey));
        Passkey.Credential = null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(string? id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await passkeys.RemoveAsync(HttpContext.Viewer().UserId!.Value, id, ct);
        if (result.Succeeded)
        {
            TempData["AccountMessage"] = text["Passkey \"{0}\" is removed.", result.Value!.Name].Value;
            return RedirectToPage(null, null, "passkeys");
        }

        ModelState.AddFailure(result, validationText);
        await LoadAsync(ct);
        return Page();
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
        PasskeyList = await passkeys.ListAsync(user.Id, ct);
        Message ??= TempData["AccountMessage"] as string;
    }
}

public sealed class PasswordForm
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }
}

using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(PlatformSecurity.SignInRateLimit)]
public sealed class SignInModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, IStringLocalizer<AccountsText> text) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), text["Enter your e-mail address."]);
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), text["Enter your password."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Email!.Trim();
        var result = await signIn.PasswordSignInAsync(email, Password!, isPersistent: false, lockoutOnFailure: true);
        var user = await users.FindByEmailAsync(email);
        var outcome = result.Succeeded || result.RequiresTwoFactor ? AuditOutcome.Succeeded : AuditOutcome.Denied;
        var detail = result.IsLockedOut ? "locked out" : result.RequiresTwoFactor ? "password ok, second factor pending" : result.Succeeded ? "password ok, second factor not set up" : "wrong e-mail or password";
        await audit.RecordNowAsync("account.signin.password", nameof(AppUser), user?.Id, outcome, $"{email}: {detail}", ct);

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Accounts/TwoFactor", new { ReturnUrl = SafeReturnUrl() });
        }

        if (result.Succeeded)
        {
            // Every account can read restricted data, so every account must set up a second factor first.
            return RedirectToPage("/Accounts/SetupTwoFactor", new { ReturnUrl = SafeReturnUrl() });
        }

        ModelState.AddModelError("", result.IsLockedOut
            ? text["This account is locked for 15 minutes after too many failed attempts."]
            : text["The e-mail address or the password is not right."]);
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}

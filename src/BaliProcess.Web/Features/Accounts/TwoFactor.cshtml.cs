using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(PlatformSecurity.SignInRateLimit)]
public sealed class TwoFactorModel(SignInManager<AppUser> signIn, Passkeys passkeys, AuditLog audit,
    IStringLocalizer<ValidationText> validationText, IStringLocalizer<AccountsText> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Credential { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Whether the account has a passkey (the page then offers it; the script shows the button).</summary>
    public bool HasPasskey { get; private set; }

    /// <summary>Whether only a passkey is accepted (a platform administrator when Accounts:RequirePasskeyForPlatformAdmins).</summary>
    public bool PasskeyOnly { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Accounts/SignIn");
        }

        await LoadAsync(user, ct);
        return Page();
    }

    /// <summary>The WebAuthn request options for the script, for the passkeys of the account that passed the password step.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || !await passkeys.HasAnyAsync(user.Id, ct))
        {
            return NotFound();
        }

        return Content(await passkeys.BeginAssertionAsync(HttpContext, user), "application/json");
    }

    public async Task<IActionResult> OnPostPasskeyAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Accounts/SignIn");
        }

        var result = await passkeys.VerifyAssertionAsync(HttpContext, user, Credential, ct);
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText, "Passkey");
            await LoadAsync(user, ct);
            return Page();
        }

        // What TwoFactorSignInAsync does after a right code: the two-factor cookie goes, the lockout count resets,
        // and the session carries the second-factor marker.
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.UserManager.ResetAccessFailedCountAsync(user);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new(PlatformClaims.AuthenticationMethod, PlatformClaims.MultiFactor)]);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Accounts/SignIn");
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(Code), text["Enter the code from your authenticator app."]);
            return Page();
        }

        await LoadAsync(user, ct);
        if (PasskeyOnly && HasPasskey)
        {
            await audit.RecordNowAsync("account.signin.second-factor", nameof(AppUser), user.Id, AuditOutcome.Denied, "code refused: passkey required", ct, user.MemberId);
            ModelState.AddModelError(nameof(Code), text["Platform administrators sign in with their passkey. Use the passkey button."]);
            return Page();
        }

        if (PasskeyOnly)
        {
            // Enrolment: the code proves the second factor this once, and the session may do nothing but register a passkey.
            return await EnrolAfterCodeAsync(user, code, ct);
        }

        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode(code));
        await audit.RecordNowAsync("account.signin.second-factor", nameof(AppUser), user.Id,
            result.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Denied, result.IsLockedOut ? "locked out" : null, ct, user.MemberId);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? text["This account is locked for 15 minutes after too many failed attempts."]
            : text["That code is not right. Enter the six digits your app shows now."]);
        return Page();
    }

    private async Task<IActionResult> EnrolAfterCodeAsync(AppUser user, string code, CancellationToken ct)
    {
        var users = signIn.UserManager;
        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(nameof(Code), text["This account is locked for 15 minutes after too many failed attempts."]);
            return Page();
        }

        var valid = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, RecoveryCode(code))).Succeeded;
        await audit.RecordNowAsync("account.signin.second-factor", nameof(AppUser), user.Id,
            valid ? AuditOutcome.Succeeded : AuditOutcome.Denied, valid ? "code ok, passkey enrolment pending" : null, ct, user.MemberId);
        if (!valid)
        {
            await users.AccessFailedAsync(user);
            ModelState.AddModelError(nameof(Code), text["That code is not right. Enter the six digits your app shows now."]);
            return Page();
        }

        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await users.ResetAccessFailedCountAsync(user);
        // Without the second-factor marker: like an account that has not set up two-factor sign-in, it sees nothing until enrolment ends.
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Accounts/SetupPasskey", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" });
    }

    private async Task LoadAsync(AppUser user, CancellationToken ct)
    {
        HasPasskey = await passkeys.HasAnyAsync(user.Id, ct);
        PasskeyOnly = await passkeys.IsRequiredForAsync(user);
    }

    /// <summary>
    /// Identity stores recovery codes as "XXXXX-XXXXX" in capitals; the code typed lost its dash and spaces above, and
    /// may be in small letters.
    /// </summary>
    internal static string RecoveryCode(string typed)
    {
        var code = typed.ToUpperInvariant();
        return code.Length == 10 ? $"{code[..5]}-{code[5..]}" : code;
    }
}

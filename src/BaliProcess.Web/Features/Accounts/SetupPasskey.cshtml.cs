using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>
/// Reached right after a platform administrator without a passkey entered their code, when passkeys are required for
/// them. Anonymous by convention only, like SetupTwoFactor: the session has no second-factor marker yet, and the
/// handlers serve only an account that is in exactly that state.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PlatformSecurity.SignInRateLimit)]
public sealed class SetupPasskeyModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Passkeys passkeys,
    IStringLocalizer<ValidationText> validationText) : PageModel
{
    [BindProperty]
    public PasskeyForm Passkey { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await EnrollingUserAsync(ct) is null ? RedirectToPage("/Accounts/SignIn", new { ReturnUrl = SafeReturnUrl() }) : Page();

    public async Task<IActionResult> OnPostPasskeyOptionsAsync(CancellationToken ct) =>
        await EnrollingUserAsync(ct) is { } user ? Content(await passkeys.BeginRegistrationAsync(HttpContext, user), "application/json") : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var user = await EnrollingUserAsync(ct);
        if (user is null)
        {
            return RedirectToPage("/Accounts/SignIn", new { ReturnUrl = SafeReturnUrl() });
        }

        var result = await passkeys.RegisterAsync(HttpContext, user.Id, new PasskeyRegistrationInput(Passkey.Name, Passkey.Credential), ct);
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText, nameof(Passkey));
            Passkey.Credential = null;
            return Page();
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new(PlatformClaims.AuthenticationMethod, PlatformClaims.MultiFactor)]);
        return LocalRedirect(SafeReturnUrl());
    }

    /// <summary>The signed-in account if it is a platform administrator who must, and does not yet, have a passkey.</summary>
    private async Task<AppUser?> EnrollingUserAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        return user is { TwoFactorEnabled: true } && await passkeys.IsRequiredForAsync(user) && !await passkeys.HasAnyAsync(user.Id, ct) ? user : null;
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}

public sealed class PasskeyForm
{
    public string? Name { get; set; }

    public string? Credential { get; set; }
}

using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(PlatformSecurity.SignInRateLimit)]
public sealed class ForgotPasswordModel(PasswordResets resets, IOptions<AccountsOptions> options, IStringLocalizer<ValidationText> validationText) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public int LinkMinutes => options.Value.PasswordResetLinkMinutes;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await resets.RequestAsync(new PasswordResetRequestInput(Email), ct);
        if (!result.Succeeded)
        {
            foreach (var (_, message) in result.Invalid?.Localized(validationText) ?? [])
            {
                ModelState.AddModelError(nameof(Email), message);
            }

            return Page();
        }

        // The same answer whether or not the address has an account.
        Sent = true;
        return Page();
    }
}

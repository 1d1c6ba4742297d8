using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>Opened from the reset e-mail. A used, expired or unknown link says so and changes nothing.</summary>
[AllowAnonymous]
[EnableRateLimiting(PlatformSecurity.SignInRateLimit)]
[BaliProcess.Web.Infrastructure.Web.DoNotCompress]
public sealed class ResetPasswordModel(PasswordResets resets, IStringLocalizer<ValidationText> validationText) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public string? LinkProblem { get; private set; }

    public bool Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var state = await resets.StateAsync(Token, ct);
        if (state != ResetLinkState.Valid)
        {
            LinkProblem = validationText[PasswordResets.LinkMessage(state)];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await resets.ResetAsync(new PasswordResetInput(Token, NewPassword), ct);
        if (result.Succeeded)
        {
            Done = true;
            return Page();
        }

        if (result.Invalid?.Errors.TryGetValue("token", out var linkErrors) == true)
        {
            LinkProblem = validationText[linkErrors[0]];
            return Page();
        }

        foreach (var (field, message) in result.Invalid?.Localized(validationText) ?? [])
        {
            ModelState.AddModelError(field == "newPassword" ? nameof(NewPassword) : "", message);
        }

        return Page();
    }
}

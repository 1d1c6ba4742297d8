using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.RateLimiting;

namespace BaliProcess.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(PlatformSecurity.SignInRateLimit)]
[BaliProcess.Web.Infrastructure.Web.DoNotCompress]
public sealed class SetupModel(IStringLocalizer<ValidationText> validationText, FirstAdministratorSetup setup, AccountCommands commands, SignInManager<AppUser> signIn, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetupForm Form { get; set; } = new();

    public bool TokenValid { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => TokenValid = await setup.FindValidAsync(Token, ct) is not null;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var token = await setup.FindValidAsync(Token, ct);
        if (token is null)
        {
            return Page();
        }

        var claimedAt = time.GetUtcNow().UtcDateTime;
        if (!await setup.TryClaimAsync(token, claimedAt, ct))
        {
            return Page();
        }

        TokenValid = true;
        var input = new UserInput(Form.Email, Form.DisplayName, Form.Password, "RSO", null, [Roles.PlatformAdmin, Roles.Oversight]);
        var result = await commands.CreateUserAsync(input, actingAs: null, ct);
        if (!result.Succeeded)
        {
            await setup.ReleaseAsync(token, claimedAt, ct);
            ModelState.AddFailure(result, validationText);
            return Page();
        }

        var user = await signIn.UserManager.FindByIdAsync(result.Value!.Id.ToString());
        await signIn.SignInAsync(user!, isPersistent: false);
        return RedirectToPage("/Accounts/SetupTwoFactor");
    }
}

public sealed class SetupForm
{
    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }
}

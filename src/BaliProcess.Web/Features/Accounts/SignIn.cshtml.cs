using Microsoft.EntityFrameworkCore;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(PlatformSecurity.SignInRateLimit)]
public sealed class SignInModel(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IPasswordHasher<AppUser> hasher,
    SignInThrottle throttle,
    RefusedCredentials refused,
    AppDbContext db,
    AuditLog audit,
    IStringLocalizer<AccountsText> text) : PageModel
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
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var ticket = await throttle.BeginAsync(email, address, ct);
        if (!ticket.Allowed)
        {
            // Counted, not audited one by one: a script hammering the form must not flood the audit log.
            await refused.RecordAsync(db, audit, address, RefusedCredentials.SignInKind, "too many failed sign-ins for the account or the address", ct);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)throttle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError("", text["Too many failed sign-in attempts. Wait 15 minutes and try again."]);
            return Page();
        }

        var user = await users.FindByEmailAsync(email);
        var result = SignInResult.Failed;
        if (user is not null)
        {
            result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: false);
        }

        if (user is null || result.IsLockedOut || result.IsNotAllowed)
        {
            // The same password-hash work as for a real account, so that the time taken does not tell which accounts exist.
            hasher.VerifyHashedPassword(DummyUser, DummyHash(hasher), Password!);
        }

        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.WithdrawAsync(ticket.Id, ct);
            if (user is { PreferredCulture: null })
            {
                // Until the person chooses, their e-mails are in the language they signed in with.
                var culture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
                if (Cultures.IsSupported(culture))
                {
                    await db.Users.Where(u => u.Id == user.Id && u.PreferredCulture == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture), ct);
                }
            }
        }

        var outcome = result.Succeeded || result.RequiresTwoFactor ? AuditOutcome.Succeeded : AuditOutcome.Denied;
        var detail = result.IsLockedOut ? "account disabled or locked" : result.RequiresTwoFactor ? "password ok, second factor pending" : result.Succeeded ? "password ok, second factor not set up" : "wrong e-mail or password";
        await audit.RecordNowAsync("account.signin.password", nameof(AppUser), user?.Id, outcome, $"{email}: {detail}", ct, user?.MemberId);

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Accounts/TwoFactor", new { ReturnUrl = SafeReturnUrl() });
        }

        if (result.Succeeded)
        {
            // Every account can read restricted data, so every account must set up a second factor first.
            return RedirectToPage("/Accounts/SetupTwoFactor", new { ReturnUrl = SafeReturnUrl() });
        }

        // One message for a wrong password, an unknown address and a disabled account: none of them says an account exists.
        ModelState.AddModelError("", text["The e-mail address or the password is not right."]);
        return Page();
    }

    private static readonly AppUser DummyUser = new();
    private static string? dummyHash;

    private static string DummyHash(IPasswordHasher<AppUser> hasher) =>
        dummyHash ??= hasher.HashPassword(DummyUser, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}

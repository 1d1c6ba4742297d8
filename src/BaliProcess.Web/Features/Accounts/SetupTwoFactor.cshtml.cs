using System.Text;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>
/// Reached right after a password sign-in by an account without a second factor. Anonymous by convention only because
/// the session has not completed two-factor sign-in yet; the handlers require the signed-in user themselves.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PlatformSecurity.SignInRateLimit)]
[BaliProcess.Web.Infrastructure.Web.DoNotCompress]
public sealed class SetupTwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, IStringLocalizer<AccountsText> text) : PageModel
{
    public const string Issuer = "Bali Process Platform";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string SharedKey { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Accounts/SignIn", new { ReturnUrl });
        }

        if (user.TwoFactorEnabled)
        {
            // Turning a second factor off or replacing it is done from the account page, after a full sign-in.
            return LocalRedirect(SafeReturnUrl());
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Accounts/SignIn", new { ReturnUrl });
        }

        if (user.TwoFactorEnabled)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var valid = code.Length == 6 && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            await audit.RecordNowAsync("account.2fa.enable", nameof(AppUser), user.Id, AuditOutcome.Denied, "wrong code", ct, user.MemberId);
            ModelState.AddModelError(nameof(Code), text["That code is not right. Check that the app was set up with the key shown, then enter the six digits it shows now."]);
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new(PlatformClaims.AuthenticationMethod, PlatformClaims.MultiFactor)]);
        await audit.RecordNowAsync("account.2fa.enable", nameof(AppUser), user.Id, AuditOutcome.Succeeded, null, ct, user.MemberId);
        ReturnUrl = SafeReturnUrl();
        return Page();
    }

    private async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp, which ends the session: reissue it for the new stamp.
            await signIn.RefreshSignInAsync(user);
        }

        SharedKey = FormatKey(key!);
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }

    private static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}

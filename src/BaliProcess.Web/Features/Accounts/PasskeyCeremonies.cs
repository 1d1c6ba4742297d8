using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>
/// Keeps a passkey ceremony's challenge between the two requests of the ceremony, in a protected cookie of its own.
/// Identity's SignInManager keeps it in the two-factor cookie instead, which would overwrite who passed the password
/// step; here the state also names its account and expires, and a state is taken once.
/// </summary>
public sealed class PasskeyCeremonies(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Registration = "register";
    public const string Assertion = "assert";
    public const string CookieName = "bp.passkey";

    /// <summary>As long as the authenticator is given to answer (IdentityPasskeyOptions.AuthenticatorTimeout, five minutes).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector protector = protection.CreateProtector("BaliProcess.Accounts.PasskeyCeremony");

    public void Start(HttpContext http, string operation, Guid userId, string? state)
    {
        var expires = time.GetUtcNow().Add(Lifetime);
        var payload = string.Join('\n', operation, userId.ToString(), expires.UtcTicks.ToString(CultureInfo.InvariantCulture), state ?? "");
        http.Response.Cookies.Append(CookieName, protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = Lifetime,
        });
    }

    /// <summary>The state of an unexpired ceremony of <paramref name="operation"/> for <paramref name="userId"/>, or null; the cookie is gone afterwards.</summary>
    public string? Take(HttpContext http, string operation, Guid userId)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var protectedPayload))
        {
            return null;
        }

        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        string payload;
        try
        {
            payload = protector.Unprotect(protectedPayload);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('\n', 4);
        if (parts.Length != 4 || parts[0] != operation || parts[1] != userId.ToString()
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < time.GetUtcNow().UtcTicks)
        {
            return null;
        }

        return parts[3];
    }
}

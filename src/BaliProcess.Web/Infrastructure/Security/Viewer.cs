using System.Security.Claims;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// Who is reading, as the access rule needs it. Built only from the authenticated principal on the server:
/// no header, query flag or client setting contributes to it.
/// </summary>
public sealed record Viewer(Guid? UserId, Guid? MemberId, string? Agency, IReadOnlySet<string> Roles, Guid? ApiKeyId = null)
{
    public static readonly Viewer Anonymous = new(null, null, null, new HashSet<string>());

    public bool IsMember => MemberId is not null;

    public bool IsPlatformAdmin => Roles.Contains(Security.Roles.PlatformAdmin);

    public bool IsInRole(string role) => Roles.Contains(role);

    public static Viewer From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        // A cookie session that has not completed two-factor sign-in sees only what the public sees.
        var isApiKey = principal.HasClaim(c => c.Type == PlatformClaims.ApiKeyId);
        var hasSecondFactor = isApiKey || principal.HasClaim(PlatformClaims.AuthenticationMethod, PlatformClaims.MultiFactor);
        var userId = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var u) ? u : (Guid?)null;
        Guid? memberId = Guid.TryParse(principal.FindFirstValue(PlatformClaims.MemberId), out var m) && hasSecondFactor ? m : null;
        var roles = hasSecondFactor
            ? principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal)
            : [];
        Guid? apiKeyId = Guid.TryParse(principal.FindFirstValue(PlatformClaims.ApiKeyId), out var k) ? k : null;
        return new Viewer(userId, memberId, principal.FindFirstValue(PlatformClaims.Agency), roles, apiKeyId);
    }
}

public static class ViewerHttpContextExtensions
{
    public static Viewer Viewer(this HttpContext context) => Security.Viewer.From(context.User);
}

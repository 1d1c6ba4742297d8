using System.Security.Claims;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// Who is reading, as the access rule needs it. Built only from the authenticated principal on the server:
/// no header, query flag or client setting contributes to it. An API key carries its scopes
/// (<see cref="KeyScopes"/>): the access rule shows a key a module's restricted records only with that module's
/// read scope. A person (no key) is not narrowed by scopes.
/// </summary>
public sealed record Viewer(Guid? UserId, Guid? MemberId, string? Agency, IReadOnlySet<string> Roles, Guid? ApiKeyId = null,
    IReadOnlySet<string>? KeyScopes = null)
{
    public static readonly Viewer Anonymous = new(null, null, null, new HashSet<string>());

    public bool IsMember => MemberId is not null;

    public bool IsPlatformAdmin => Roles.Contains(Security.Roles.PlatformAdmin);

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsApiKey => ApiKeyId is not null;

    /// <summary>Whether a person, or a key carrying <paramref name="scope"/>: a key without scopes may do nothing a scope gates.</summary>
    public bool HasScope(string scope) => ApiKeyId is null || (KeyScopes?.Contains(scope) ?? false);

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
        Guid? apiKeyId = isApiKey && Guid.TryParse(principal.FindFirstValue(PlatformClaims.ApiKeyId), out var k) ? k : (isApiKey ? Guid.Empty : null);
        IReadOnlySet<string>? scopes = isApiKey
            ? principal.FindAll(PlatformClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal)
            : null;
        return new Viewer(userId, memberId, principal.FindFirstValue(PlatformClaims.Agency), roles, apiKeyId, scopes);
    }
}

public static class ViewerHttpContextExtensions
{
    public static Viewer Viewer(this HttpContext context) => Security.Viewer.From(context.User);
}

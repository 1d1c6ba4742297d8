using System.Security.Claims;
using System.Text.Encodings.Web;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>Authenticates <c>Authorization: Bearer bpk_…</c> against the hashed keys.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    RefusedCredentials refused,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string FailureItem = "bp:apikey-failure";
    private const string ThrottledItem = "bp:apikey-throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        // API keys are for the JSON API only: a page is for a person, who signs in with a password and a second factor.
        if (!PlatformWeb.IsApi(Context))
        {
            return Fail("API keys are accepted under /api only. Sign in to use the pages.");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("The Authorization header is not an API key. Send the key as 'Authorization: Bearer bpk_…'.");
        }

        if (!refused.MayTry(Source(Context)))
        {
            Context.Items[ThrottledItem] = true;
            return Fail("Too many refused API keys from this address. Wait a minute, then send a valid key.");
        }

        var token = header["Bearer ".Length..].Trim();
        if (!ApiKeySecrets.TryParse(token, out var prefix, out var secret))
        {
            return Fail("The API key is malformed. Send it as 'Authorization: Bearer bpk_…' exactly as it was shown when created.");
        }

        var key = await db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (key is null || !ApiKeySecrets.Matches(secret, key.SecretHash))
        {
            return Fail("The API key is not valid.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (key.RevokedAt is not null)
        {
            return Fail($"The API key '{key.Name}' was revoked on {key.RevokedAt:yyyy-MM-dd}.");
        }

        if (key.ExpiresAt <= now)
        {
            return Fail($"The API key '{key.Name}' expired on {key.ExpiresAt:yyyy-MM-dd}.");
        }

        // Touch at most once an hour: a busy feed should not write on every request.
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromHours(1))
        {
            await db.Set<ApiKey>().Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, (key.CreatedByUserId ?? Guid.Empty).ToString()),
            new(ClaimTypes.Name, $"api-key:{key.Name}"),
            new(PlatformClaims.MemberId, key.MemberId.ToString()),
            new(PlatformClaims.ApiKeyId, key.Id.ToString()),
            .. key.Scopes.Select(s => new Claim(PlatformClaims.Scope, s)),
        ];
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Fail(string message)
    {
        Context.Items[FailureItem] = message;
        return AuthenticateResult.Fail(message);
    }

    /// <summary>True when the request carried a credential this handler refused (the request must then be refused too).</summary>
    public static bool WasRefused(HttpContext context) => context.Items.ContainsKey(FailureItem);

    private static string Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var message = Context.Items[FailureItem] as string ?? "This endpoint needs an API key: send 'Authorization: Bearer bpk_…'.";
        if (Context.Items.ContainsKey(FailureItem) && !Context.Items.ContainsKey(ThrottledItem))
        {
            var audit = Context.RequestServices.GetRequiredService<AuditLog>();
            await refused.RecordAsync(db, audit, Source(Context), RefusedCredentials.ApiKeyKind, message, Context.RequestAborted);
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated", detail: message)
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "This API key does not carry the scope this request needs.").ExecuteAsync(Context);
}


public static class ApiKeyRefusalExtensions
{
    /// <summary>
    /// After authentication: a request that carried a credential which was refused is answered 401 on every endpoint,
    /// anonymous ones included, instead of being served as an anonymous visitor.
    /// </summary>
    public static IApplicationBuilder UseRefusedCredentialChallenge(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (ApiKeyAuthenticationHandler.WasRefused(context))
        {
            await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
            return;
        }

        await next();
    });
}

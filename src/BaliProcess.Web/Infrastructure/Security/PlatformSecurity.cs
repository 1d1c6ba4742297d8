using System.Security.Claims;
using System.Threading.RateLimiting;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Infrastructure.Security;

public static class PlatformSecurity
{
    public const string SignInRateLimit = "signin";
    private const string SmartScheme = "Smart";

    public static IServiceCollection AddPlatformSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPlatformDataProtection(configuration);
        services.AddScoped<RecordCorrections>();
        // A flood guard on the sign-in pages per address (page loads included), well above what an office behind one address
        // needs; failed attempts are limited per account and per address by SignInThrottle, in the database.
        var signInLimit = configuration.GetValue("Security:SignInAttemptsPerFiveMinutes", 300);
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                // NIST SP 800-63B: length and a block list (PasswordRules), no composition rules.
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                // Version 3 adds the passkey table (AspNetUserPasskeys); AppDbContext builds its model for it.
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<PasswordRules>()
            .AddClaimsPrincipalFactory<PlatformClaimsPrincipalFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Accounts/SignIn";
            o.LogoutPath = "/Accounts/SignOut";
            o.AccessDeniedPath = "/Accounts/Denied";
            o.Cookie.Name = "bp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request came over TLS (directly, or through a configured proxy that says so).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = UserSessions.IdleTimeout;
            o.Events.OnSigningIn = UserSessions.OnSigningInAsync;
            o.Events.OnSigningOut = async ctx =>
            {
                if (UserSessions.SessionId(ctx.HttpContext.User) is { } sessionId)
                {
                    await ctx.HttpContext.RequestServices.GetRequiredService<UserSessions>().RevokeAsync(sessionId, SessionEndReasons.SignedOut, ctx.HttpContext.RequestAborted);
                }
            };
            // The server-side session first (every request), then Identity's periodic security-stamp refresh of the claims.
            o.Events.OnValidatePrincipal = async ctx =>
            {
                if (await UserSessions.ValidateAsync(ctx))
                {
                    await SecurityStampValidator.ValidatePrincipalAsync(ctx);
                }
            };
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized, "Sign in, or send an API key as 'Authorization: Bearer bpk_…'.");
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden, "Your account may not do this.");
        });

        // The periodic refresh rebuilds the principal from the database, which knows nothing of how the user signed in:
        // carry the second-factor marker and the session over, or officials lose access after every refresh interval.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            if (ctx.NewPrincipal?.Identity is ClaimsIdentity identity && ctx.CurrentPrincipal is { } current)
            {
                foreach (var claim in current.FindAll(c => c.Type is PlatformClaims.AuthenticationMethod or UserSessions.SessionClaim))
                {
                    identity.AddClaim(new Claim(claim.Type, claim.Value));
                }
            }

            return Task.CompletedTask;
        });
        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
        {
            services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        }

        services.AddScoped<UserSessions>();
        services.AddSingleton<RefusedCredentials>();
        services.AddScoped<SignInThrottle>();

        // AddIdentity sets the cookie as the default for each operation; every operation goes through the selector instead.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API key", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.Count > 0
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddPlatformAuthorization();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInLimit, Window = TimeSpan.FromMinutes(5), QueueLimit = 0 }));
            o.OnRejected = async (ctx, token) =>
            {
                // Localisation runs before the limiter, so the message is in the reader's language.
                IStringLocalizer<SharedText> text = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedText>>();
                ctx.HttpContext.Response.Headers.RetryAfter = "300";
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync(text["Too many sign-in attempts from this address. Wait five minutes and try again."], token);
            };
        });
        return services;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status, string message)
    {
        if (PlatformWeb.IsApi(ctx.HttpContext))
        {
            ctx.Response.StatusCode = status;
            return TypedResults.Problem(statusCode: status, title: status == 401 ? "Not authenticated" : "Forbidden", detail: message).ExecuteAsync(ctx.HttpContext);
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

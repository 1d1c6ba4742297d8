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
        // Sign-in attempts per address in five minutes; the integration tests sign in hundreds of officials from one address.
        var signInLimit = configuration.GetValue("Security:SignInAttemptsPerFiveMinutes", 20);
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
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
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
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized, "Sign in, or send an API key as 'Authorization: Bearer bpk_…'.");
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden, "Your account may not do this.");
        });

        // AddIdentity sets the cookie as the default for each operation; every operation goes through the selector instead.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API key", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Member, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.AuthenticationMethod, PlatformClaims.MultiFactor))
            .AddPolicy(Policies.PlatformAdmin, p => p.RequireClaim(PlatformClaims.AuthenticationMethod, PlatformClaims.MultiFactor).RequireRole(Roles.PlatformAdmin))
            .AddPolicy(Policies.MemberAdmin, p => p.RequireClaim(PlatformClaims.AuthenticationMethod, PlatformClaims.MultiFactor).RequireRole(Roles.MemberAdmin, Roles.PlatformAdmin))
            .AddPolicy(Policies.Oversight, p => p.RequireClaim(PlatformClaims.AuthenticationMethod, PlatformClaims.MultiFactor).RequireRole(Roles.Oversight, Roles.PlatformOversight));

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

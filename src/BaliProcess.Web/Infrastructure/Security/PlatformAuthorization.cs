using System.Security.Claims;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// The platform's named policies: who may call an endpoint or open a page at all. What a caller then sees inside it is
/// the access rule's business (<see cref="AccessRule"/>); a policy only gates by kind of caller, role and key scope.
/// A person counts only after two-factor sign-in; an API key counts only for the scope its policy names, never as a
/// person (so a key opens no page that needs <see cref="Policies.Member"/>).
/// </summary>
public static class PlatformAuthorization
{
    public static IServiceCollection AddPlatformAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, PlatformAuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Member, Person("This needs a member official who has signed in with two-factor authentication."))
            .AddPolicy(Policies.PlatformAdmin, Person("This needs the platform administrator role of the Regional Support Office.", Roles.PlatformAdmin))
            .AddPolicy(Policies.MemberAdmin, Person("This needs the member administrator or platform administrator role.", Roles.MemberAdmin, Roles.PlatformAdmin))
            .AddPolicy(Policies.Oversight, Person("This needs the oversight role.", Roles.Oversight, Roles.PlatformOversight))
            .AddPolicy(Policies.Editor, Person(EditorMessage, [.. Roles.Editors]))
            .AddPolicy(Policies.DirectoryRead, PersonOrKey(ApiScopes.DirectoryRead))
            .AddPolicy(Policies.DirectoryWrite, PersonOrKey(ApiScopes.DirectoryWrite, Roles.Editors))
            .AddPolicy(Policies.LibraryRead, PersonOrKey(ApiScopes.LibraryRead))
            .AddPolicy(Policies.LibraryWrite, PersonOrKey(ApiScopes.LibraryWrite, Roles.Editors))
            .AddPolicy(Policies.ActionsRead, PersonOrKey(ApiScopes.ActionsRead))
            .AddPolicy(Policies.ActionsWrite, PersonOrKey(ApiScopes.ActionsWrite, Roles.Editors))
            .AddPolicy(Policies.TrainingRead, PersonOrKey(ApiScopes.TrainingRead))
            .AddPolicy(Policies.TrainingWrite, PersonOrKey(ApiScopes.TrainingWrite, Roles.Editors));
        return services;
    }

    private const string EditorMessage = "This needs the member officer, member administrator or platform administrator role; analysts and oversight readers only read.";

    public static bool IsApiKey(ClaimsPrincipal user) => user.HasClaim(c => c.Type == PlatformClaims.ApiKeyId);

    /// <summary>A person (not a key) who completed two-factor sign-in, holding one of <paramref name="roles"/> when any are named.</summary>
    public static bool IsPerson(ClaimsPrincipal user, IReadOnlyCollection<string> roles) =>
        user.Identity?.IsAuthenticated == true
        && !IsApiKey(user)
        && user.HasClaim(PlatformClaims.AuthenticationMethod, PlatformClaims.MultiFactor)
        && (roles.Count == 0 || roles.Any(user.IsInRole));

    public static bool IsKeyWithScope(ClaimsPrincipal user, string scope) =>
        user.Identity?.IsAuthenticated == true && IsApiKey(user) && user.HasClaim(PlatformClaims.Scope, scope);

    private static Action<AuthorizationPolicyBuilder> Person(string message, params string[] roles) =>
        p => p.RequireAuthenticatedUser().AddRequirements(new DescribedRequirement(message, user => IsPerson(user, roles)));

    private static Action<AuthorizationPolicyBuilder> PersonOrKey(string scope, IReadOnlyList<string>? roles = null) =>
        p => p.RequireAuthenticatedUser().AddRequirements(new DescribedRequirement(
            roles is null
                ? $"This needs a member official signed in with two-factor authentication, or an API key with the '{scope}' scope."
                : $"{EditorMessage} An API key needs the '{scope}' scope.",
            user => IsApiKey(user) ? IsKeyWithScope(user, scope) : IsPerson(user, roles ?? [])));
}

/// <summary>A requirement that says, in words, what it needs: the API's 403 answer quotes it.</summary>
public sealed class DescribedRequirement(string message, Func<ClaimsPrincipal, bool> test) : AuthorizationHandler<DescribedRequirement>, IAuthorizationRequirement
{
    public string Message { get; } = message;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DescribedRequirement requirement)
    {
        if (requirement.Test(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private bool Test(ClaimsPrincipal user) => test(user);
}

/// <summary>
/// An authenticated caller refused by a policy on <c>/api</c> gets a 403 ProblemDetails naming what the endpoint needs;
/// everything else (challenges, pages) goes the default way (401 or the sign-in and denied pages).
/// </summary>
internal sealed class PlatformAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || !PlatformWeb.IsApi(context))
        {
            return fallback.HandleAsync(next, context, policy, authorizeResult);
        }

        var reasons = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<DescribedRequirement>().Select(r => r.Message).Distinct().ToList() ?? [];
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: reasons.Count > 0 ? string.Join(" ", reasons) : "Your account or key may not do this.")
            .ExecuteAsync(context);
    }
}

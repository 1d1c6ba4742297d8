using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Accounts;

public static class AccountsModule
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section);
        services.AddScoped<AccountCommands>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<OwnAccount>();
        services.AddScoped<PasswordResets>();
        services.AddScoped<InactiveAccounts>();
        services.AddScoped<AccountMail>();
        services.AddHostedService<InactiveAccountService>();
        services.AddScoped<FirstAdministratorSetup>();
        services.AddScoped<Passkeys>();
        services.AddSingleton<PasskeyCeremonies>();
        services.TryAddScoped<IPasskeyHandler<AppUser>, PasskeyHandler<AppUser>>();
        // The relying party is the configured public address, never the request's Host header (which the caller chooses).
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<PlatformOptions>>((o, platform) =>
        {
            var address = PublicLinks.TryParse(platform.Value.PublicBaseUrl, out var uri) ? uri : new Uri("http://localhost:5080");
            var origin = address.GetLeftPart(UriPartial.Authority);
            o.ServerDomain = address.Host;
            o.ValidateOrigin = context => ValueTask.FromResult(!context.CrossOrigin && string.Equals(context.Origin, origin, StringComparison.OrdinalIgnoreCase));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Accounts");
        api.MapGet("/me", (HttpContext http) =>
        {
            var viewer = http.Viewer();
            return TypedResults.Ok(new { viewer.UserId, viewer.MemberId, viewer.Agency, Roles = viewer.Roles.Order(StringComparer.Ordinal), viewer.ApiKeyId });
        }).RequireAuthorization(Policies.DirectoryRead)
            .WithSummary("Who is calling")
            .WithDescription("The caller's identity as the platform sees it: user or API key, member, roles or scopes. Useful to check a key.");

        var keys = api.MapGroup("/api-keys").RequireAuthorization(Policies.MemberAdmin);
        keys.MapGet("/", async (AccountCommands commands, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await commands.ApiKeysAsync(http.Viewer().MemberId!.Value, ct)))
            .WithSummary("Lists API keys")
            .WithDescription("The API keys of the caller's member (member administrators), with scopes, expiry and last use; never the secret.");
        keys.MapPost("/", async Task<Results<Created<CreatedApiKey>, ValidationProblem, ProblemHttpResult>> (ApiKeyInput input, AccountCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var viewer = http.Viewer();
            var result = await commands.CreateApiKeyAsync(input, viewer.MemberId!.Value, viewer.UserId, ct);
            return result.Match<Results<Created<CreatedApiKey>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/api-keys/{created.Key.Id}", created), invalid => invalid, problem => problem);
        })
            .WithSummary("Creates an API key")
            .WithDescription("Creates a key with a name, scopes and a lifetime; the answer shows the secret once, it is stored only as a hash.");
        keys.MapDelete("/{id:guid}", async Task<Results<Ok<ApiKeyView>, ValidationProblem, ProblemHttpResult>> (Guid id, AccountCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var result = await commands.RevokeApiKeyAsync(id, http.Viewer().MemberId!.Value, ct);
            return result.Match<Results<Ok<ApiKeyView>, ValidationProblem, ProblemHttpResult>>(key => TypedResults.Ok(key), invalid => invalid, problem => problem);
        })
            .WithSummary("Revokes an API key")
            .WithDescription("Revokes one of the member's keys at once; another member's key answers 404.");

        var users = api.MapGroup("/users").RequireAuthorization(Policies.MemberAdmin);
        users.MapGet("/", async (AccountAdministration administration, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await administration.ListAsync(http.Viewer(), null, ct)))
            .WithSummary("Accounts the caller administers: every account for a platform administrator, the own member's for a member administrator.")
            .WithDescription("The accounts the caller administers, with roles, two-factor state and whether they are disabled.");
        users.MapPost("/", async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> (UserInput input, AccountCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var result = await commands.CreateUserAsync(input, http.Viewer(), ct);
            return result.Match<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/users/{created.Id}", created), invalid => invalid, problem => problem);
        })
            .WithSummary("Creates an account")
            .WithDescription("Creates an account of the caller's member (any member for a platform administrator) with an initial password that meets the password rules; the person enrols an authenticator at the first sign-in.");
        users.MapGet("/{id:guid}", async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> (Guid id, AccountAdministration administration, HttpContext http, CancellationToken ct) =>
            Answer(await administration.GetAsync(id, http.Viewer(), ct)))
            .WithSummary("Reads an account")
            .WithDescription("An account the caller administers, with its roles, agency, last sign-in and state. An account of another member answers 404.");
        users.MapPut("/{id:guid}", async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> (Guid id, AccountUpdateInput input, AccountAdministration administration, HttpContext http, CancellationToken ct) =>
                Answer(await administration.UpdateAsync(id, input, http.Viewer(), ct)))
            .WithSummary("Changes an account's roles and agency; its sessions end, so the new roles apply at its next sign-in.")
            .WithDescription("Sets the account's roles and agency. Only a platform administrator grants platform roles.");
        users.MapPost("/{id:guid}/disable", async Task<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>> (Guid id, AccountAdministration administration, HttpContext http, CancellationToken ct) =>
            Answer(await administration.DisableAsync(id, http.Viewer(), ct)))
            .WithSummary("Disables an account")
            .WithDescription("The account can no longer sign in and its sessions and API use end at once; audited and e-mailed to the person.");
        users.MapPost("/{id:guid}/enable", async Task<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>> (Guid id, AccountAdministration administration, HttpContext http, CancellationToken ct) =>
            Answer(await administration.EnableAsync(id, http.Viewer(), ct)))
            .WithSummary("Enables an account")
            .WithDescription("Lets a disabled account sign in again; audited and e-mailed to the person.");
        users.MapPost("/{id:guid}/two-factor/reset", async Task<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>> (Guid id, ConfirmInput? input, AccountAdministration administration, HttpContext http, CancellationToken ct) =>
                Answer(await administration.ResetTwoFactorAsync(id, input, http.Viewer(), ct)))
            .WithSummary("Removes a lost authenticator; needs {\"confirm\": true} after checking the person by another channel.")
            .WithDescription("The person enrols a new authenticator at the next sign-in; audited and e-mailed to the person. Only the member's administrator (or the RSO for member administrators) may.");
        users.MapGet("/{id:guid}/sessions", async Task<Results<Ok<IReadOnlyList<SessionView>>, ValidationProblem, ProblemHttpResult>> (Guid id, AccountAdministration administration, HttpContext http, CancellationToken ct) =>
            Answer(await administration.SessionsAsync(id, http.Viewer(), null, ct)))
            .WithSummary("Lists an account's sessions")
            .WithDescription("The open sessions of an account the caller administers: when they started, last use, address and browser.");
        users.MapPost("/{id:guid}/sessions/revoke", async Task<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>> (Guid id, ConfirmInput? input, AccountAdministration administration, HttpContext http, CancellationToken ct) =>
                Answer(await administration.SignOutEverywhereAsync(id, input, http.Viewer(), ct)))
            .WithSummary("Signs the account out everywhere; needs {\"confirm\": true}.")
            .WithDescription("Ends every session of the account; its next request must sign in again.");

        // A person's own account: never through an API key, whose holder is a machine.
        var me = api.MapGroup("/me").RequireAuthorization(Policies.Member);
        me.MapPost("/password", async Task<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>> (PasswordChangeInput input, OwnAccount own, SignInManager<AppUser> signIn, HttpContext http, CancellationToken ct) =>
            {
                var result = await own.ChangePasswordAsync(http.Viewer().UserId!.Value, input, ct);
                if (result.Succeeded)
                {
                    // The caller's own session goes on under a new cookie; every other session has ended.
                    await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(result.Value!.UserId.ToString()))!);
                }

                return Answer(result);
            })
            .WithSummary("Changes the caller's password; every other session of the account ends and the owner is told by e-mail.")
            .WithDescription("Needs the current password and a new one that meets the password rules; bad input answers 400 naming the problem.");
        me.MapPost("/recovery-codes", async Task<Results<Ok<RecoveryCodesView>, ValidationProblem, ProblemHttpResult>> (ConfirmInput? input, OwnAccount own, HttpContext http, CancellationToken ct) =>
                Answer(await own.RegenerateRecoveryCodesAsync(http.Viewer().UserId!.Value, input, ct)))
            .WithSummary("New recovery codes, shown once; the earlier ones stop working. Needs {\"confirm\": true}.")
            .WithDescription("Recovery codes let the owner sign in without the authenticator; each works once.");
        me.MapGet("/sessions", async (OwnAccount own, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await own.SessionsAsync(http.Viewer().UserId!.Value, UserSessions.SessionId(http.User), ct)))
            .WithSummary("Lists the own sessions")
            .WithDescription("The caller's open sessions: when they started, last use, address and browser.");
        me.MapPost("/sessions/revoke", async Task<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>> (ConfirmInput? input, OwnAccount own, HttpContext http, CancellationToken ct) =>
                Answer(await own.SignOutEverywhereAsync(http.Viewer().UserId!.Value, input, ct)))
            .WithSummary("Signs the caller out everywhere, this session included; needs {\"confirm\": true}.")
            .WithDescription("Ends every session of the caller's account.");
        // Passkeys are registered in the browser (WebAuthn needs a page of this origin); the API lists and removes them.
        me.MapGet("/passkeys", async (Passkeys passkeys, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await passkeys.ListAsync(http.Viewer().UserId!.Value, ct)))
            .WithSummary("The caller's passkeys: id (the credential id, base64url), name and when registered.")
            .WithDescription("Lists the passkeys registered as a second factor of the caller's own account. Registering one is done on the My account page, because WebAuthn needs a page of this origin.");
        me.MapDelete("/passkeys/{passkeyId}", async Task<Results<Ok<PasskeyView>, ValidationProblem, ProblemHttpResult>> (string passkeyId, Passkeys passkeys, HttpContext http, CancellationToken ct) =>
                Answer(await passkeys.RemoveAsync(http.Viewer().UserId!.Value, passkeyId, ct)))
            .WithSummary("Removes one of the caller's passkeys; the last one stays while it is the only second factor.")
            .WithDescription("Removes a passkey of the caller's own account (audited). 404 for an id that is not one of the caller's passkeys; 400 when it is the only second factor left, or when platform administrators must use passkeys.");

        // A forgotten password: open to all, limited like the sign-in pages.
        var reset = api.MapGroup("/password-reset").AllowAnonymous().RequireRateLimiting(PlatformSecurity.SignInRateLimit);
        reset.MapPost("/", async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> (PasswordResetRequestInput input, PasswordResets resets, CancellationToken ct) =>
                (await resets.RequestAsync(input, ct)).Match<Results<Accepted, ValidationProblem, ProblemHttpResult>>(_ => TypedResults.Accepted((string?)null), invalid => invalid, problem => problem))
            .WithSummary("Sends a single-use reset link to the address if it has an account; the answer is the same either way.")
            .WithDescription("The link is single-use and short-lived, built from the platform's public address. Rate-limited per address.");
        reset.MapPost("/complete", async Task<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>> (PasswordResetInput input, PasswordResets resets, CancellationToken ct) =>
                Answer(await resets.ResetAsync(input, ct)))
            .WithSummary("Sets a new password with the token of a reset link; every session of the account ends.")
            .WithDescription("A reused or expired token answers 400 and changes nothing.");
        return app;
    }

    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Answer<T>(CommandResult<T> result) =>
        result.Match<Results<Ok<T>, ValidationProblem, ProblemHttpResult>>(value => TypedResults.Ok(value), invalid => invalid, problem => problem);
}

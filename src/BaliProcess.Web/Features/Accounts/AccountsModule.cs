using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaliProcess.Web.Features.Accounts;

public static class AccountsModule
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<AccountCommands>();
        services.AddScoped<FirstAdministratorSetup>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Accounts");
        api.MapGet("/me", (HttpContext http) =>
        {
            var viewer = http.Viewer();
            return TypedResults.Ok(new { viewer.UserId, viewer.MemberId, viewer.Agency, Roles = viewer.Roles.Order(StringComparer.Ordinal), viewer.ApiKeyId });
        }).RequireAuthorization(Policies.DirectoryRead);

        var keys = api.MapGroup("/api-keys").RequireAuthorization(Policies.MemberAdmin);
        keys.MapGet("/", async (AccountCommands commands, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await commands.ApiKeysAsync(http.Viewer().MemberId!.Value, ct)));
        keys.MapPost("/", async Task<Results<Created<CreatedApiKey>, ValidationProblem, ProblemHttpResult>> (ApiKeyInput input, AccountCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var viewer = http.Viewer();
            var result = await commands.CreateApiKeyAsync(input, viewer.MemberId!.Value, viewer.UserId, ct);
            return result.Match<Results<Created<CreatedApiKey>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/api-keys/{created.Key.Id}", created), invalid => invalid, problem => problem);
        });
        keys.MapDelete("/{id:guid}", async Task<Results<Ok<ApiKeyView>, ValidationProblem, ProblemHttpResult>> (Guid id, AccountCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var result = await commands.RevokeApiKeyAsync(id, http.Viewer().MemberId!.Value, ct);
            return result.Match<Results<Ok<ApiKeyView>, ValidationProblem, ProblemHttpResult>>(key => TypedResults.Ok(key), invalid => invalid, problem => problem);
        });

        var users = api.MapGroup("/users").RequireAuthorization(Policies.MemberAdmin);
        users.MapPost("/", async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> (UserInput input, AccountCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var result = await commands.CreateUserAsync(input, http.Viewer(), ct);
            return result.Match<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/users/{created.Id}", created), invalid => invalid, problem => problem);
        });
        users.MapPost("/{id:guid}/disable", async Task<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>> (Guid id, AccountCommands commands, HttpContext http, CancellationToken ct) =>
            (await commands.DisableUserAsync(id, http.Viewer(), ct)).Match<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>>(c => TypedResults.Ok(c), invalid => invalid, problem => problem));
        users.MapPost("/{id:guid}/two-factor/reset", async Task<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>> (Guid id, AccountCommands commands, HttpContext http, CancellationToken ct) =>
            (await commands.ResetTwoFactorAsync(id, http.Viewer(), ct)).Match<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>>(c => TypedResults.Ok(c), invalid => invalid, problem => problem));

        // A person's own password: never through an API key, whose holder is a machine.
        api.MapPost("/me/password", async Task<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>> (PasswordChangeInput input, AccountCommands commands, HttpContext http, CancellationToken ct) =>
            (await commands.ChangePasswordAsync(http.Viewer().UserId!.Value, input, ct)).Match<Results<Ok<AccountChange>, ValidationProblem, ProblemHttpResult>>(c => TypedResults.Ok(c), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.Member);
        return app;
    }
}

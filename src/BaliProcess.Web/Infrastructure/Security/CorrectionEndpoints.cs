using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// The withdraw, restore and history routes of a correctable record kind, the same for every module:
/// <c>POST {route}/{id}/withdraw</c>, <c>POST {route}/{id}/restore</c> (both with <c>{"reason": "…"}</c>) and
/// <c>GET {route}/{id}/history</c>.
/// </summary>
public static class CorrectionEndpoints
{
    public delegate Task<CommandResult<TResult>> Command<TResult>(IServiceProvider services, Guid id, string? reason, Viewer viewer, CancellationToken ct);

    /// <summary>The answer of an edit route: the record's detail as the caller now reads it, or the failure.</summary>
    public static async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> EditAnswerAsync<TView>(this CommandResult<Guid> result,
        Func<Task<TView?>> detail)
        where TView : class =>
        result.Succeeded
            ? TypedResults.Ok((await detail())!)
            : result.Invalid is { } invalid ? invalid.ToProblem() : result.Problem!;

    /// <param name="writePolicy">Who may call withdraw and restore at all; the record's owner is checked inside.</param>
    /// <param name="readAudit">The audit action of a read of a restricted record of this kind.</param>
    public static void MapCorrectionRoutes<T>(this IEndpointRouteBuilder api, string route, string what, string writePolicy, string readAudit,
        Command<WithdrawalView> withdraw, Command<bool> restore, string? readPolicy = null)
        where T : class, IScopedRecord
    {
        api.MapPost($"{route}/{{id:guid}}/withdraw", async Task<Results<Ok<WithdrawalView>, ValidationProblem, ProblemHttpResult>> (
                Guid id, WithdrawInput? input, HttpContext http, CancellationToken ct) =>
                (await withdraw(http.RequestServices, id, input?.Reason, http.Viewer(), ct)).Match<Results<Ok<WithdrawalView>, ValidationProblem, ProblemHttpResult>>(
                    done => TypedResults.Ok(done), invalid => invalid, problem => problem))
            .RequireAuthorization(writePolicy)
            .WithSummary($"Withdraws a {what}, with a mandatory reason.")
            .WithDescription($"Afterwards only the {what}'s owner member and the RSO see it, marked withdrawn; everyone else gets 404 and finds it in no list, count, search or export.");

        api.MapPost($"{route}/{{id:guid}}/restore", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
                Guid id, WithdrawInput? input, HttpContext http, CancellationToken ct) =>
                (await restore(http.RequestServices, id, input?.Reason, http.Viewer(), ct)).Match<Results<NoContent, ValidationProblem, ProblemHttpResult>>(
                    _ => TypedResults.NoContent(), invalid => invalid, problem => problem))
            .RequireAuthorization(writePolicy)
            .WithSummary($"Restores a withdrawn {what}, with a mandatory reason.")
            .WithDescription($"The {what} is seen again as its distribution scope says.");

        var history = api.MapGet($"{route}/{{id:guid}}/history", async Task<Results<Ok<CorrectionsView>, ProblemHttpResult>> (
                Guid id, RecordCorrections corrections, AuditLog audit, HttpContext http, CancellationToken ct) =>
            {
                if (await corrections.ViewAsync<T>(id, http.Viewer(), ct) is not { } view)
                {
                    return Problems.NotFound(what);
                }

                await audit.RecordRestrictedReadAsync<T>(readAudit, id, ct);
                return TypedResults.Ok(view);
            })
            .WithSummary($"The corrections of a {what}: whether it is withdrawn and why, and (for its owner member and the RSO) every edit with its previous values.")
            .WithDescription($"Anyone who may read the {what} sees whether it is withdrawn; only its owner member's officials and the RSO see the edits, because earlier values may have been narrower than today's scope. 404 for a {what} the caller may not read.");
        if (readPolicy is null)
        {
            history.AllowAnonymous();
        }
        else
        {
            history.RequireAuthorization(readPolicy);
        }
    }
}

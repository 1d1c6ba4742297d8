using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Directory;

/// <summary>The API of corrections to members and bodies (RSO platform administrators) and of their history (members).</summary>
public static class DirectoryCorrectionEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryCorrections(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Directory");

        api.MapPut("/members/{code}", async Task<Results<Ok<MemberView>, ValidationProblem, ProblemHttpResult>> (string code, MemberCorrectionInput input, DirectoryCorrections corrections, HttpContext http, CancellationToken ct) =>
                Answer(await corrections.CorrectMemberAsync(code, input, Corrector.Of(http), ct)))
            .RequireAuthorization(Policies.PlatformAdmin)
            .WithSummary("Corrects a member's name, name variants and membership year, with a reason kept in its history.")
            .WithDescription("Platform administrators (RSO) only. Body: the fields to change and a mandatory reason; the previous values are kept in the member's history and the change is audited. 400 with the field errors for bad input, 404 for an unknown code, 409 for a name another member uses.");

        api.MapGet("/members/{code}/history", async Task<Results<Ok<List<DirectoryChangeView>>, ProblemHttpResult>> (string code, AppDbContext db, CancellationToken ct) =>
                await HistoryAsync(db, DirectorySubject.Member, db.Set<Member>().Where(m => m.Code == code.Trim().ToUpper()).Select(m => (Guid?)m.Id), "member", ct))
            .RequireAuthorization(Policies.Member)
            .WithSummary("The corrections made to a member, newest first.")
            .WithDescription("Every correction made to the member: each changed field with its old and new value, the reason, who and when. Any signed-in member official; 404 for an unknown code.");

        api.MapPut("/bodies/{code}", async Task<Results<Ok<BodyDetailView>, ValidationProblem, ProblemHttpResult>> (string code, BodyCorrectionInput input, DirectoryCorrections corrections, HttpContext http, CancellationToken ct) =>
                Answer(await corrections.CorrectBodyAsync(code, input, Corrector.Of(http), ct)))
            .RequireAuthorization(Policies.PlatformAdmin)
            .WithSummary("Corrects a body's name and name variants, with a reason kept in its history.")
            .WithDescription("Platform administrators (RSO) only. Body: the fields to change and a mandatory reason; the previous values are kept in the body's history and the change is audited. 400 for bad input, 404 for an unknown code.");

        api.MapGet("/bodies/{code}/history", async Task<Results<Ok<List<DirectoryChangeView>>, ProblemHttpResult>> (string code, AppDbContext db, CancellationToken ct) =>
                await HistoryAsync(db, DirectorySubject.Body, db.Set<Body>().Where(b => b.Code == code.Trim().ToUpper()).Select(b => (Guid?)b.Id), "body", ct))
            .RequireAuthorization(Policies.Member)
            .WithSummary("The corrections made to a body and its chairs and members, newest first.")
            .WithDescription("Every correction made to the body, its chairs and its members: old and new values, the reason, who and when. Any signed-in member official; 404 for an unknown code.");

        api.MapPut("/bodies/{code}/members/{memberCode}", async Task<Results<Ok<BodyDetailView>, ValidationProblem, ProblemHttpResult>> (string code, string memberCode, MembershipInput input, DirectoryCorrections corrections, HttpContext http, CancellationToken ct) =>
                Answer(await corrections.SetMembershipAsync(code, memberCode, input, Corrector.Of(http), ct)))
            .RequireAuthorization(Policies.PlatformAdmin)
            .WithSummary("Adds a member to a body or changes its role (Chair or Member) and dates, with a reason.")
            .WithDescription("Platform administrators (RSO) only. Body: role, start and end dates (YYYY-MM-DD, the end not before the start) and a mandatory reason. 400 for bad input, 404 for an unknown body or member.");

        api.MapPost("/bodies/{code}/members/{memberCode}/remove", async Task<Results<Ok<BodyDetailView>, ValidationProblem, ProblemHttpResult>> (string code, string memberCode, ReasonInput input, DirectoryCorrections corrections, HttpContext http, CancellationToken ct) =>
                Answer(await corrections.RemoveMembershipAsync(code, memberCode, input, Corrector.Of(http), ct)))
            .RequireAuthorization(Policies.PlatformAdmin)
            .WithSummary("Removes a membership recorded in error (a membership that ended gets an end date instead), with a reason.")
            .WithDescription("Platform administrators (RSO) only. Body: a mandatory reason; the removed membership stays in the body's history. 400 without a reason, 404 for an unknown body, member or membership.");

        return app;
    }

    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Answer<T>(CommandResult<T> result) =>
        result.Match<Results<Ok<T>, ValidationProblem, ProblemHttpResult>>(ok => TypedResults.Ok(ok), invalid => invalid, problem => problem);

    private static async Task<Results<Ok<List<DirectoryChangeView>>, ProblemHttpResult>> HistoryAsync(AppDbContext db, DirectorySubject kind, IQueryable<Guid?> subject, string what, CancellationToken ct) =>
        await subject.FirstOrDefaultAsync(ct) is { } id ? TypedResults.Ok(await DirectoryHistory.OfAsync(db, kind, id, ct)) : Problems.NotFound(what);
}

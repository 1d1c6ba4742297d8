using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaliProcess.Web.Features.Library;

/// <summary>The review routes: what imports left for a person, linking a participant kept by name, resolving a review item.</summary>
public static class MeetingReviewEndpoints
{
    public static void MapMeetingReview(this IEndpointRouteBuilder api)
    {
        api.MapGet("/meetings/review", async (MeetingReview review, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await review.ListAsync(http.Viewer(), ct)))
            .RequireAuthorization(Policies.LibraryWrite)
            .WithSummary("Lists what imports left for review")
            .WithDescription("Participants kept by name that match no Directory entry, and the open review items (fields a merged document disagrees on, points the recognizer flagged) of the meetings the caller may correct. A review item is listed only to a reader of the document it came from.");

        api.MapPost("/meetings/{id:guid}/participants/{participantId:guid}/link", async Task<Results<Ok<MeetingDetailView>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Guid participantId, LinkParticipantInput input, MeetingReview review, AppDbContext db, HttpContext http, CancellationToken ct) =>
                await MeetingAnswerAsync(await review.LinkAsync(id, participantId, input, http.Viewer(), ct), id, db, http, ct))
            .RequireAuthorization(Policies.MemberAdmin)
            .WithSummary("Links a participant kept by name to a Directory entry")
            .WithDescription("Body: {\"code\": \"PIF\", \"reason\": \"...\"} (reason optional). The name becomes a variant of that entry, so later imports match it, and the same unlinked name in the other meetings the caller may correct is linked too. A missing entry, a name that already belongs to another entry and a participant already linked answer 400 or 409; another member's meeting answers 404.");

        api.MapPost("/meetings/{id:guid}/review/{itemId:guid}/resolve", async Task<Results<Ok<MeetingDetailView>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Guid itemId, ResolveReviewInput input, MeetingReview review, AppDbContext db, HttpContext http, CancellationToken ct) =>
                await MeetingAnswerAsync(await review.ResolveAsync(id, itemId, input, http.Viewer(), ct), id, db, http, ct))
            .RequireAuthorization(Policies.LibraryWrite)
            .WithSummary("Resolves a review item of a meeting")
            .WithDescription("Body: {\"take\": false, \"reason\": \"...\"} keeps the meeting's value; take true replaces it by the document's (title, dates, place, format or number) as a correction with its history. A point already resolved answers 409.");
    }

    /// <summary>The meeting as the caller now sees it, or the command's problem.</summary>
    private static async Task<Results<Ok<MeetingDetailView>, ValidationProblem, ProblemHttpResult>> MeetingAnswerAsync<T>(
        CommandResult<T> result, Guid id, AppDbContext db, HttpContext http, CancellationToken ct) =>
        result.Succeeded
            ? TypedResults.Ok((await LibraryQueries.MeetingAsync(db, http.Viewer(), id, ct))!)
            : result.Invalid is { } invalid ? invalid.ToProblem() : result.Problem!;
}

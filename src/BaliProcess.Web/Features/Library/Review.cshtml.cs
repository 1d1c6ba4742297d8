using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// What imports left for a person: names of attendees that match no Directory entry (an administrator links each
/// once, and later imports know the name), and points where a merged document disagrees with its meeting or the
/// reader was unsure. One form per row, so the page works without script.
/// </summary>
[Authorize(Policy = Policies.Editor)]
public sealed class ReviewModel(AppDbContext db, MeetingReview review, IAuthorizationService authorization,
    IStringLocalizer<ValidationText> validationText) : PageModel
{
    public ReviewListView List { get; private set; } = new([], []);

    public IReadOnlyList<MemberView> Members { get; private set; } = [];

    /// <summary>Linking a name changes the Directory: member and platform administrators only.</summary>
    public bool MayLink { get; private set; }

    /// <summary>The row a failed post came from, so its message shows beside it.</summary>
    public Guid? FailedRow { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostLinkAsync(Guid meetingId, Guid participantId, string? code, string? reason, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.MemberAdmin)).Succeeded)
        {
            return Forbid();
        }

        var result = await review.LinkAsync(meetingId, participantId, new LinkParticipantInput(code, reason), HttpContext.Viewer(), ct);
        return await OutcomeAsync(result, participantId, result.Succeeded ? "linked" : null, ct);
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid meetingId, Guid itemId, bool take, string? reason, CancellationToken ct)
    {
        var result = await review.ResolveAsync(meetingId, itemId, new ResolveReviewInput(take, reason), HttpContext.Viewer(), ct);
        return await OutcomeAsync(result, itemId, result.Succeeded ? "resolved" : null, ct);
    }

    private async Task<IActionResult> OutcomeAsync<T>(CommandResult<T> result, Guid row, string? done, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            Done = done;
            return RedirectToPage();
        }

        if (result.Problem?.StatusCode == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        ModelState.AddFailure(result, validationText, prefix: "Row");
        FailedRow = row;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayLink = (await authorization.AuthorizeAsync(User, Policies.MemberAdmin)).Succeeded;
        List = await review.ListAsync(HttpContext.Viewer(), ct);
        Members = MayLink && List.Unlinked.Count > 0 ? await DirectoryQueries.MembersAsync(db, null, ct) : [];
    }
}

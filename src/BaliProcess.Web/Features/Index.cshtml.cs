using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Home;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features;

/// <summary>
/// The home page: for a member official, what is new and what is theirs (their actions due or stale, meetings coming
/// up, documents added since their last visit, what waits for them); for the public, the process in a paragraph and
/// the latest public statements and meetings.
/// </summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(AppDbContext db, TimeProvider time, IOptions<ActionsOptions> actions) : PageModel
{
    public bool SignedIn { get; private set; }

    public SignedInHome? Mine { get; private set; }

    public PublicHome? Public { get; private set; }

    public int DueWithinDays => actions.Value.Digest.DueWithinDays;

    public async Task OnGetAsync(CancellationToken ct)
    {
        SignedIn = User.Identity?.IsAuthenticated == true;
        var viewer = HttpContext.Viewer();
        if (viewer is { IsMember: true, IsApiKey: false, UserId: { } userId })
        {
            var now = time.GetUtcNow().UtcDateTime;
            var previous = await HomeVisits.RecordViewAsync(db, userId, now, ct);
            Mine = await HomeQueries.SignedInAsync(db, viewer, previous, now, actions.Value.Digest, ct);
            return;
        }

        Public = await HomeQueries.PublicAsync(db, ct);
    }
}

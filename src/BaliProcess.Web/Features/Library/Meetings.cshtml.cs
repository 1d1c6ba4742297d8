using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Library;

[AllowAnonymous]
public sealed class MeetingsModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Body { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<MeetingSummaryView> Meetings { get; private set; } = [];

    public IReadOnlyList<BodyView> Bodies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Bodies = await DirectoryQueries.BodiesAsync(db, ct);
        Meetings = await LibraryQueries.MeetingsAsync(db, HttpContext.Viewer(), new LibraryFilters(Body, Year, Take: LibraryQueries.MaxTake), ct);
    }
}

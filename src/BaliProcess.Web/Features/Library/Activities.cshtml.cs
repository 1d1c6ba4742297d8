using BaliProcess.Documents;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Library;

/// <summary>The timeline of the process's activities, filterable by year, body and kind.</summary>
[AllowAnonymous]
public sealed class ActivitiesModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Body { get; set; }

    [BindProperty(SupportsGet = true)]
    public ActivityKind? Kind { get; set; }

    public IReadOnlyList<ActivityView> Activities { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<BodyView> Bodies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        Years = await LibraryQueries.ActivityYearsAsync(db, viewer, ct);
        Bodies = await DirectoryQueries.BodiesAsync(db, ct);
        Activities = await LibraryQueries.ActivitiesAsync(db, viewer, new LibraryFilters(Body, Year, Kind, Take: LibraryQueries.MaxTake), ct);
    }
}

using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions;

/// <summary>The dashboard. Anyone may open it: it counts and lists only the actions the reader may see.</summary>
[AllowAnonymous]
public sealed class IndexModel(AppDbContext db, TimeProvider time, IStringLocalizer<ActionsText> T) : PageModel
{
    /// <summary>A date chosen for "not updated since", instead of the last senior officials' meeting.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Since { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Imported { get; set; }

    public DashboardView Dashboard { get; private set; } = null!;

    public bool IsMember { get; private set; }

    public bool CanImport { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        IsMember = viewer.IsMember;
        CanImport = viewer.IsPlatformAdmin;
        DateOnly? since = null;
        if (!string.IsNullOrWhiteSpace(Since))
        {
            if (ActionCommands.TryParseDate(Since, out var date))
            {
                since = date;
            }
            else
            {
                ModelState.AddModelError(nameof(Since), T["'{0}' is not a date: write it as YYYY-MM-DD.", Since]);
            }
        }

        Dashboard = await ActionDashboard.LoadAsync(db, viewer, since, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct);
    }
}

using BaliProcess.Web.Features.Actions.Reports;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Actions;

/// <summary>The issued progress reports the reader may see (the access rule filters them by their distribution), with their downloads.</summary>
[AllowAnonymous]
public sealed class IssuedReportsModel(ProgressReportService reports) : PageModel
{
    /// <summary>The number of the report just issued, to confirm it.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Issued { get; set; }

    public IReadOnlyList<IssuedReportView> Reports { get; private set; } = [];

    public bool CanDownload { get; private set; }

    public bool CanIssue { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        CanDownload = viewer.IsMember;
        CanIssue = viewer.IsPlatformAdmin;
        Reports = await reports.IssuedListAsync(viewer, ct);
    }
}

using BaliProcess.Web.Features.Actions.Reports;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions;

/// <summary>
/// The draft progress report of a period as a page: a preview that records nothing, like its downloads. An RSO
/// administrator issues it from here (IssueReport), which records it and moves the "changed since" baseline.
/// </summary>
[AllowAnonymous]
public sealed class ReportModel(AppDbContext db, ProgressReportService reports, IStringLocalizer<ActionsText> T) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Meeting { get; set; }

    /// <summary>"changed" shows only what changed since the last report.</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    public bool ChangedOnly => string.Equals(View, "changed", StringComparison.OrdinalIgnoreCase);

    public ProgressReport Report { get; private set; } = null!;

    public IReadOnlyList<MeetingChoice> Meetings { get; private set; } = [];

    public bool CanDownload { get; private set; }

    public bool CanIssue { get; private set; }

    /// <summary>The query string of the current period, for the download links.</summary>
    public string PeriodQuery { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        CanDownload = viewer.IsMember;
        CanIssue = viewer.IsPlatformAdmin;
        var period = await reports.PeriodAsync(viewer, From, To, Meeting, ct);
        if (!period.Succeeded)
        {
            if (period.Problem is not null)
            {
                ModelState.AddModelError(nameof(Meeting), T["There is no meeting with that id that you may see."]);
            }

            foreach (var (field, message) in period.Invalid?.Localized(T) ?? [])
            {
                ModelState.AddModelError(char.ToUpperInvariant(field[0]) + field[1..], message);
            }

            period = await reports.PeriodAsync(viewer, null, null, null, ct);
            Meeting = null;
        }

        var chosen = period.Value!;
        From = chosen.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To = chosen.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        PeriodQuery = Meeting is { Length: > 0 } ? $"meeting={Uri.EscapeDataString(Meeting)}" : $"from={From}&to={To}";
        Report = await reports.DraftAsync(viewer, chosen, ct);
        Meetings = await db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db)
            .OrderByDescending(m => m.StartDate).Take(100)
            .Select(m => new MeetingChoice(m.Id, m.Title, m.StartDate))
            .ToListAsync(ct);
    }
}

public sealed record MeetingChoice(Guid Id, string Title, DateOnly StartDate);

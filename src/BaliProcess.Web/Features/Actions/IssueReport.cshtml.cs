using BaliProcess.Web.Features.Actions.Reports;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions;

/// <summary>An RSO administrator issues the progress report of a period: numbered, frozen and marked with its distribution.</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class IssueReportModel(ProgressReportService reports, IStringLocalizer<ActionsText> T) : PageModel
{
    [BindProperty]
    public IssueReportForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Meeting { get; set; }

    public void OnGet()
    {
        Form.From = From;
        Form.To = To;
        Form.Meeting = Meeting;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await reports.IssueAsync(HttpContext.Viewer(), new IssueReportInput(Form.From, Form.To, Form.Meeting, Form.Distribution), ct);
        if (result.Succeeded)
        {
            return Redirect($"/Actions/IssuedReports?issued={result.Value!.Number}");
        }

        ModelState.AddFailure(result, T, nameof(Form));
        return Page();
    }
}

public sealed class IssueReportForm
{
    public string? From { get; set; }

    public string? To { get; set; }

    public string? Meeting { get; set; }

    public string? Distribution { get; set; }
}

using BaliProcess.Documents;
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

/// <summary>Correcting every field read from a meeting's document, its attendees and outcomes; withdrawing and restoring it.</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class EditMeetingModel(AppDbContext db, LibraryCorrections commands, RecordCorrections corrections,
    IStringLocalizer<ValidationText> validationText) : PageModel
{
    [BindProperty]
    public MeetingEditForm Form { get; set; } = new();

    [BindProperty]
    public string? WithdrawReason { get; set; }

    public MeetingDetailView Detail { get; private set; } = null!;

    public CorrectionsView Corrections { get; private set; } = null!;

    public IReadOnlyList<BodyView> Bodies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var m = Detail.Meeting;
        Form = new MeetingEditForm
        {
            Title = m.Title, StartDate = m.StartDate.ToString("yyyy-MM-dd"), EndDate = m.EndDate.ToString("yyyy-MM-dd"), Place = m.Place,
            Format = m.Format?.ToString() ?? "", BodyCode = m.BodyCode ?? "", Ordinal = m.Ordinal,
            // Participants kept by name are linked on the review page, not edited here.
            Attendees = string.Join("\n", Detail.Participants.Where(p => p.IsLinked).Select(p => p.Role == ParticipantRole.Attendee ? p.Code : $"{p.Code} {p.Role}")),
            Agenda = string.Join("\n", Detail.Agenda.Select(a => a.Title)),
            Outcomes = [.. Detail.Outcomes.Select(o => new OutcomeRow { Verb = o.Verb, Text = o.Text }), new OutcomeRow()],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var attendees = Lines(Form.Attendees).Select(line =>
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new AttendeeInput(parts[0], parts.Length > 1 ? parts[1] : null);
        }).ToList();
        var outcomes = Form.Outcomes.Where(o => !string.IsNullOrWhiteSpace(o.Text)).Select(o => new OutcomeInput(o.Verb?.ToString() ?? "", o.Text)).ToList();
        var input = new MeetingEditInput(Form.Title ?? "", Form.StartDate ?? "", Form.EndDate ?? "", Form.Place ?? "", Form.Format ?? "", Form.BodyCode ?? "",
            Form.Ordinal, attendees, Lines(Form.Agenda), outcomes, Reason: Form.Reason);
        var result = await commands.EditMeetingAsync(id, input, HttpContext.Viewer(), ct);
        return Done(result, id);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        return !await LoadAsync(id, ct) ? NotFound() : Done(await commands.WithdrawMeetingAsync(id, WithdrawReason, HttpContext.Viewer(), ct), id, "WithdrawReason");
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        return !await LoadAsync(id, ct) ? NotFound() : Done(await commands.RestoreMeetingAsync(id, WithdrawReason, HttpContext.Viewer(), ct), id, "WithdrawReason");
    }

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private IActionResult Done<T>(CommandResult<T> result, Guid id, string reasonField = "Form.Reason")
    {
        if (Form.Outcomes.Count == 0 || !string.IsNullOrWhiteSpace(Form.Outcomes[^1].Text))
        {
            Form.Outcomes.Add(new OutcomeRow());
        }

        return this.CorrectionOutcome(result, $"/Meetings/{id}?corrected=true", validationText, reasonField);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        if (await LibraryQueries.MeetingAsync(db, viewer, id, ct) is not { } detail || await corrections.ViewAsync<Meeting>(id, viewer, ct) is not { } view)
        {
            return false;
        }

        (Detail, Corrections) = (detail, view);
        Bodies = await DirectoryQueries.BodiesAsync(db, ct);
        return true;
    }
}

public sealed class MeetingEditForm
{
    public string? Title { get; set; }

    public string? StartDate { get; set; }

    public string? EndDate { get; set; }

    public string? Place { get; set; }

    public string? Format { get; set; }

    public string? BodyCode { get; set; }

    public int? Ordinal { get; set; }

    /// <summary>One member code a line, optionally followed by the role ("AUS CoChair").</summary>
    public string? Attendees { get; set; }

    /// <summary>One agenda item a line.</summary>
    public string? Agenda { get; set; }

    public List<OutcomeRow> Outcomes { get; set; } = [];

    public string? Reason { get; set; }
}

public sealed class OutcomeRow
{
    public OutcomeVerb? Verb { get; set; }

    public string? Text { get; set; }
}

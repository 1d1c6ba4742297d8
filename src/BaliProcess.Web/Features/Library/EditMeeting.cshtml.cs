using BaliProcess.Documents;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Library;

/// <summary>Correcting every field read from a meeting's document, its attendees and outcomes; withdrawing and restoring it.</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class EditMeetingModel(AppDbContext db, LibraryCorrections commands, RecordCorrections corrections,
    IStringLocalizer<ValidationText> validationText) : CorrectionPageModel<Meeting>(corrections, validationText, "/Meetings/{0}", commands.WithdrawMeetingAsync, commands.RestoreMeetingAsync)
{
    [BindProperty]
    public MeetingEditForm Form { get; set; } = new();

    public MeetingDetailView Detail { get; private set; } = null!;

    public IReadOnlyList<BodyView> Bodies { get; private set; } = [];

    protected override void FillForm()
    {
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
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => EditAsync(id, viewer =>
    {
        var attendees = Lines(Form.Attendees).Select(line =>
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new AttendeeInput(parts[0], parts.Length > 1 ? parts[1] : null);
        }).ToList();
        var outcomes = Form.Outcomes.Where(o => !string.IsNullOrWhiteSpace(o.Text)).Select(o => new OutcomeInput(o.Verb?.ToString() ?? "", o.Text)).ToList();
        var input = new MeetingEditInput(Form.Title ?? "", Form.StartDate ?? "", Form.EndDate ?? "", Form.Place ?? "", Form.Format ?? "", Form.BodyCode ?? "",
            Form.Ordinal, attendees, Lines(Form.Agenda), outcomes, Reason: Form.Reason);
        return commands.EditMeetingAsync(id, input, viewer, ct);
    }, ct);

    /// <summary>The form always ends with one empty outcome row to add an outcome without script.</summary>
    protected override void BeforeRedisplay()
    {
        if (Form.Outcomes.Count == 0 || !string.IsNullOrWhiteSpace(Form.Outcomes[^1].Text))
        {
            Form.Outcomes.Add(new OutcomeRow());
        }
    }

    protected override async Task<bool> LoadRecordAsync(Guid id, Viewer viewer, CancellationToken ct)
    {
        Detail = (await LibraryQueries.MeetingAsync(db, viewer, id, ct))!;
        if (Detail is null)
        {
            return false;
        }

        Bodies = await DirectoryQueries.BodiesAsync(db, ct);
        return true;
    }

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
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

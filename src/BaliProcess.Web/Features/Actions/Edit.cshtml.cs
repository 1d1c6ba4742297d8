using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions;

/// <summary>Correcting an action (text, "Who", due date, scope), withdrawing and restoring it, each with a reason.</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class EditModel(AppDbContext db, ActionCorrections commands, RecordCorrections corrections, IStringLocalizer<ValidationText> validationText)
    : CorrectionPageModel<TrackedAction>(corrections, validationText, "/Actions/{0}", commands.WithdrawAsync, commands.RestoreAsync)
{
    [BindProperty]
    public ActionEditForm Form { get; set; } = new();

    public ActionDetailView Detail { get; private set; } = null!;

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => EditAsync(id, viewer =>
    {
        // The scope is sent only when it changes (or names members), so that correcting the text keeps the grants as they are.
        var scopeChanged = Form.Scope != Detail.Action.Scope || !string.IsNullOrWhiteSpace(Form.NamedMembers);
        var input = new ActionEditInput(Form.Text ?? "", Form.WhoText ?? "", string.IsNullOrWhiteSpace(Form.DueDate) ? "none" : Form.DueDate,
            scopeChanged ? Form.Scope : null, (Form.NamedMembers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ConfirmWidening: Form.ConfirmWidening, Reason: Form.Reason);
        return commands.EditAsync(id, input, viewer, ct);
    }, ct);

    protected override void FillForm()
    {
        var a = Detail.Action;
        Form = new ActionEditForm { Text = a.Text, WhoText = a.Who, DueDate = a.DueDate?.ToString("yyyy-MM-dd"), Scope = a.Scope };
    }

    protected override async Task<bool> LoadRecordAsync(Guid id, Viewer viewer, CancellationToken ct)
    {
        Detail = (await ActionQueries.DetailAsync(db, viewer, id, ct))!;
        return Detail is not null;
    }
}

public sealed class ActionEditForm
{
    public string? Text { get; set; }

    public string? WhoText { get; set; }

    public string? DueDate { get; set; }

    public DistributionScope? Scope { get; set; }

    public string? NamedMembers { get; set; }

    public bool ConfirmWidening { get; set; }

    public string? Reason { get; set; }
}

using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Directory.FocalPoints;

/// <summary>Correcting a focal point (name, role, contact, body, scope), withdrawing and restoring it, each with a reason.</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class EditModel(AppDbContext db, FocalPointCorrections commands, RecordCorrections corrections,
    IStringLocalizer<ValidationText> validationText)
    : CorrectionPageModel<FocalPoint>(corrections, validationText, "", commands.WithdrawAsync, commands.RestoreAsync)
{
    [BindProperty]
    public FocalPointEditForm Form { get; set; } = new();

    public FocalPointView Detail { get; private set; } = null!;

    public IReadOnlyList<BodyView> Bodies { get; private set; } = [];

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => EditAsync(id, viewer =>
    {
        // The scope is sent only when it changes (or names members), so that correcting a phone keeps the grants as they are.
        var scopeChanged = Form.Scope != Detail.Scope || !string.IsNullOrWhiteSpace(Form.NamedMembers);
        var input = new FocalPointEditInput(Form.PersonName ?? "", Form.Role ?? "", Form.Email ?? "", Form.Phone ?? "", Form.BodyCode ?? "",
            scopeChanged ? Form.Scope : null, (Form.NamedMembers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ConfirmWidening: Form.ConfirmWidening, Reason: Form.Reason);
        return commands.EditAsync(id, input, viewer, ct);
    }, ct);

    protected override void FillForm() =>
        Form = new FocalPointEditForm
        {
            PersonName = Detail.PersonName, Role = Detail.Role, Email = Detail.Email, Phone = Detail.Phone, BodyCode = Detail.BodyCode ?? "", Scope = Detail.Scope,
        };

    /// <summary>A focal point has no page of its own: it is listed on its member's page.</summary>
    protected override string RecordUrl(Guid id) => $"/Directory/Members/{Detail.MemberCode}";

    protected override async Task<bool> LoadRecordAsync(Guid id, Viewer viewer, CancellationToken ct)
    {
        Detail = (await DirectoryQueries.FocalPointAsync(db, viewer, id, ct))!;
        if (Detail is null)
        {
            return false;
        }

        Bodies = await DirectoryQueries.BodiesAsync(db, ct);
        return true;
    }
}

public sealed class FocalPointEditForm
{
    public string? PersonName { get; set; }

    public string? Role { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? BodyCode { get; set; }

    public DistributionScope? Scope { get; set; }

    public string? NamedMembers { get; set; }

    public bool ConfirmWidening { get; set; }

    public string? Reason { get; set; }
}

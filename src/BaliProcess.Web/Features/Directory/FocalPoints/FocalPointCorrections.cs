using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Directory.FocalPoints;

/// <summary>A correction of a focal point. A field left out (null) stays as it is; "" clears the e-mail, phone or body.</summary>
public sealed record FocalPointEditInput(string? PersonName = null, string? Role = null, string? Email = null, string? Phone = null,
    string? BodyCode = null, DistributionScope? Scope = null, IReadOnlyList<string>? NamedMembers = null, Guid? SharingGroupId = null,
    bool ConfirmWidening = false, string? Reason = null) : ICorrectionInput;

/// <summary>Correcting, withdrawing and restoring focal points (<see cref="RecordCorrections"/> does the common part).</summary>
public sealed class FocalPointCorrections(AppDbContext db, RecordCorrections corrections)
{
    private readonly Func<FocalPoint, DateTime, CancellationToken, Task> reindex = corrections.Reindex<FocalPoint>(FocalPointSearchSource.SourceName);

    public const string Edited = "directory.focalpoint.edit";
    public const string Withdrawn = "directory.focalpoint.withdraw";
    public const string Restored = "directory.focalpoint.restore";

    public async Task<CommandResult<Guid>> EditAsync(Guid id, FocalPointEditInput input, Viewer viewer, CancellationToken ct)
    {
        var found = await corrections.FindCorrectableAsync<FocalPoint>(id, viewer, "focal point", ct);
        if (!found.Succeeded)
        {
            return CommandResult<Guid>.Fail(found.Problem!);
        }

        var focal = found.Value!;
        var validation = new Validation();
        var changes = new FieldChanges();
        SetText("personName", input.PersonName, 200, required: true, focal.PersonName, v => focal.PersonName = v!, changes, validation);
        SetText("role", input.Role, 200, required: true, focal.Role, v => focal.Role = v!, changes, validation);
        SetText("phone", input.Phone, 50, required: false, focal.Phone, v => focal.Phone = v, changes, validation);
        if (input.Email is not null)
        {
            var email = input.Email.Trim();
            if (email.Length > 0 && (email.Length > 256 || !DirectoryCommands.Email().IsMatch(email)))
            {
                validation.Add("email", "'{0}' is not an e-mail address.", input.Email);
            }
            else
            {
                changes.Set("email", focal.Email, email.Length == 0 ? null : email, v => focal.Email = v);
            }
        }

        if (input.BodyCode is not null)
        {
            var code = input.BodyCode.Trim().ToUpperInvariant();
            Guid? body = code.Length == 0 ? null : await db.Set<Body>().Where(b => b.Code == code).Select(b => (Guid?)b.Id).SingleOrDefaultAsync(ct);
            if (code.Length > 0 && body is null)
            {
                validation.Add("bodyCode", "There is no body with code '{0}'.", input.BodyCode);
            }
            else
            {
                changes.Set("body", focal.BodyId, body, v => focal.BodyId = v);
            }
        }

        return await corrections.SaveEditAsync(focal, input, changes, validation, viewer, Edited, reindex, ct);
    }

    public Task<CommandResult<WithdrawalView>> WithdrawAsync(Guid id, string? reason, Viewer viewer, CancellationToken ct) =>
        corrections.WithdrawAsync<FocalPoint>(id, reason, viewer, "focal point", Withdrawn, reindex, ct);

    public Task<CommandResult<bool>> RestoreAsync(Guid id, string? reason, Viewer viewer, CancellationToken ct) =>
        corrections.RestoreAsync<FocalPoint>(id, reason, viewer, "focal point", Restored, reindex, ct);

    private static void SetText(string field, string? input, int maxLength, bool required, string? current, Action<string?> apply,
        FieldChanges changes, Validation validation)
    {
        if (input is null)
        {
            return;
        }

        var value = input.Trim();
        if ((required && value.Length == 0) || value.Length > maxLength)
        {
            validation.Add(field, required ? "This field is required, at most {0} characters." : "This field must be at most {0} characters.", maxLength);
            return;
        }

        changes.Set(field, current, value.Length == 0 ? null : value, apply);
    }

}

/// <summary>The focal points' correction routes.</summary>
public static class FocalPointCorrectionEndpoints
{
    public static void MapFocalPointCorrections(this IEndpointRouteBuilder api)
    {
        api.MapPatch("/focal-points/{id:guid}", async Task<Results<Ok<FocalPointView>, ValidationProblem, ProblemHttpResult>> (
                Guid id, FocalPointEditInput input, FocalPointCorrections corrections, AppDbContext db, HttpContext http, CancellationToken ct) =>
                await (await corrections.EditAsync(id, input, http.Viewer(), ct)).EditAnswerAsync(() => DirectoryQueries.FocalPointAsync(db, http.Viewer(), id, ct)))
            .RequireAuthorization(Policies.DirectoryWrite)
            .WithSummary("Corrects a focal point's name, role, e-mail, phone, body or distribution scope, with a mandatory reason.")
            .WithDescription("For the owner member's editors and the RSO's platform administrators. Fields left out stay as they are; widening the scope is the owner's and needs \"confirmWidening\": true.");

        api.MapCorrectionRoutes<FocalPoint>("/focal-points", "focal point", Policies.DirectoryWrite, "directory.focalpoint.read",
            (s, id, reason, viewer, ct) => s.GetRequiredService<FocalPointCorrections>().WithdrawAsync(id, reason, viewer, ct),
            (s, id, reason, viewer, ct) => s.GetRequiredService<FocalPointCorrections>().RestoreAsync(id, reason, viewer, ct),
            readPolicy: Policies.DirectoryRead);
    }
}

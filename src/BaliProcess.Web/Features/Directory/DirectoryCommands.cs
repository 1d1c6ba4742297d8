using System.Text.RegularExpressions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Directory;

public sealed record MemberInput(string? Code, MemberKind? Kind, string? Name, IReadOnlyList<string>? Variants, int? MemberSince);

public sealed record FocalPointInput(string? PersonName, string? Role, string? Email, string? Phone, string? BodyCode,
    DistributionScope? Scope, IReadOnlyList<string>? NamedMembers = null, Guid? SharingGroupId = null, bool Draft = false);

public sealed partial class DirectoryCommands(AppDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<CommandResult<MemberView>> CreateMemberAsync(MemberInput input, CancellationToken ct)
    {
        var validation = new Validation();
        var code = input.Code?.Trim().ToUpperInvariant() ?? "";
        var name = input.Name?.Trim() ?? "";
        validation.Require("name", name, "Name");
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            validation.Add("kind", "Kind is required: one of {0}.", string.Join(", ", Enum.GetNames<MemberKind>()));
        }
        else if (kind is MemberKind.MemberState or MemberKind.ObserverState)
        {
            if (!Alpha3().IsMatch(code))
            {
                validation.Add("code", "'{0}' is not an ISO 3166-1 alpha-3 code: a state's code is three letters, such as IDN or AUS.", input.Code);
            }
            else if (!IsoCountries.IsAlpha3(code))
            {
                validation.Add("code", "'{0}' is not an assigned ISO 3166-1 alpha-3 country code.", code);
            }
        }
        else if (!Acronym().IsMatch(code))
        {
            validation.Add("code", "An organisation's code is its acronym: 2 to 10 letters, digits or hyphens, such as IOM.");
        }

        var thisYear = time.GetUtcNow().Year;
        if (input.MemberSince is { } since && (since < 2002 || since > thisYear))
        {
            validation.Add("memberSince", "Membership year must be between 2002 (the first ministerial conference) and {0}.", thisYear);
        }

        var variants = (input.Variants ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (variants.Any(v => v.Length > 200))
        {
            validation.Add("variants", "Each name variant must be at most 200 characters.");
        }

        if (!validation.IsValid)
        {
            return CommandResult<MemberView>.Fail(validation);
        }

        var lowered = name.ToLowerInvariant();
        var duplicate = await db.Set<Member>().Where(m => m.Code == code || m.Name.ToLower() == lowered).Select(m => m.Code).FirstOrDefaultAsync(ct);
        if (duplicate is not null)
        {
            return CommandResult<MemberView>.Fail(Problems.Conflict($"A member with code '{code}' or name '{name}' already exists ({duplicate})."));
        }

        var member = new Member { Code = code, Kind = input.Kind!.Value, Name = name, Variants = variants, MemberSince = input.MemberSince, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Add(member);
        audit.Record("directory.member.create", nameof(Member), member.Code, subjectMember: member.Id);
        await db.SaveChangesAsync(ct);
        return CommandResult<MemberView>.Ok(new MemberView(member.Id, member.Code, member.Kind, member.Name, member.Variants, member.MemberSince));
    }

    public async Task<CommandResult<FocalPointView>> CreateFocalPointAsync(FocalPointInput input, Viewer viewer, CancellationToken ct)
    {
        var validation = new Validation()
            .Require("personName", input.PersonName, "Name")
            .Require("role", input.Role, "Role");
        if (input.Email is { Length: > 0 } email && (email.Length > 256 || !Email().IsMatch(email.Trim())))
        {
            validation.Add("email", "'{0}' is not an e-mail address.", email);
        }

        if (input.Phone is { Length: > 50 })
        {
            validation.Add("phone", "Phone must be at most 50 characters.");
        }

        Guid? bodyId = null;
        if (!string.IsNullOrWhiteSpace(input.BodyCode))
        {
            var bodyCode = input.BodyCode.Trim().ToUpperInvariant();
            bodyId = await db.Set<Body>().Where(b => b.Code == bodyCode).Select(b => (Guid?)b.Id).SingleOrDefaultAsync(ct);
            if (bodyId is null)
            {
                validation.Add("bodyCode", "There is no body with code '{0}'.", input.BodyCode);
            }
        }

        var scope = await ScopeValidation.ResolveAsync(new ScopeInput(input.Scope, input.NamedMembers, input.SharingGroupId, input.Draft), viewer, db, validation, ct);
        if (!validation.IsValid || scope is null)
        {
            return CommandResult<FocalPointView>.Fail(validation);
        }

        var focalPoint = new FocalPoint
        {
            BodyId = bodyId,
            PersonName = input.PersonName!.Trim(),
            Role = input.Role!.Trim(),
            Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(),
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedByUserId = viewer.UserId ?? Guid.Empty,
        };
        Ownership.Stamp(focalPoint, viewer, scope, db);
        db.Add(focalPoint);
        audit.Record("directory.focalpoint.create", nameof(FocalPoint), focalPoint.Id, detail: scope.Scope.ToString(), subjectMember: focalPoint.OwnerMemberId);
        SearchOutbox.Enqueue(db, FocalPointSearchSource.SourceName, focalPoint.Id, focalPoint.CreatedAt);
        await db.SaveChangesAsync(ct);
        return CommandResult<FocalPointView>.Ok((await DirectoryQueries.FocalPointAsync(db, viewer, focalPoint.Id, ct))!);
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Alpha3();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,9}$")]
    private static partial Regex Acronym();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    internal static partial Regex Email();
}

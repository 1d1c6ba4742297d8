using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Directory;

public sealed record MemberCorrectionInput(string? Name, IReadOnlyList<string>? Variants, int? MemberSince, string? Reason);

public sealed record BodyCorrectionInput(string? Name, IReadOnlyList<string>? Variants, string? Reason);

/// <summary>A member's place in a body: added when absent, changed when present.</summary>
public sealed record MembershipInput(BodyRole? Role, DateOnly? Since, DateOnly? Until, string? Reason);

public sealed record ReasonInput(string? Reason);

/// <summary>Who changed a directory record, as its history shows it.</summary>
public sealed record Corrector(Guid? UserId, string Name)
{
    public static Corrector Of(HttpContext http) => new(http.Viewer().UserId, http.User.Identity?.Name ?? "");
}

/// <summary>
/// Corrections of members and bodies by the RSO's platform administrators (the endpoints and pages require
/// <see cref="Policies.PlatformAdmin"/>): each needs a reason, keeps every changed field's old and new value as
/// history, and writes its audit event in the same save as the change. An unknown member or body answers 404 before
/// the input is looked at, so a probe learns nothing more from a bad body.
/// </summary>
public sealed class DirectoryCorrections(AppDbContext db, AuditLog audit, TimeProvider time)
{
    public const int ReasonMaxLength = 500;

    public async Task<CommandResult<MemberView>> CorrectMemberAsync(string code, MemberCorrectionInput input, Corrector by, CancellationToken ct)
    {
        var normalised = code.Trim().ToUpperInvariant();
        var member = await db.Set<Member>().SingleOrDefaultAsync(m => m.Code == normalised, ct);
        if (member is null)
        {
            return CommandResult<MemberView>.Fail(Problems.NotFound("member"));
        }

        var validation = new Validation();
        var name = input.Name?.Trim() ?? "";
        validation.Require("name", name, "Name");
        var variants = CleanVariants(input.Variants, validation);
        var thisYear = time.GetUtcNow().Year;
        if (input.MemberSince is { } since && (since < 2002 || since > thisYear))
        {
            validation.Add("memberSince", "Membership year must be between 2002 (the first ministerial conference) and {0}.", thisYear);
        }

        var reason = RequireReason(input.Reason, validation);
        if (!validation.IsValid)
        {
            return CommandResult<MemberView>.Fail(validation);
        }

        var lowered = name.ToLowerInvariant();
        if (await db.Set<Member>().AnyAsync(m => m.Id != member.Id && m.Name.ToLower() == lowered, ct))
        {
            return CommandResult<MemberView>.Fail(Problems.Conflict($"Another member is already called '{name}'."));
        }

        var changes = new List<DirectoryChange>();
        Track(changes, DirectorySubject.Member, member.Id, "name", member.Name, name);
        Track(changes, DirectorySubject.Member, member.Id, "variants", Join(member.Variants), Join(variants));
        Track(changes, DirectorySubject.Member, member.Id, "memberSince", member.MemberSince?.ToString(), input.MemberSince?.ToString());
        member.Name = name;
        member.Variants = variants;
        member.MemberSince = input.MemberSince;
        await SaveAsync(changes, reason, by, "directory.member.correct", nameof(Member), member.Code, member.Id, ct);
        return CommandResult<MemberView>.Ok(new MemberView(member.Id, member.Code, member.Kind, member.Name, member.Variants, member.MemberSince));
    }

    public async Task<CommandResult<BodyDetailView>> CorrectBodyAsync(string code, BodyCorrectionInput input, Corrector by, CancellationToken ct)
    {
        var body = await FindBodyAsync(code, ct);
        if (body is null)
        {
            return CommandResult<BodyDetailView>.Fail(Problems.NotFound("body"));
        }

        var validation = new Validation();
        var name = input.Name?.Trim() ?? "";
        validation.Require("name", name, "Name", 300);
        var variants = CleanVariants(input.Variants, validation);
        var reason = RequireReason(input.Reason, validation);
        if (!validation.IsValid)
        {
            return CommandResult<BodyDetailView>.Fail(validation);
        }

        var changes = new List<DirectoryChange>();
        Track(changes, DirectorySubject.Body, body.Id, "name", body.Name, name);
        Track(changes, DirectorySubject.Body, body.Id, "variants", Join(body.Variants), Join(variants));
        body.Name = name;
        body.Variants = variants;
        await SaveAsync(changes, reason, by, "directory.body.correct", nameof(Body), body.Code, null, ct);
        return CommandResult<BodyDetailView>.Ok((await DirectoryQueries.BodyDetailAsync(db, body.Code, Today, ct))!);
    }

    public async Task<CommandResult<BodyDetailView>> SetMembershipAsync(string bodyCode, string? memberCode, MembershipInput input, Corrector by, CancellationToken ct)
    {
        var (body, member, validation) = await BodyAndMemberAsync(bodyCode, memberCode, ct);
        if (body is null)
        {
            return CommandResult<BodyDetailView>.Fail(Problems.NotFound("body"));
        }

        if (input.Role is not { } role || !Enum.IsDefined(role))
        {
            validation.Add("role", "Role is required: one of {0}.", string.Join(", ", Enum.GetNames<BodyRole>()));
        }

        if (input.Since is { } since && input.Until is { } until && until < since)
        {
            validation.Add("until", "The end date ({0:yyyy-MM-dd}) is before the start date ({1:yyyy-MM-dd}).", until, since);
        }

        var reason = RequireReason(input.Reason, validation);
        if (!validation.IsValid || member is null)
        {
            return CommandResult<BodyDetailView>.Fail(validation);
        }

        var field = $"membership:{member.Code}";
        var existing = await db.Set<BodyMembership>().SingleOrDefaultAsync(m => m.BodyId == body.Id && m.MemberId == member.Id, ct);
        var before = existing is null ? null : Describe(existing);
        if (existing is null)
        {
            existing = new BodyMembership { BodyId = body.Id, MemberId = member.Id };
            db.Add(existing);
        }

        existing.Role = input.Role!.Value;
        existing.Since = input.Since;
        existing.Until = input.Until;
        var changes = new List<DirectoryChange>();
        Track(changes, DirectorySubject.Body, body.Id, field, before, Describe(existing));
        await SaveAsync(changes, reason, by, "directory.body.membership.set", nameof(Body), body.Code, member.Id, ct);
        return CommandResult<BodyDetailView>.Ok((await DirectoryQueries.BodyDetailAsync(db, body.Code, Today, ct))!);
    }

    public async Task<CommandResult<BodyDetailView>> RemoveMembershipAsync(string bodyCode, string? memberCode, ReasonInput input, Corrector by, CancellationToken ct)
    {
        var (body, member, validation) = await BodyAndMemberAsync(bodyCode, memberCode, ct);
        if (body is null)
        {
            return CommandResult<BodyDetailView>.Fail(Problems.NotFound("body"));
        }

        var reason = RequireReason(input.Reason, validation);
        if (!validation.IsValid || member is null)
        {
            return CommandResult<BodyDetailView>.Fail(validation);
        }

        var existing = await db.Set<BodyMembership>().SingleOrDefaultAsync(m => m.BodyId == body.Id && m.MemberId == member.Id, ct);
        if (existing is null)
        {
            return CommandResult<BodyDetailView>.Fail(Problems.NotFound("membership"));
        }

        db.Remove(existing);
        var changes = new List<DirectoryChange>();
        Track(changes, DirectorySubject.Body, body.Id, $"membership:{member.Code}", Describe(existing), null);
        await SaveAsync(changes, reason, by, "directory.body.membership.remove", nameof(Body), body.Code, member.Id, ct);
        return CommandResult<BodyDetailView>.Ok((await DirectoryQueries.BodyDetailAsync(db, body.Code, Today, ct))!);
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private Task<Body?> FindBodyAsync(string code, CancellationToken ct)
    {
        var normalised = code.Trim().ToUpperInvariant();
        return db.Set<Body>().SingleOrDefaultAsync(b => b.Code == normalised, ct);
    }

    /// <summary>The body (null: unknown, which answers 404 before anything else), and the member, or why it is not one.</summary>
    private async Task<(Body? Body, Member? Member, Validation Validation)> BodyAndMemberAsync(string bodyCode, string? memberCode, CancellationToken ct)
    {
        var validation = new Validation();
        var body = await FindBodyAsync(bodyCode, ct);
        return body is null ? (null, null, validation) : (body, await FindMemberAsync(memberCode, validation, ct), validation);
    }

    private async Task<Member?> FindMemberAsync(string? code, Validation validation, CancellationToken ct)
    {
        var normalised = code?.Trim().ToUpperInvariant() ?? "";
        if (normalised.Length == 0)
        {
            validation.Add("member", "Choose the member.");
            return null;
        }

        var member = await db.Set<Member>().SingleOrDefaultAsync(m => m.Code == normalised, ct);
        if (member is null)
        {
            validation.Add("member", "There is no member with code '{0}'.", code);
        }

        return member;
    }

    private static string RequireReason(string? reason, Validation validation)
    {
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            validation.Add("reason", "Give the reason for the correction: it is kept in the record's history.");
        }
        else if (trimmed.Length > ReasonMaxLength)
        {
            validation.Add("reason", "The reason must be at most {0} characters.", ReasonMaxLength);
        }

        return trimmed;
    }

    private static List<string> CleanVariants(IReadOnlyList<string>? variants, Validation validation)
    {
        var cleaned = (variants ?? []).Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (cleaned.Any(v => v.Length > 200))
        {
            validation.Add("variants", "Each name variant must be at most 200 characters.");
        }

        return cleaned;
    }

    private static string? Join(IEnumerable<string> values) => string.Join("; ", values) is { Length: > 0 } joined ? joined : null;

    private static string Describe(BodyMembership m) =>
        $"{m.Role}{(m.Since is { } s ? $" from {s:yyyy-MM-dd}" : "")}{(m.Until is { } u ? $" until {u:yyyy-MM-dd}" : "")}";

    private void Track(List<DirectoryChange> changes, DirectorySubject kind, Guid id, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new DirectoryChange
            {
                SubjectKind = kind, SubjectId = id, Field = field, OldValue = before, NewValue = after,
                ChangedAt = time.GetUtcNow().UtcDateTime,
            });
        }
    }

    /// <summary>The history rows and the audit event go into the same save as the change itself.</summary>
    private async Task SaveAsync(List<DirectoryChange> changes, string reason, Corrector by, string action, string subjectType, string subjectCode,
        Guid? subjectMember, CancellationToken ct)
    {
        foreach (var change in changes)
        {
            change.Reason = reason;
            change.ChangedByUserId = by.UserId;
            change.ChangedByName = by.Name;
            db.Add(change);
        }

        var fields = changes.Count == 0 ? "nothing changed" : string.Join(", ", changes.Select(c => c.Field));
        audit.Record(action, subjectType, subjectCode, detail: $"{fields}; reason: {reason}", subjectMember: subjectMember);
        await db.SaveChangesAsync(ct);
    }
}

using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>An account as its administrator sees it.</summary>
public sealed record AccountView(Guid Id, string Email, string DisplayName, string MemberCode, string? Agency, IReadOnlyList<string> Roles,
    bool TwoFactorEnabled, bool Disabled, DateTime CreatedAt, DateTime? LastSeenAt);

/// <summary>A change of an account's roles and agency; a null field stays as it is, an empty agency clears it.</summary>
public sealed record AccountUpdateInput(IReadOnlyList<string>? Roles, string? Agency);

/// <summary>The confirmation step of a change that cannot be undone from the platform (two-factor reset, signing out everywhere).</summary>
public sealed record ConfirmInput(bool? Confirm);

public sealed record SessionView(Guid Id, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt, string? RemoteAddress, string? UserAgent, bool Current);

/// <summary>
/// What administrators do to other people's accounts. The administrator of an account is a platform administrator,
/// or a member administrator of the account's member when the account is not itself an administrator's (member
/// administrators are administered by the RSO). <c>actingAs</c> null is the CLI, a trusted operator. Another member's
/// account answers not found; a fellow member administrator's account answers forbidden.
/// </summary>
public sealed class AccountAdministration(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, UserSessions sessions,
    AuditLog audit, AccountMail mail, TimeProvider time)
{
    /// <summary>The roles a member administrator may give within its member.</summary>
    public static readonly IReadOnlyList<string> MemberGrantableRoles = [Roles.MemberAdmin, Roles.MemberOfficer, Roles.Analyst];

    public async Task<IReadOnlyList<AccountView>> ListAsync(Viewer? actingAs, Guid? memberId, CancellationToken ct)
    {
        var all = actingAs is null || actingAs.IsPlatformAdmin;
        var query = db.Users.AsNoTracking().Where(u => all || u.MemberId == actingAs!.MemberId);
        if (memberId is { } m)
        {
            query = query.Where(u => u.MemberId == m);
        }

        return await ViewsAsync(query, ct);
    }

    public async Task<CommandResult<AccountView>> GetAsync(Guid userId, Viewer? actingAs, CancellationToken ct)
    {
        var (user, problem) = await TargetAsync(userId, actingAs, forChange: false, ct);
        return user is null ? CommandResult<AccountView>.Fail(problem!) : CommandResult<AccountView>.Ok(await ViewAsync(user.Id, ct));
    }

    /// <summary>Disables an account: it can no longer sign in, and every open session ends at once.</summary>
    public async Task<CommandResult<AccountChange>> DisableAsync(Guid userId, Viewer? actingAs, CancellationToken ct)
    {
        var (user, problem) = await TargetAsync(userId, actingAs, forChange: true, ct);
        if (user is null)
        {
            return CommandResult<AccountChange>.Fail(problem!);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await DisableCoreAsync(user);
        var ended = await sessions.RevokeAllAsync(user.Id, SessionEndReasons.Disabled, ct);
        audit.Record("account.user.disable", nameof(AppUser), user.Id, detail: $"{user.Email}; {ended} session(s) ended", subjectMember: user.MemberId);
        mail.Queue(mail.Disabled(user));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<AccountChange>.Ok(new AccountChange(user.Id, ended));
    }

    /// <summary>Locks the account for good and changes its security stamp (used by the inactivity job too).</summary>
    internal async Task DisableCoreAsync(AppUser user)
    {
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>Re-enables a disabled account; the inactivity clock starts again from now.</summary>
    public async Task<CommandResult<AccountChange>> EnableAsync(Guid userId, Viewer? actingAs, CancellationToken ct)
    {
        var (user, problem) = await TargetAsync(userId, actingAs, forChange: true, ct);
        if (user is null)
        {
            return CommandResult<AccountChange>.Fail(problem!);
        }

        if (!user.IsDisabled)
        {
            return CommandResult<AccountChange>.Ok(new AccountChange(user.Id, 0));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        user.ReenabledAt = time.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        audit.Record("account.user.enable", nameof(AppUser), user.Id, detail: user.Email, subjectMember: user.MemberId);
        mail.Queue(mail.Enabled(user));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<AccountChange>.Ok(new AccountChange(user.Id, 0));
    }

    /// <summary>
    /// Removes an account's second factor (a lost phone), after the administrator confirmed the person by another
    /// channel: its sessions and recovery codes end, the next sign-in enrols a new authenticator, and the person is told by e-mail.
    /// </summary>
    public async Task<CommandResult<AccountChange>> ResetTwoFactorAsync(Guid userId, ConfirmInput? input, Viewer? actingAs, CancellationToken ct)
    {
        var (user, problem) = await TargetAsync(userId, actingAs, forChange: true, ct);
        if (user is null)
        {
            return CommandResult<AccountChange>.Fail(problem!);
        }

        if (input?.Confirm != true)
        {
            var validation = new Validation();
            validation.Add("confirm", "Confirm that you checked, by another channel than e-mail, that the request comes from the account's owner.");
            return CommandResult<AccountChange>.Fail(validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        // A lost phone may be the passkey too: the reset removes every second factor, so the owner enrols afresh.
        var passkeys = await db.UserPasskeys.Where(p => p.UserId == user.Id).ExecuteDeleteAsync(ct);
        var ended = await sessions.RevokeAllAsync(user.Id, SessionEndReasons.TwoFactorReset, ct);
        audit.Record("account.2fa.reset", nameof(AppUser), user.Id, detail: $"{user.Email}; {passkeys} passkey(s) removed; {ended} session(s) ended", subjectMember: user.MemberId);
        mail.Queue(mail.TwoFactorReset(user));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<AccountChange>.Ok(new AccountChange(user.Id, ended));
    }

    /// <summary>Changes roles and agency within the administrator's member; the account's sessions end, so the new roles apply at the next sign-in.</summary>
    public async Task<CommandResult<AccountView>> UpdateAsync(Guid userId, AccountUpdateInput input, Viewer? actingAs, CancellationToken ct)
    {
        var (user, problem) = await TargetAsync(userId, actingAs, forChange: true, ct);
        if (user is null)
        {
            return CommandResult<AccountView>.Fail(problem!);
        }

        var validation = new Validation();
        var current = (await users.GetRolesAsync(user)).ToList();
        var wanted = input.Roles is null ? current : input.Roles.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in wanted.Where(r => !Roles.IsKnown(r)))
        {
            validation.Add("roles", "'{0}' is not a role. Roles: {1}.", unknown, string.Join(", ", Roles.All));
        }

        var member = await db.Set<Member>().AsNoTracking().SingleAsync(m => m.Id == user.MemberId, ct);
        if (wanted.Contains(Roles.PlatformAdmin) && member.Kind != MemberKind.SupportOffice)
        {
            validation.Add("roles", "Platform administrators belong to the Regional Support Office (RSO).");
        }

        var agency = input.Agency is null ? user.Agency : input.Agency.Trim().Length == 0 ? null : input.Agency.Trim();
        if (agency is { Length: > 100 })
        {
            validation.Add("agency", "Agency must be at most {0} characters.", 100);
        }

        if (!validation.IsValid)
        {
            return CommandResult<AccountView>.Fail(validation);
        }

        var added = wanted.Except(current, StringComparer.Ordinal).ToList();
        var removed = current.Except(wanted, StringComparer.Ordinal).ToList();
        if (actingAs is { IsPlatformAdmin: false } && added.Concat(removed).Any(r => !MemberGrantableRoles.Contains(r)))
        {
            return CommandResult<AccountView>.Fail(Problems.Forbidden($"A member administrator gives and takes only these roles: {string.Join(", ", MemberGrantableRoles)}."));
        }

        if (added.Count == 0 && removed.Count == 0 && agency == user.Agency)
        {
            return CommandResult<AccountView>.Ok(await ViewAsync(user.Id, ct));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var role in added.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
        }

        if (removed.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, removed);
        }

        if (added.Count > 0)
        {
            await users.AddToRolesAsync(user, added);
        }

        var oldAgency = user.Agency;
        user.Agency = agency;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        var ended = await sessions.RevokeAllAsync(user.Id, SessionEndReasons.AccountChanged, ct);
        audit.Record("account.user.update", nameof(AppUser), user.Id, subjectMember: user.MemberId,
            detail: $"{user.Email}; roles [{string.Join(",", current.Order(StringComparer.Ordinal))}] -> [{string.Join(",", wanted.Order(StringComparer.Ordinal))}]; agency '{oldAgency}' -> '{agency}'; {ended} session(s) ended");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<AccountView>.Ok(await ViewAsync(user.Id, ct));
    }

    public async Task<CommandResult<IReadOnlyList<SessionView>>> SessionsAsync(Guid userId, Viewer? actingAs, Guid? currentSession, CancellationToken ct)
    {
        var (user, problem) = await TargetAsync(userId, actingAs, forChange: false, ct);
        return user is null
            ? CommandResult<IReadOnlyList<SessionView>>.Fail(problem!)
            : CommandResult<IReadOnlyList<SessionView>>.Ok(await OpenSessionsAsync(db, time, user.Id, currentSession, ct));
    }

    /// <summary>Ends every session of the account (a stolen laptop); the password and second factor stay.</summary>
    public async Task<CommandResult<AccountChange>> SignOutEverywhereAsync(Guid userId, ConfirmInput? input, Viewer? actingAs, CancellationToken ct)
    {
        var (user, problem) = await TargetAsync(userId, actingAs, forChange: true, ct);
        if (user is null)
        {
            return CommandResult<AccountChange>.Fail(problem!);
        }

        if (input?.Confirm != true)
        {
            var validation = new Validation();
            validation.Add("confirm", "Confirm that every session of the account should end.");
            return CommandResult<AccountChange>.Fail(validation);
        }

        var ended = await sessions.RevokeAllAsync(user.Id, SessionEndReasons.SignedOutEverywhere, ct);
        audit.Record("account.sessions.revoke", nameof(AppUser), user.Id, detail: $"{user.Email}; {ended} session(s) ended", subjectMember: user.MemberId);
        await db.SaveChangesAsync(ct);
        return CommandResult<AccountChange>.Ok(new AccountChange(user.Id, ended));
    }

    public Task<Guid?> FindIdByEmailAsync(string? email, CancellationToken ct)
    {
        var normalised = users.NormalizeEmail(email?.Trim() ?? "");
        return db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
    }

    /// <summary>The open sessions of one account, newest first.</summary>
    public static async Task<IReadOnlyList<SessionView>> OpenSessionsAsync(AppDbContext db, TimeProvider time, Guid userId, Guid? currentSession, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await (from s in db.Set<UserSession>().AsNoTracking()
                      join u in db.Users on s.UserId equals u.Id
                      where s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now && s.SecurityStamp == u.SecurityStamp
                      orderby s.LastSeenAt descending
                      select new SessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.RemoteAddress, s.UserAgent, s.Id == currentSession))
            .ToListAsync(ct);
    }

    private async Task<(AppUser? User, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> TargetAsync(Guid userId, Viewer? actingAs, bool forChange, CancellationToken ct)
    {
        var all = actingAs is null || actingAs.IsPlatformAdmin;
        if (!all && !actingAs!.IsInRole(Roles.MemberAdmin))
        {
            return (null, Problems.NotFound("account"));
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && (all || u.MemberId == actingAs!.MemberId), ct);
        if (user is null)
        {
            return (null, Problems.NotFound("account"));
        }

        if (!forChange || actingAs is null)
        {
            return (user, null);
        }

        if (user.Id == actingAs.UserId)
        {
            return (null, Problems.Conflict("You cannot change your own account here: ask another administrator."));
        }

        if (!actingAs.IsPlatformAdmin && (await users.GetRolesAsync(user)).Any(r => r is Roles.MemberAdmin or Roles.PlatformAdmin))
        {
            return (null, Problems.Forbidden("An administrator's account is managed by the platform administrators of the RSO."));
        }

        return (user, null);
    }

    private async Task<AccountView> ViewAsync(Guid userId, CancellationToken ct) =>
        (await ViewsAsync(db.Users.AsNoTracking().Where(u => u.Id == userId), ct)).Single();

    private async Task<IReadOnlyList<AccountView>> ViewsAsync(IQueryable<AppUser> query, CancellationToken ct)
    {
        var rows = await (from u in query
                          join m in db.Set<Member>() on u.MemberId equals m.Id
                          orderby m.Code, u.DisplayName
                          select new
                          {
                              u.Id, u.Email, u.DisplayName, m.Code, u.Agency, u.TwoFactorEnabled, u.LockoutEnd, u.CreatedAt,
                              LastSeen = db.Set<UserSession>().Where(s => s.UserId == u.Id).Max(s => (DateTime?)s.LastSeenAt),
                              Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToList(),
                          }).ToListAsync(ct);
        return rows.Select(r => new AccountView(r.Id, r.Email!, r.DisplayName, r.Code, r.Agency, r.Roles.Select(x => x!).Order(StringComparer.Ordinal).ToList(),
            r.TwoFactorEnabled, r.LockoutEnd == DateTimeOffset.MaxValue, r.CreatedAt, r.LastSeen)).ToList();
    }
}

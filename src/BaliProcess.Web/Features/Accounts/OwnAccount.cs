using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Accounts;

public sealed record RecoveryCodesView(IReadOnlyList<string> Codes);

/// <summary>What a signed-in official does to their own account: password, recovery codes, sessions.</summary>
public sealed class OwnAccount(AppDbContext db, UserManager<AppUser> users, UserSessions sessions, AuditLog audit, AccountMail mail, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>
    /// Changes the signed-in user's own password. Every session of the account ends (the caller's too: a web caller
    /// then reissues its own cookie, see <see cref="SignInManager{TUser}.RefreshSignInAsync"/>); the owner is told by e-mail.
    /// </summary>
    public async Task<CommandResult<AccountChange>> ChangePasswordAsync(Guid userId, PasswordChangeInput input, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return CommandResult<AccountChange>.Fail(Problems.NotFound("account"));
        }

        var validation = new Validation();
        if (string.IsNullOrEmpty(input.CurrentPassword))
        {
            validation.Add("currentPassword", "Enter your current password.");
        }

        foreach (var (_, message) in PasswordRules.Check(input.NewPassword, user.Email ?? ""))
        {
            validation.Add("newPassword", message);
        }

        if (!validation.IsValid)
        {
            return CommandResult<AccountChange>.Fail(validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await users.ChangePasswordAsync(user, input.CurrentPassword!, input.NewPassword!);
        if (!changed.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            foreach (var error in changed.Errors)
            {
                if (error.Code == "PasswordMismatch")
                {
                    validation.Add("currentPassword", "The current password is not right.");
                }
                else
                {
                    validation.Add("newPassword", error.Description);
                }
            }

            await audit.RecordNowAsync("account.password.change", nameof(AppUser), user.Id, AuditOutcome.Denied, null, ct, user.MemberId);
            return CommandResult<AccountChange>.Fail(validation);
        }

        var ended = await sessions.RevokeAllAsync(user.Id, SessionEndReasons.PasswordChanged, ct);
        audit.Record("account.password.change", nameof(AppUser), user.Id, detail: $"{user.Email}; {ended} session(s) ended", subjectMember: user.MemberId);
        mail.Queue(mail.PasswordChanged(user));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<AccountChange>.Ok(new AccountChange(user.Id, ended));
    }

    /// <summary>New recovery codes, shown this once; the earlier ones stop working.</summary>
    public async Task<CommandResult<RecoveryCodesView>> RegenerateRecoveryCodesAsync(Guid userId, ConfirmInput? input, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return CommandResult<RecoveryCodesView>.Fail(Problems.NotFound("account"));
        }

        var validation = new Validation();
        if (input?.Confirm != true)
        {
            validation.Add("confirm", "Confirm that your earlier recovery codes should stop working.");
            return CommandResult<RecoveryCodesView>.Fail(validation);
        }

        if (!user.TwoFactorEnabled)
        {
            return CommandResult<RecoveryCodesView>.Fail(Problems.Conflict("Set up two-factor sign-in first: recovery codes belong to an authenticator."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        audit.Record("account.2fa.recovery-codes", nameof(AppUser), user.Id, detail: $"{codes.Count} new codes", subjectMember: user.MemberId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<RecoveryCodesView>.Ok(new RecoveryCodesView(codes));
    }

    public Task<IReadOnlyList<SessionView>> SessionsAsync(Guid userId, Guid? currentSession, CancellationToken ct) =>
        AccountAdministration.OpenSessionsAsync(db, time, userId, currentSession, ct);

    /// <summary>Ends every session of the signed-in user, the one asking included.</summary>
    public async Task<CommandResult<AccountChange>> SignOutEverywhereAsync(Guid userId, ConfirmInput? input, CancellationToken ct)
    {
        if (input?.Confirm != true)
        {
            var validation = new Validation();
            validation.Add("confirm", "Confirm that every session of the account should end.");
            return CommandResult<AccountChange>.Fail(validation);
        }

        var ended = await sessions.RevokeAllAsync(userId, SessionEndReasons.SignedOutEverywhere, ct);
        var memberId = await db.Users.Where(u => u.Id == userId).Select(u => (Guid?)u.MemberId).SingleOrDefaultAsync(ct);
        audit.Record("account.sessions.revoke", nameof(AppUser), userId, detail: $"{ended} session(s) ended by the owner", subjectMember: memberId);
        await db.SaveChangesAsync(ct);
        return CommandResult<AccountChange>.Ok(new AccountChange(userId, ended));
    }
}

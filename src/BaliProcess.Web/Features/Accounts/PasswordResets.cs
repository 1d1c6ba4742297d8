using System.Security.Cryptography;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Accounts;

public sealed record PasswordResetRequestInput(string? Email);

public sealed record PasswordResetInput(string? Token, string? NewPassword);

public enum ResetLinkState
{
    Valid,
    Unknown,
    Used,
    Expired,
}

/// <summary>
/// A forgotten password, reset by e-mail. A request answers the same, and does the same database work, whether or not
/// the address has an account; the e-mail goes into the outbox in the same transaction and leaves after the answer (<see cref="AccountMail.Queue"/>). The link is
/// single-use and short-lived (<see cref="AccountsOptions.PasswordResetLinkMinutes"/>); a newer link replaces older
/// ones; the reset ends every session of the account.
/// </summary>
public sealed class PasswordResets(AppDbContext db, UserManager<AppUser> users, UserSessions sessions, AuditLog audit, AccountMail mail, TimeProvider time,
    IOptions<AccountsOptions> options)
{
    /// <summary>At most one e-mail per account in this time, so that the form cannot be used to flood someone's mailbox.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    public async Task<CommandResult<bool>> RequestAsync(PasswordResetRequestInput input, CancellationToken ct)
    {
        var email = input.Email?.Trim() ?? "";
        var validation = new Validation();
        if (email.Length == 0)
        {
            validation.Add("email", "Enter your e-mail address.");
        }
        else if (email.Length > 256 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            validation.Add("email", "'{0}' is not an e-mail address.", email.Length > 256 ? email[..256] : email);
        }

        if (!validation.IsValid)
        {
            return CommandResult<bool>.Fail(validation);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var user = await users.FindByEmailAsync(email);
        // The same queries run for an address without an account (on an id no account has), so that timing tells nothing.
        var userId = user?.Id ?? Guid.Empty;
        var since = now - MinimumInterval;
        var recent = await db.Set<PasswordResetToken>().AnyAsync(t => t.UserId == userId && t.CreatedAt > since, ct);
        var sending = user is { IsDisabled: false } && !recent;
        await db.Set<PasswordResetToken>().Where(t => t.UserId == userId && t.UsedAt == null && sending).ExecuteDeleteAsync(ct);
        if (sending && user is not null)
        {
            var token = NewToken();
            var minutes = Math.Max(1, options.Value.PasswordResetLinkMinutes);
            db.Add(new PasswordResetToken { UserId = user.Id, TokenHash = ApiKeySecrets.Hash(token), CreatedAt = now, ExpiresAt = now.AddMinutes(minutes) });
            mail.Queue(mail.PasswordResetLink(user, token, minutes));
            audit.Record("account.password.reset-request", nameof(AppUser), user.Id, detail: "link sent", subjectMember: user.MemberId);
        }
        else
        {
            // Recorded the same way, so that the request costs the same; the detail says why nothing was sent.
            audit.Record("account.password.reset-request", nameof(AppUser), user?.Id, AuditOutcome.Denied,
                user is null ? "no account with this address" : user.IsDisabled ? "account disabled" : "a link was sent less than a minute ago",
                user?.MemberId);
        }

        await db.SaveChangesAsync(ct);
        return CommandResult<bool>.Ok(true);
    }

    public async Task<ResetLinkState> StateAsync(string? token, CancellationToken ct)
    {
        var found = await FindAsync(token, ct);
        return found is null ? ResetLinkState.Unknown : StateOf(found);
    }

    public async Task<CommandResult<AccountChange>> ResetAsync(PasswordResetInput input, CancellationToken ct)
    {
        var found = await FindAsync(input.Token, ct);
        var state = found is null ? ResetLinkState.Unknown : StateOf(found);
        var user = found is null ? null : await users.FindByIdAsync(found.UserId.ToString());
        if (state != ResetLinkState.Valid || user is null || user.IsDisabled)
        {
            var invalid = new Validation();
            invalid.Add("token", LinkMessage(user is { IsDisabled: true } ? ResetLinkState.Unknown : state));
            if (found is not null)
            {
                await audit.RecordNowAsync("account.password.reset", nameof(AppUser), found.UserId, AuditOutcome.Denied, $"link {state.ToString().ToLowerInvariant()}", ct, user?.MemberId);
            }

            return CommandResult<AccountChange>.Fail(invalid);
        }

        var validation = new Validation();
        foreach (var (_, message) in PasswordRules.Check(input.NewPassword, user.Email ?? ""))
        {
            validation.Add("newPassword", message);
        }

        if (!validation.IsValid)
        {
            return CommandResult<AccountChange>.Fail(validation);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Only one request, on any node, can take the link.
        var claimed = await db.Set<PasswordResetToken>().Where(t => t.Id == found!.Id && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed != 1)
        {
            await transaction.RollbackAsync(ct);
            var invalid = new Validation();
            invalid.Add("token", LinkMessage(ResetLinkState.Used));
            return CommandResult<AccountChange>.Fail(invalid);
        }

        var identityToken = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, identityToken, input.NewPassword!);
        if (!reset.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            foreach (var error in reset.Errors)
            {
                validation.Add("newPassword", error.Description);
            }

            return CommandResult<AccountChange>.Fail(validation);
        }

        await users.ResetAccessFailedCountAsync(user);
        var ended = await sessions.RevokeAllAsync(user.Id, SessionEndReasons.PasswordReset, ct);
        audit.Record("account.password.reset", nameof(AppUser), user.Id, detail: $"{user.Email}; {ended} session(s) ended", subjectMember: user.MemberId);
        mail.Queue(mail.PasswordChanged(user));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<AccountChange>.Ok(new AccountChange(user.Id, ended));
    }

    /// <summary>What the reset page says about a link that cannot be used (the English text is the key of its translation).</summary>
    public static string LinkMessage(ResetLinkState state) => state switch
    {
        ResetLinkState.Used => "This reset link was used already. Ask for a new link if you still need to reset your password.",
        ResetLinkState.Expired => "This reset link has expired. Ask for a new link: each one works for a short time only.",
        _ => "This reset link is not valid. Ask for a new link, and open the newest e-mail.",
    };

    private ResetLinkState StateOf(PasswordResetToken token) =>
        token.UsedAt is not null ? ResetLinkState.Used : token.ExpiresAt <= time.GetUtcNow().UtcDateTime ? ResetLinkState.Expired : ResetLinkState.Valid;

    private async Task<PasswordResetToken?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Trim().Length > 200)
        {
            return null;
        }

        var hash = ApiKeySecrets.Hash(token.Trim());
        return await db.Set<PasswordResetToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

}

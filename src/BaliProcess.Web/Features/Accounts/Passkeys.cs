using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>A registered passkey as its owner sees it; <see cref="Id"/> is the credential id, base64url.</summary>
public sealed record PasskeyView(string Id, string Name, DateTime CreatedAt);

public sealed record PasskeyRegistrationInput(string? Name, string? Credential);

/// <summary>
/// Passkeys (WebAuthn) as a second factor after the password, on ASP.NET Core Identity's own verifier
/// (<see cref="IPasskeyHandler{TUser}"/>; see docs/adr/0006-passkeys.md). Every ceremony is tied to one account: the
/// assertion must come from a passkey of the account that passed the password step.
/// </summary>
public sealed class Passkeys(
    AppDbContext db,
    UserManager<AppUser> users,
    IPasskeyHandler<AppUser> handler,
    PasskeyCeremonies ceremonies,
    AuditLog audit,
    TimeProvider time,
    IOptions<AccountsOptions> options)
{
    public const int MaxNameLength = 100;

    /// <summary>Far above any real authenticator's answer (a few kilobytes), so that a flood of bytes is refused early.</summary>
    public const int MaxCredentialLength = 64 * 1024;

    public async Task<IReadOnlyList<PasskeyView>> ListAsync(Guid userId, CancellationToken ct)
    {
        var rows = await db.UserPasskeys.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(ct);
        return rows.Select(View).OrderBy(p => p.CreatedAt).ToList();
    }

    public Task<bool> HasAnyAsync(Guid userId, CancellationToken ct) => db.UserPasskeys.AnyAsync(p => p.UserId == userId, ct);

    /// <summary>Whether the account must use a passkey as its second factor (Accounts:RequirePasskeyForPlatformAdmins).</summary>
    public async Task<bool> IsRequiredForAsync(AppUser user) =>
        options.Value.RequirePasskeyForPlatformAdmins && await users.IsInRoleAsync(user, Roles.PlatformAdmin);

    /// <summary>The options for <c>navigator.credentials.create()</c>; the challenge waits in a protected cookie.</summary>
    public async Task<string> BeginRegistrationAsync(HttpContext http, AppUser user)
    {
        var entity = new PasskeyUserEntity { Id = user.Id.ToString(), Name = user.Email!, DisplayName = user.DisplayName };
        var result = await handler.MakeCreationOptionsAsync(entity, http);
        ceremonies.Start(http, PasskeyCeremonies.Registration, user.Id, result.AttestationState);
        return result.CreationOptionsJson;
    }

    public async Task<CommandResult<PasskeyView>> RegisterAsync(HttpContext http, Guid userId, PasskeyRegistrationInput input, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return CommandResult<PasskeyView>.Fail(Problems.NotFound("account"));
        }

        var validation = new Validation();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            validation.Add("name", "Give the passkey a name, such as the device it is on.");
        }
        else if (name.Length > MaxNameLength)
        {
            validation.Add("name", "The name is too long: at most {0} characters.", MaxNameLength);
        }

        CheckCredential(validation, input.Credential);
        // Taken even when the input is refused: a challenge is used once.
        var state = ceremonies.Take(http, PasskeyCeremonies.Registration, userId);
        if (validation.IsValid && state is null)
        {
            validation.Add("credential", "The passkey request expired or was started elsewhere. Try again.");
        }

        if (!validation.IsValid)
        {
            return CommandResult<PasskeyView>.Fail(validation);
        }

        var attested = await handler.PerformAttestationAsync(new PasskeyAttestationContext { CredentialJson = input.Credential!, AttestationState = state, HttpContext = http });
        if (!attested.Succeeded || attested.UserEntity.Id != userId.ToString())
        {
            await audit.RecordNowAsync("account.passkey.register", nameof(AppUser), user.Id, AuditOutcome.Denied,
                attested.Succeeded ? "passkey made for another account" : attested.Failure.Message, ct, user.MemberId);
            validation.Add("credential", "The browser's answer is not a valid passkey for this account. Try again.");
            return CommandResult<PasskeyView>.Fail(validation);
        }

        var passkey = attested.Passkey;
        var row = new IdentityUserPasskey<Guid>
        {
            UserId = user.Id,
            CredentialId = passkey.CredentialId,
            Data = new IdentityPasskeyData
            {
                Name = name,
                PublicKey = passkey.PublicKey,
                CreatedAt = time.GetUtcNow(),
                SignCount = passkey.SignCount,
                Transports = passkey.Transports,
                IsUserVerified = passkey.IsUserVerified,
                IsBackupEligible = passkey.IsBackupEligible,
                IsBackedUp = passkey.IsBackedUp,
                AttestationObject = passkey.AttestationObject,
                ClientDataJson = passkey.ClientDataJson,
            },
        };
        db.UserPasskeys.Add(row);
        audit.Record("account.passkey.register", nameof(AppUser), user.Id, detail: $"{user.Email}: passkey '{name}'", subjectMember: user.MemberId);
        await db.SaveChangesAsync(ct);
        return CommandResult<PasskeyView>.Ok(View(row));
    }

    /// <summary>
    /// Removes one of the account's own passkeys; another account's (or a made-up id) answers 404. The last passkey
    /// stays while it is the account's only second factor, or while the account must use a passkey.
    /// </summary>
    public async Task<CommandResult<PasskeyView>> RemoveAsync(Guid userId, string? id, CancellationToken ct)
    {
        var credentialId = DecodeId(id);
        var row = credentialId is null ? null : await db.UserPasskeys.SingleOrDefaultAsync(p => p.UserId == userId && p.CredentialId == credentialId, ct);
        var user = row is null ? null : await users.FindByIdAsync(userId.ToString());
        if (row is null || user is null)
        {
            return CommandResult<PasskeyView>.Fail(Problems.NotFound("passkey"));
        }

        var others = await db.UserPasskeys.CountAsync(p => p.UserId == userId && p.CredentialId != credentialId, ct);
        if (others == 0 && !user.TwoFactorEnabled)
        {
            return CommandResult<PasskeyView>.Fail(Problems.Conflict("This is your only second factor. Set up an authenticator app first."));
        }

        if (others == 0 && await IsRequiredForAsync(user))
        {
            return CommandResult<PasskeyView>.Fail(Problems.Conflict("Platform administrators must keep a passkey. Register another one first."));
        }

        db.UserPasskeys.Remove(row);
        audit.Record("account.passkey.remove", nameof(AppUser), user.Id, detail: $"{user.Email}: passkey '{row.Data.Name}'", subjectMember: user.MemberId);
        await db.SaveChangesAsync(ct);
        return CommandResult<PasskeyView>.Ok(View(row));
    }

    /// <summary>The options for <c>navigator.credentials.get()</c>, limited to the passkeys of <paramref name="user"/>.</summary>
    public async Task<string> BeginAssertionAsync(HttpContext http, AppUser user)
    {
        var result = await handler.MakeRequestOptionsAsync(user, http);
        ceremonies.Start(http, PasskeyCeremonies.Assertion, user.Id, result.AssertionState);
        return result.RequestOptionsJson;
    }

    /// <summary>
    /// Checks the browser's answer as the second factor of <paramref name="user"/> (who passed the password step). A
    /// refused answer counts as a failed sign-in attempt (towards the lockout) and is audited; nobody is signed in here.
    /// </summary>
    public async Task<CommandResult<PasskeyView>> VerifyAssertionAsync(HttpContext http, AppUser user, string? credential, CancellationToken ct)
    {
        var validation = new Validation();
        CheckCredential(validation, credential);
        var state = ceremonies.Take(http, PasskeyCeremonies.Assertion, user.Id);
        if (validation.IsValid && state is null)
        {
            validation.Add("credential", "The passkey request expired or was started elsewhere. Try again.");
        }

        if (!validation.IsValid)
        {
            return CommandResult<PasskeyView>.Fail(validation);
        }

        var asserted = await handler.PerformAssertionAsync(new PasskeyAssertionContext { CredentialJson = credential!, AssertionState = state, HttpContext = http });
        if (!asserted.Succeeded || asserted.User.Id != user.Id)
        {
            await users.AccessFailedAsync(user);
            await audit.RecordNowAsync("account.signin.passkey", nameof(AppUser), user.Id, AuditOutcome.Denied,
                asserted.Succeeded ? "passkey of another account" : asserted.Failure.Message, ct, user.MemberId);
            validation.Add("credential", "That passkey was not accepted. Try again, or enter a code from your authenticator app.");
            return CommandResult<PasskeyView>.Fail(validation);
        }

        var row = await db.UserPasskeys.SingleAsync(p => p.UserId == user.Id && p.CredentialId == asserted.Passkey.CredentialId, ct);
        // The counter guards against a cloned authenticator: the next assertion must count higher.
        row.Data.SignCount = asserted.Passkey.SignCount;
        row.Data.IsBackedUp = asserted.Passkey.IsBackedUp;
        audit.Record("account.signin.passkey", nameof(AppUser), user.Id, detail: $"{user.Email}: passkey '{row.Data.Name}'", subjectMember: user.MemberId);
        await db.SaveChangesAsync(ct);
        return CommandResult<PasskeyView>.Ok(View(row));
    }

    private static void CheckCredential(Validation validation, string? credential)
    {
        if (string.IsNullOrWhiteSpace(credential))
        {
            validation.Add("credential", "No passkey answer came from the browser. Use a browser with JavaScript and passkeys, or your authenticator app.");
        }
        else if (credential.Length > MaxCredentialLength)
        {
            validation.Add("credential", "The browser's answer is too large to be a passkey.");
        }
    }

    private static byte[]? DecodeId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 2048)
        {
            return null;
        }

        try
        {
            return WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static PasskeyView View(IdentityUserPasskey<Guid> row) =>
        new(WebEncoders.Base64UrlEncode(row.CredentialId), row.Data.Name ?? "", row.Data.CreatedAt.UtcDateTime);
}

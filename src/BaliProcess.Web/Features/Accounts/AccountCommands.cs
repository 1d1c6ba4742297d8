using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Accounts;

public sealed record UserInput(string? Email, string? DisplayName, string? Password, string? MemberCode, string? Agency, IReadOnlyList<string>? Roles);

public sealed record UserView(Guid Id, string Email, string DisplayName, string MemberCode, string? Agency, IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool LockedOut);

public sealed record ApiKeyInput(string? Name, IReadOnlyList<string>? Scopes, int? ValidDays);

public sealed record ApiKeyView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>The key as created: <see cref="Token"/> is shown this once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Token);

public sealed record PasswordChangeInput(string? CurrentPassword, string? NewPassword);

/// <summary>What happened to an account's sign-in: the sessions that were ended with it.</summary>
public sealed record AccountChange(Guid UserId, int SessionsEnded);

public sealed class AccountCommands(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, AuditLog audit, TimeProvider time)
{
    public const int MaxApiKeyDays = 365;

    /// <summary>
    /// Creates an account. <paramref name="actingAs"/> is null for the CLI and the first-start setup (trusted callers);
    /// otherwise a member administrator may create accounts for its own member only, and only the platform administrator
    /// may grant the platform-administrator and oversight roles.
    /// </summary>
    public async Task<CommandResult<UserView>> CreateUserAsync(UserInput input, Viewer? actingAs, CancellationToken ct)
    {
        var validation = new Validation()
            .Require("email", input.Email, "E-mail", 256)
            .Require("displayName", input.DisplayName, "Name");
        var email = input.Email?.Trim() ?? "";
        if (email.Length > 0 && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            validation.Add("email", "'{0}' is not an e-mail address.", email);
        }

        var memberCode = input.MemberCode?.Trim().ToUpperInvariant() ?? "";
        var member = memberCode.Length == 0 ? null : await db.Set<Member>().SingleOrDefaultAsync(m => m.Code == memberCode, ct);
        if (memberCode.Length == 0)
        {
            validation.Add("memberCode", "Member is required.");
        }
        else if (member is null)
        {
            validation.Add("memberCode", "There is no member with code '{0}'.", input.MemberCode);
        }

        var requested = (input.Roles ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in requested.Where(r => !Roles.IsKnown(r)))
        {
            validation.Add("roles", "'{0}' is not a role. Roles: {1}.", unknown, string.Join(", ", Roles.All));
        }

        if (requested.Contains(Roles.PlatformAdmin) && member is not null && member.Kind != MemberKind.SupportOffice)
        {
            validation.Add("roles", "Platform administrators belong to the Regional Support Office (RSO).");
        }

        foreach (var (code, message) in PasswordRules.Check(input.Password, email))
        {
            validation.Add("password", message);
            _ = code;
        }

        if (!validation.IsValid)
        {
            return CommandResult<UserView>.Fail(validation);
        }

        if (actingAs is not null)
        {
            if (!actingAs.IsPlatformAdmin && (!actingAs.IsInRole(Roles.MemberAdmin) || actingAs.MemberId != member!.Id))
            {
                return CommandResult<UserView>.Fail(Problems.Forbidden("A member administrator can create accounts for its own member only."));
            }

            if (!actingAs.IsPlatformAdmin && requested.Any(r => r is Roles.PlatformAdmin or Roles.Oversight or Roles.PlatformOversight))
            {
                return CommandResult<UserView>.Fail(Problems.Forbidden("Only a platform administrator can grant the platform-administrator or oversight role."));
            }
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return CommandResult<UserView>.Fail(Problems.Conflict($"An account with e-mail '{email}' already exists."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName!.Trim(),
            MemberId = member!.Id, Agency = string.IsNullOrWhiteSpace(input.Agency) ? null : input.Agency.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                validation.Add(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
            }

            return CommandResult<UserView>.Fail(validation);
        }

        foreach (var role in requested)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }

        if (requested.Count > 0)
        {
            await users.AddToRolesAsync(user, requested);
        }

        audit.Record("account.user.create", nameof(AppUser), user.Id, detail: $"{email} {member.Code} [{string.Join(",", requested)}]", subjectMember: member.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult<UserView>.Ok(new UserView(user.Id, email, user.DisplayName, member.Code, user.Agency, requested, false, false));
    }

    public async Task<CommandResult<CreatedApiKey>> CreateApiKeyAsync(ApiKeyInput input, Guid memberId, Guid? createdBy, CancellationToken ct)
    {
        var validation = new Validation().Require("name", input.Name, "Name", 100);
        var scopes = (input.Scopes ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            validation.Add("scopes", "Give the key at least one scope: {0}.", string.Join(", ", ApiScopes.All));
        }

        foreach (var unknown in scopes.Where(s => !ApiScopes.IsKnown(s)))
        {
            validation.Add("scopes", "'{0}' is not a scope. Scopes: {1}.", unknown, string.Join(", ", ApiScopes.All));
        }

        var days = input.ValidDays ?? 90;
        if (days is < 1 or > MaxApiKeyDays)
        {
            validation.Add("validDays", "A key is valid for 1 to {0} days.", MaxApiKeyDays);
        }

        if (!validation.IsValid)
        {
            return CommandResult<CreatedApiKey>.Fail(validation);
        }

        var name = input.Name!.Trim();
        if (await db.Set<ApiKey>().AnyAsync(k => k.MemberId == memberId && k.Name == name && k.RevokedAt == null, ct))
        {
            return CommandResult<CreatedApiKey>.Fail(Problems.Conflict($"Your member already has an active key named '{name}'."));
        }

        var (token, prefix, hash) = ApiKeySecrets.Create();
        var now = time.GetUtcNow().UtcDateTime;
        var key = new ApiKey
        {
            MemberId = memberId, CreatedByUserId = createdBy, Name = name, Prefix = prefix, SecretHash = hash,
            Scopes = scopes, CreatedAt = now, ExpiresAt = now.AddDays(days),
        };
        db.Add(key);
        audit.Record("account.apikey.create", nameof(ApiKey), key.Id, detail: $"{name} [{string.Join(",", scopes)}]", subjectMember: key.MemberId);
        await db.SaveChangesAsync(ct);
        return CommandResult<CreatedApiKey>.Ok(new CreatedApiKey(ToView(key), token));
    }

    public async Task<CommandResult<ApiKeyView>> RevokeApiKeyAsync(Guid id, Guid memberId, CancellationToken ct)
    {
        var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id && k.MemberId == memberId, ct);
        if (key is null)
        {
            return CommandResult<ApiKeyView>.Fail(Problems.NotFound("API key"));
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow().UtcDateTime;
            audit.Record("account.apikey.revoke", nameof(ApiKey), key.Id, detail: key.Name, subjectMember: key.MemberId);
            await db.SaveChangesAsync(ct);
        }

        return CommandResult<ApiKeyView>.Ok(ToView(key));
    }

    public Task<List<ApiKeyView>> ApiKeysAsync(Guid memberId, CancellationToken ct) =>
        db.Set<ApiKey>().AsNoTracking().Where(k => k.MemberId == memberId).OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyView(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt))
            .ToListAsync(ct);

    private static ApiKeyView ToView(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt);
}

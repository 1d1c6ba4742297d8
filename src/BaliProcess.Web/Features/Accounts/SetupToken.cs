using System.Security.Cryptography;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>A one-time link for creating the first administrator of a new installation; only its hash is stored.</summary>
public sealed class SetupToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

internal sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> builder)
    {
        builder.ToTable("setup_tokens");
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
    }
}

public sealed class FirstAdministratorSetup(AppDbContext db, AuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Issues a fresh link at every start while no account exists; earlier links stop working.</summary>
    public async Task<string?> IssueLinkIfNewInstallationAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<SetupToken>().Where(t => t.UsedAt == null).ExecuteDeleteAsync(ct);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.Add(new SetupToken { TokenHash = ApiKeySecrets.Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime });
        audit.ActAs(AuditActor.System("startup"));
        audit.Record("account.setup.link-issued");
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<SetupToken?> FindValidAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || await db.Users.AnyAsync(ct))
        {
            return null;
        }

        var hash = ApiKeySecrets.Hash(token.Trim());
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<SetupToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now, ct);
    }

    /// <summary>
    /// Takes the link for one request: a conditional update that only one request (on any node) can win, so concurrent
    /// posts cannot each create an administrator. Returns false when another request took it first.
    /// </summary>
    public async Task<bool> TryClaimAsync(SetupToken token, DateTime claimedAt, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<SetupToken>().Where(t => t.Id == token.Id && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, claimedAt), ct) == 1;
    }

    /// <summary>Gives the link back when the claiming request failed (invalid input), so that the form can be corrected.</summary>
    public Task ReleaseAsync(SetupToken token, DateTime claimedAt, CancellationToken ct) =>
        db.Set<SetupToken>().Where(t => t.Id == token.Id && t.UsedAt == claimedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, (DateTime?)null), ct);
}

using System.Security.Claims;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// One cookie sign-in, kept on the server so that a cookie can be refused the moment its session ends: the cookie
/// carries only the session id, and every request looks the session up (no cache, so a revocation is seen by every node
/// at once).
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>Why the session ended: <see cref="SessionEndReasons"/>.</summary>
    public string? RevokedReason { get; set; }

    /// <summary>The account's security stamp at sign-in: any later change (password, authenticator, disabling) ends the session.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>Where and with what the session was opened, for a later "your sessions" page.</summary>
    public string? RemoteAddress { get; set; }

    public string? UserAgent { get; set; }
}

public static class SessionEndReasons
{
    public const string SignedOut = "signed-out";
    public const string Replaced = "replaced";
    public const string Disabled = "account-disabled";
    public const string PasswordChanged = "password-changed";
    public const string TwoFactorReset = "two-factor-reset";
    public const string PasswordReset = "password-reset";
    public const string AccountChanged = "account-changed";
    public const string SignedOutEverywhere = "signed-out-everywhere";
    public const string Inactive = "account-inactive";
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("user_sessions");
        builder.Property(s => s.RevokedReason).HasMaxLength(40);
        builder.Property(s => s.SecurityStamp).HasMaxLength(256);
        builder.Property(s => s.RemoteAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(256);
        builder.HasIndex(s => new { s.UserId, s.RevokedAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Opens, checks and ends server-side sessions; <see cref="RevokeAllAsync"/> is the one way to end a user's sessions.</summary>
public sealed class UserSessions(AppDbContext db, TimeProvider time)
{
    /// <summary>The claim in the cookie that names its session.</summary>
    public const string SessionClaim = "bp:sid";

    /// <summary>A session unused for this long ends, as the sliding cookie does.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    /// <summary>Last-seen is written at most this often, so that a busy session does not write on every request.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public async Task<Guid> OpenAsync(Guid userId, string securityStamp, HttpContext? http, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var userAgent = http?.Request.Headers.UserAgent.ToString();
        var session = new UserSession
        {
            UserId = userId, SecurityStamp = securityStamp, CreatedAt = now, LastSeenAt = now, ExpiresAt = now + IdleTimeout,
            RemoteAddress = http?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = userAgent is { Length: > 256 } ? userAgent[..256] : userAgent,
        };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>True while the session is open, unexpired and the account's security stamp is the one it was opened with.</summary>
    public async Task<bool> IsValidAsync(Guid sessionId, Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var found = await (from s in db.Set<UserSession>().AsNoTracking()
                           join u in db.Users on s.UserId equals u.Id
                           where s.Id == sessionId && s.UserId == userId
                           select new { s.RevokedAt, s.ExpiresAt, s.LastSeenAt, SessionStamp = s.SecurityStamp, UserStamp = u.SecurityStamp })
            .SingleOrDefaultAsync(ct);
        if (found is null || found.RevokedAt is not null || found.ExpiresAt <= now || found.SessionStamp != found.UserStamp)
        {
            return false;
        }

        if (now - found.LastSeenAt >= TouchInterval)
        {
            await db.Set<UserSession>().Where(s => s.Id == sessionId && s.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now).SetProperty(x => x.ExpiresAt, now + IdleTimeout), ct);
        }

        return true;
    }

    public Task<int> RevokeAsync(Guid sessionId, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Set<UserSession>().Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);
    }

    /// <summary>
    /// Ends every open session of the user. Called wherever an account is disabled, its password changes or its second
    /// factor is reset; a change of the security stamp anywhere else ends the sessions too (see <see cref="IsValidAsync"/>).
    /// </summary>
    public Task<int> RevokeAllAsync(Guid userId, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Set<UserSession>().Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);
    }

    public static Guid? SessionId(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionClaim), out var id) ? id : null;

    /// <summary>Cookie event: every issued cookie gets a new session; the one it replaces (same browser) ends.</summary>
    internal static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity
            || !Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId))
        {
            return;
        }

        // The session is written on a context of its own: the request's context may hold unsaved work of the page.
        await using var scope = context.HttpContext.RequestServices.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<UserSessions>();
        var ct = context.HttpContext.RequestAborted;
        if (SessionId(context.HttpContext.User) is { } previous)
        {
            await sessions.RevokeAsync(previous, SessionEndReasons.Replaced, ct);
        }

        foreach (var old in identity.FindAll(SessionClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        var stamp = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users
            .Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync(ct);
        var sessionId = await sessions.OpenAsync(userId, stamp ?? "", context.HttpContext, ct);
        identity.AddClaim(new Claim(SessionClaim, sessionId.ToString()));
    }

    /// <summary>Cookie event, on every request: a cookie without an open session is refused before anything reads it.</summary>
    internal static async Task<bool> ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var valid = SessionId(principal) is { } sessionId
            && Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            && await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().IsValidAsync(sessionId, userId, context.HttpContext.RequestAborted);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }

        return valid;
    }
}

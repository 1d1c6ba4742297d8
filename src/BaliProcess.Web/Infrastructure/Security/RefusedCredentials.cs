using System.Collections.Concurrent;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// Refused credentials from one source address in one window, counted in one row. The audit log gets one row when a
/// window's first refusal arrives, not one per request: a client repeating a bogus key cannot flood the hash-chained log.
/// </summary>
public sealed class RefusedCredential
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The source address as the platform sees it (after configured proxies).</summary>
    public string Source { get; set; } = "";

    /// <summary>What was refused: <see cref="RefusedCredentials.ApiKeyKind"/>.</summary>
    public string Kind { get; set; } = "";

    public DateTime WindowStart { get; set; }

    public int Count { get; set; }

    public DateTime LastAt { get; set; }

    /// <summary>Why the latest one was refused (malformed, unknown, expired, revoked).</summary>
    public string? LastReason { get; set; }
}

internal sealed class RefusedCredentialConfiguration : IEntityTypeConfiguration<RefusedCredential>
{
    public void Configure(EntityTypeBuilder<RefusedCredential> builder)
    {
        builder.ToTable("refused_credentials");
        builder.Property(r => r.Source).HasMaxLength(64);
        builder.Property(r => r.Kind).HasMaxLength(20);
        builder.Property(r => r.LastReason).HasMaxLength(300);
        builder.HasIndex(r => new { r.Source, r.Kind, r.WindowStart }).IsUnique();
    }
}

/// <summary>
/// Counts refused credentials per source and window (in the database, so every node adds to one count) and, per node, stops
/// looking keys up for a source that keeps sending bad ones: those requests are refused without touching the database.
/// </summary>
public sealed class RefusedCredentials(TimeProvider time, IConfiguration configuration)
{
    public const string ApiKeyKind = "api-key";
    public const string SignInKind = "sign-in";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly int perMinute = configuration.GetValue("Security:RefusedCredentialsPerMinute", 30);
    private readonly ConcurrentDictionary<string, (long Minute, int Count)> recent = new(StringComparer.Ordinal);

    /// <summary>False when the source has used up its refusals for now: answer 401 without a look-up.</summary>
    public bool MayTry(string source) => Count(source, add: false) < perMinute;

    /// <summary>Counts one refusal; the window's first one from the source is audited.</summary>
    public async Task RecordAsync(AppDbContext db, AuditLog audit, string source, string kind, string reason, CancellationToken ct)
    {
        Count(source, add: true);
        var now = time.GetUtcNow().UtcDateTime;
        var windowStart = new DateTime(now.Ticks - (now.Ticks % Window.Ticks), DateTimeKind.Utc);
        reason = reason.Length > 300 ? reason[..300] : reason;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var counted = await db.Set<RefusedCredential>()
                .Where(r => r.Source == source && r.Kind == kind && r.WindowStart == windowStart)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Count, r => r.Count + 1).SetProperty(r => r.LastAt, now).SetProperty(r => r.LastReason, reason), ct);
            if (counted > 0)
            {
                return;
            }

            var row = db.Add(new RefusedCredential { Source = source, Kind = kind, WindowStart = windowStart, Count = 1, LastAt = now, LastReason = reason });
            var entry = audit.Record(kind == ApiKeyKind ? "api.key.rejected" : "account.signin.throttled", kind == ApiKeyKind ? "ApiKey" : nameof(AppUser), null, AuditOutcome.Denied,
                $"{reason} (from {source}; further refusals from this address until {windowStart + Window:HH:mm} UTC are counted in refused_credentials)");
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                // Another request (or node) opened the window's row first: count on it instead.
                row.State = EntityState.Detached;
                db.Entry(entry).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Refusals of the source in the current minute on this node.</summary>
    private int Count(string source, bool add)
    {
        // Many addresses (an IPv6 sweep) must not grow this without bound: forgetting them only forgives a little early.
        if (recent.Count > 10_000)
        {
            recent.Clear();
        }

        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var updated = recent.AddOrUpdate(source, _ => (minute, add ? 1 : 0),
            (_, old) => old.Minute == minute ? (minute, old.Count + (add ? 1 : 0)) : (minute, add ? 1 : 0));
        return updated.Count;
    }
}

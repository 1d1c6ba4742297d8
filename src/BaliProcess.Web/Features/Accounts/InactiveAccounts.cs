using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Jobs;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>What one run of the inactivity job did.</summary>
public sealed record InactiveSweep(int Days, IReadOnlyList<string> Disabled);

/// <summary>
/// Disables accounts not used for <see cref="AccountsOptions.DisableAfterInactiveDays"/>: no session seen in that time,
/// and not created or re-enabled in it either. Runs daily (<see cref="InactiveAccountService"/>) and as
/// <c>./bp accounts disable-inactive</c>; running it twice, or on two nodes at once, disables nobody twice.
/// </summary>
public sealed class InactiveAccounts(AppDbContext db, AccountAdministration administration, UserSessions sessions, AuditLog audit, AccountMail mail,
    TimeProvider time, IOptions<AccountsOptions> options)
{
    public async Task<InactiveSweep> DisableInactiveAsync(CancellationToken ct)
    {
        var days = options.Value.DisableAfterInactiveDays;
        if (days <= 0)
        {
            return new InactiveSweep(days, []);
        }

        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        // Lockout ends are compared here, as SQLite cannot compare offsets in SQL.
        var candidates = (await db.Users.AsNoTracking()
                .Where(u => u.CreatedAt < cutoff && (u.ReenabledAt == null || u.ReenabledAt < cutoff)
                    && !db.Set<UserSession>().Any(s => s.UserId == u.Id && s.LastSeenAt >= cutoff))
                .Select(u => new { u.Id, u.LockoutEnd })
                .ToListAsync(ct))
            .Where(u => u.LockoutEnd != DateTimeOffset.MaxValue)
            .Select(u => u.Id)
            .ToList();

        var disabled = new List<string>();
        foreach (var id in candidates)
        {
            var user = await db.Users.SingleAsync(u => u.Id == id, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await administration.DisableCoreAsync(user);
            var ended = await sessions.RevokeAllAsync(user.Id, SessionEndReasons.Inactive, ct);
            audit.Record("account.user.disable-inactive", nameof(AppUser), user.Id, detail: $"{user.Email}; unused for {days} days; {ended} session(s) ended", subjectMember: user.MemberId);
            mail.Queue(mail.DisabledAsUnused(user, days));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            disabled.Add(user.Email!);
        }

        return new InactiveSweep(days, disabled);
    }
}

/// <summary>
/// Runs <see cref="InactiveAccounts.DisableInactiveAsync"/> once a day across all nodes: each node looks daily, and
/// only the one that takes the lease runs the sweep. The lease is kept, not released, for most of a day, so the other
/// nodes' looks that day find it held; if its holder dies, another node takes it once it expires.
/// </summary>
public sealed class InactiveAccountService(IServiceScopeFactory scopes, IOptions<AccountsOptions> options, IHostEnvironment environment, TimeProvider time,
    JobLeases leases, ILogger<InactiveAccountService> logger) : BackgroundService
{
    public const string LeaseName = "accounts.disable-inactive";

    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Shorter than <see cref="Interval"/>, so the holder's own next look finds the lease free again.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromHours(23);

    /// <summary>The first run waits a little, so that a starting node is not busy with it.</summary>
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!(options.Value.InactivityJobEnabled ?? !environment.IsEnvironment("Testing")) || options.Value.DisableAfterInactiveDays <= 0)
        {
            return;
        }

        try
        {
            await Task.Delay(FirstRunDelay, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!await leases.TryAcquireAsync(LeaseName, LeaseDuration, stoppingToken))
                    {
                        logger.LogDebug("Inactive accounts: another node holds today's sweep.");
                        await Task.Delay(Interval, time, stoppingToken);
                        continue;
                    }

                    await using var scope = scopes.CreateAsyncScope();
                    var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
                    audit.ActAs(AuditActor.System("inactivity-job"));
                    var sweep = await scope.ServiceProvider.GetRequiredService<InactiveAccounts>().DisableInactiveAsync(stoppingToken);
                    logger.LogInformation("Inactive accounts: {Count} disabled after {Days} days unused.", sweep.Disabled.Count, sweep.Days);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A database outage must not stop the job for good: the next day tries again.
                    logger.LogError(e, "Disabling inactive accounts failed; trying again tomorrow.");
                }

                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

using BaliProcess.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Actions.Reminders;

/// <summary>
/// Sends <see cref="ActionDigest"/> every <see cref="DigestOptions.Interval"/> (weekly). The time of the last digest is
/// read from the audit log, so restarts neither skip a week nor send twice; a run in which no e-mail could be sent is tried
/// again an hour later. The CLI verb <c>actions digest</c> sends one now.
/// </summary>
public sealed class WeeklyDigestService(IServiceScopeFactory scopes, IOptions<ActionsOptions> options, IHostEnvironment environment, TimeProvider time,
    JobLeases leases, ILogger<WeeklyDigestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Digest;
        if (!(settings.Enabled ?? !environment.IsEnvironment("Testing")))
        {
            return;
        }

        var interval = settings.Interval > TimeSpan.Zero ? settings.Interval : TimeSpan.FromDays(7);
        var firstRunAt = time.GetUtcNow().UtcDateTime + settings.FirstRunDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                DateTime? last;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    last = await scope.ServiceProvider.GetRequiredService<ActionDigest>().LastSentAtAsync(stoppingToken);
                }

                var now = time.GetUtcNow().UtcDateTime;
                var next = last is { } l ? l + interval : firstRunAt;
                if (next > now)
                {
                    // Timers take at most about 49 days; a longer wait is taken in steps.
                    await Task.Delay(Min(next - now, TimeSpan.FromDays(30)), time, stoppingToken);
                    continue;
                }

                // On several nodes only the lease holder sends; the others look again later and find the digest sent.
                if (!await leases.TryAcquireAsync(LeaseName, LeaseDuration, stoppingToken))
                {
                    await Task.Delay(LeaseRetryDelay, time, stoppingToken);
                    continue;
                }

                DigestRun run;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var digest = scope.ServiceProvider.GetRequiredService<ActionDigest>();
                    // Another node may have sent it between our first look and taking the lease.
                    var lastNow = await digest.LastSentAtAsync(stoppingToken);
                    if (lastNow != last)
                    {
                        continue;
                    }

                    run = await digest.SendAsync(stoppingToken);
                    logger.LogInformation("Action digest: {Sent} of {Recipients} e-mails sent, {Failed} failed.", run.Sent, run.Recipients, run.Failed);
                }
                finally
                {
                    await leases.ReleaseAsync(LeaseName, CancellationToken.None);
                }

                if (run.Sent == 0 && run.Failed > 0)
                {
                    // Nothing went out (the mail server is down): the digest stays due and is tried again in an hour.
                    logger.LogWarning("No action digest could be sent; trying again in an hour: {Errors}", string.Join("; ", run.Errors.Take(3)));
                    await Task.Delay(RetryDelay, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next attempt comes an hour later; a database or mail outage must not stop reminders for good.
                logger.LogError(e, "Sending the action digest failed; trying again in an hour.");
                try
                {
                    await Task.Delay(RetryDelay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public const string LeaseName = "actions.weekly-digest";

    /// <summary>Longer than a digest run takes; a node that dies mid-run frees the digest for another after this.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan LeaseRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>How long after a failed attempt the digest is tried again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromHours(1);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Actions.Reminders;

/// <summary>
/// Sends <see cref="ActionDigest"/> every <see cref="DigestOptions.Interval"/> (weekly). The time of the last digest is
/// read from the audit log, so restarts neither skip a week nor send twice; the CLI verb <c>actions digest</c> sends one now.
/// </summary>
public sealed class WeeklyDigestService(IServiceScopeFactory scopes, IOptions<ActionsOptions> options, IHostEnvironment environment, TimeProvider time,
    ILogger<WeeklyDigestService> logger) : BackgroundService
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

                await using (var scope = scopes.CreateAsyncScope())
                {
                    var run = await scope.ServiceProvider.GetRequiredService<ActionDigest>().SendAsync(stoppingToken);
                    logger.LogInformation("Action digest: {Sent} of {Recipients} e-mails sent, {Failed} failed.", run.Sent, run.Recipients, run.Failed);
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
                    await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

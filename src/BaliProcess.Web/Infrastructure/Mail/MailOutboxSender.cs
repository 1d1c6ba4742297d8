using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Infrastructure.Mail;

/// <summary>
/// Sends what the outbox holds, oldest first, on one node at a time (a lease), so that several nodes never send one
/// message twice in the normal course; after a crash between sending and marking, one message may leave twice, never
/// none. A failure is tried again later with a growing pause, up to <see cref="MailOutboxOptions.MaxAttempts"/>.
/// </summary>
public sealed class MailOutboxSender(IServiceScopeFactory scopes, MailOutboxSignal signal, JobLeases leases, TimeProvider time,
    IOptions<MailOptions> options, ILogger<MailOutboxSender> logger) : BackgroundService
{
    public const string LeaseName = "mail.outbox";

    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    /// <summary>Sent rows are pruned at most hourly: a delete on every batch would only add writes.</summary>
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Outbox;
        var poll = TimeSpan.FromSeconds(Math.Max(1, settings.PollSeconds));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var woken = await signal.WaitAsync(poll, stoppingToken);
                if (woken)
                {
                    // The message was added before its transaction committed: give the commit a moment.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
                }

                try
                {
                    var sent = await SendDueAsync(stoppingToken);
                    if (woken && sent == 0)
                    {
                        // A long transaction may still hold it: look once more soon rather than at the next poll.
                        await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                        await SendDueAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "The mail outbox could not be read; trying again at the next poll.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends every due message (in batches) and prunes old sent rows; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var settings = options.Value.Outbox;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        if (!await db.Set<QueuedMail>().AnyAsync(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now, ct))
        {
            return 0;
        }

        // SQLite is one node by design: no lease, so that sending adds as few writes as possible beside the requests'.
        var leased = !db.Database.IsSqlite();
        if (leased && !await leases.TryAcquireAsync(LeaseName, LeaseDuration, ct))
        {
            return 0;
        }

        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        var sender = scope.ServiceProvider.GetRequiredService<IMailSender>();
        var sent = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                now = time.GetUtcNow().UtcDateTime;
                var due = await db.Set<QueuedMail>().Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now)
                    .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(20).ToListAsync(ct);
                if (due.Count == 0)
                {
                    break;
                }

                foreach (var row in due)
                {
                    await SendOneAsync(row, outbox, sender, settings, ct);
                    // Marked one by one: a crash after this point cannot send this message again.
                    await db.SaveChangesAsync(ct);
                    sent += row.SentAt is null ? 0 : 1;
                }

                if (leased)
                {
                    await leases.TryAcquireAsync(LeaseName, LeaseDuration, ct);
                }
            }

            if (time.GetUtcNow() - lastPrune > TimeSpan.FromHours(1))
            {
                lastPrune = time.GetUtcNow();
                var before = time.GetUtcNow().UtcDateTime.AddDays(-Math.Max(1, settings.KeepDays));
                await db.Set<QueuedMail>().Where(m => (m.SentAt != null && m.SentAt < before) || (m.GaveUpAt != null && m.GaveUpAt < before)).ExecuteDeleteAsync(ct);
            }
        }
        finally
        {
            if (leased)
            {
                await leases.ReleaseAsync(LeaseName, CancellationToken.None);
            }
        }

        return sent;
    }

    private async Task SendOneAsync(QueuedMail row, MailOutbox outbox, IMailSender sender, MailOutboxOptions settings, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var mail = outbox.Read(row);
        if (mail is null)
        {
            GiveUp(row, now, "the message cannot be read with this platform's data-protection keys");
            return;
        }

        MailSendResult result;
        try
        {
            result = await sender.SendAsync(mail, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = MailSendResult.Failed(e.Message);
        }

        row.Attempts++;
        if (result.Sent)
        {
            row.SentAt = time.GetUtcNow().UtcDateTime;
            row.ProtectedMessage = null;
            row.LastError = null;
            return;
        }

        var error = result.Error ?? "unknown error";
        row.LastError = error.Length > 1000 ? error[..1000] : error;
        if (row.Attempts >= Math.Max(1, settings.MaxAttempts))
        {
            GiveUp(row, now, row.LastError);
            return;
        }

        // 1, 2, 4, 8 ... minutes, at most 4 hours.
        row.NextAttemptAt = now.AddMinutes(Math.Min(240, Math.Pow(2, row.Attempts - 1)));
        logger.LogWarning("E-mail '{Subject}' to {Recipient} could not be sent (attempt {Attempt}): {Error}", row.Subject, row.Recipient, row.Attempts, row.LastError);
    }

    private void GiveUp(QueuedMail row, DateTime now, string reason)
    {
        row.GaveUpAt = now;
        row.ProtectedMessage = null;
        row.LastError = reason.Length > 1000 ? reason[..1000] : reason;
        logger.LogError("E-mail '{Subject}' to {Recipient} was given up after {Attempts} attempt(s): {Error}", row.Subject, row.Recipient, row.Attempts, reason);
    }
}

using System.Collections.Concurrent;
using BaliProcess.Web.Features.Actions.Reminders;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>A clock the test moves by hand, which also tells when someone started waiting for a given moment.</summary>
public sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<DateTimeOffset> deadlines = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        deadlines.Enqueue(GetUtcNow() + dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (in real time, up to 30 seconds) until a timer was set to fire at exactly <paramref name="deadline"/>.</summary>
    public async Task WaitForTimerAtAsync(DateTimeOffset deadline)
    {
        for (var waited = 0; waited < 300 && !deadlines.Contains(deadline); waited++)
        {
            await Task.Delay(100);
        }

        deadlines.ShouldContain(deadline, $"nobody waits for {deadline:u}; timers were set for {string.Join(", ", deadlines.Select(d => d.ToString("u", global::System.Globalization.CultureInfo.InvariantCulture)))}");
    }
}

/// <summary>
/// A platform with the weekly digest switched on, on a clock the test moves, writing mail to <paramref name="mailFolder"/>.
/// With <paramref name="database"/> it starts on that database instead of a new one: a restart of the same installation.
/// </summary>
/// <paramref name="mail"/> replaces the mail settings (an SMTP server, for example).
public sealed class ScheduledPlatform(DatabaseProvider provider, DateTimeOffset start, string mailFolder, string? database = null,
    IEnumerable<KeyValuePair<string, string?>>? mail = null) : PlatformFactory(provider)
{
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan Interval = TimeSpan.FromDays(7);

    public WatchedClock Clock { get; } = new(start);

    public string Database => database ?? ConnectionString;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Actions:Digest:Enabled", "true"), new("Actions:Digest:FirstRunDelay", FirstRunDelay.ToString()), new("Actions:Digest:Interval", Interval.ToString()),
        new("Database:ConnectionString", Database),
        .. mail ?? [new("Mail:Sender", "File"), new("Mail:File:Folder", mailFolder)],
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}

/// <summary>The weekly digest service on a clock the test controls: once a week, and not again after a restart.</summary>
public abstract class DigestScheduleTests(DatabaseProvider provider)
{
    private readonly string mailFolder = Path.Combine(Path.GetTempPath(), $"bp-test-schedule-mail-{Guid.NewGuid():N}");

    private int MessagesTo(string address) =>
        System.IO.Directory.Exists(mailFolder)
            ? System.IO.Directory.GetFiles(mailFolder, "*.eml").Count(f => MimeMessage.Load(f).To.Mailboxes.Any(m => m.Address == address))
            : 0;

    /// <summary>Waits until the audit log holds <paramref name="runs"/> digest runs (each recorded after its e-mails were written), then counts the e-mails.</summary>
    private async Task WaitForDigestAsync(PlatformFactory platform, int runs, string address, int messages)
    {
        for (var waited = 0; waited < 300 && await DigestRunsAsync(platform) < runs; waited++)
        {
            await Task.Delay(100);
        }

        (await DigestRunsAsync(platform)).ShouldBe(runs);
        MessagesTo(address).ShouldBe(messages);
    }

    private static Task<int> DigestRunsAsync(PlatformFactory platform) =>
        platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == ActionDigest.AuditAction));

    [Fact]
    public async Task WeeklyDigest_OnItsSchedule_SendsOncePerWeekAndNotAgainAfterARestart()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var firstRun = start + ScheduledPlatform.FirstRunDelay;
        var secondRun = firstRun + ScheduledPlatform.Interval;
        string database;
        string bangladesh;
        await using (var platform = new ScheduledPlatform(provider, start, mailFolder))
        {
            await ImportSeedReportAsync(platform);
            bangladesh = (await platform.CreateUserAsync("BGD")).Email;
            database = platform.Database;

            await platform.Clock.WaitForTimerAtAsync(firstRun);
            MessagesTo(bangladesh).ShouldBe(0, "nothing goes out before the first-run delay");
            platform.Clock.Advance(ScheduledPlatform.FirstRunDelay);
            await WaitForDigestAsync(platform, 1, bangladesh, 1);

            await platform.Clock.WaitForTimerAtAsync(secondRun);
            platform.Clock.Advance(ScheduledPlatform.Interval - TimeSpan.FromMinutes(1));
            MessagesTo(bangladesh).ShouldBe(1, "a minute before the week is over");
            platform.Clock.Advance(TimeSpan.FromMinutes(1));
            await WaitForDigestAsync(platform, 2, bangladesh, 2);
            await platform.Clock.WaitForTimerAtAsync(secondRun + ScheduledPlatform.Interval);
        }

        // The platform restarts an hour after the second digest: it waits for the rest of the week, not for the first-run delay.
        await using var restarted = new ScheduledPlatform(provider, secondRun + TimeSpan.FromHours(1), mailFolder, database);
        _ = restarted.Services;
        await restarted.Clock.WaitForTimerAtAsync(secondRun + ScheduledPlatform.Interval);
        restarted.Clock.Advance(ScheduledPlatform.FirstRunDelay + TimeSpan.FromMinutes(1));
        MessagesTo(bangladesh).ShouldBe(2, "a restart does not send the digest again");
        (await DigestRunsAsync(restarted)).ShouldBe(2);

        restarted.Clock.Advance(ScheduledPlatform.Interval - TimeSpan.FromHours(1) - ScheduledPlatform.FirstRunDelay - TimeSpan.FromMinutes(1));
        await WaitForDigestAsync(restarted, 3, bangladesh, 3);
    }

    [Fact]
    public async Task WeeklyDigest_SmtpServerUnreachable_IsTriedAgainAnHourLaterNotAWeekLater()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var firstRun = start + ScheduledPlatform.FirstRunDelay;
        await using var platform = new ScheduledPlatform(provider, start, mailFolder, mail:
        [
            new("Mail:Sender", "Smtp"), new("Mail:Smtp:Host", "127.0.0.1"),
            new("Mail:Smtp:Port", SmtpReceiver.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Mail:Smtp:StartTls", "false"),
        ]);
        await ImportSeedReportAsync(platform);
        await platform.CreateUserAsync("BGD");

        await platform.Clock.WaitForTimerAtAsync(firstRun);
        platform.Clock.Advance(ScheduledPlatform.FirstRunDelay);
        await platform.Clock.WaitForTimerAtAsync(firstRun + WeeklyDigestService.RetryDelay);
        platform.Clock.Advance(WeeklyDigestService.RetryDelay);
        await platform.Clock.WaitForTimerAtAsync(firstRun + (2 * WeeklyDigestService.RetryDelay));

        var runs = await platform.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Action == ActionDigest.AuditAction).Select(e => e.Outcome).ToListAsync());
        runs.ShouldBe([AuditOutcome.Failed, AuditOutcome.Failed], "tried at the first run and again an hour later");
    }
}

public sealed class DigestScheduleSqliteTests() : DigestScheduleTests(DatabaseProvider.Sqlite);

public sealed class DigestSchedulePostgresTests() : DigestScheduleTests(DatabaseProvider.Postgres);

using BaliProcess.Web.Features.Actions.Reminders;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>A platform whose mail goes through the SMTP sender (MailKit) to a test SMTP server on a loopback port, or to a port where none listens.</summary>
public abstract class SmtpPlatform(DatabaseProvider provider, bool reachable) : PlatformFactory(provider)
{
    public const string Sender = "Bali Process Platform <digest@platform.example.org>";

    public SmtpReceiver Receiver { get; } = new();

    public int SmtpPort => reachable ? Receiver.Port : ClosedPort;

    private int ClosedPort { get; } = SmtpReceiver.ClosedPort();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Mail:Sender", "Smtp"), new("Mail:Smtp:Host", "127.0.0.1"), new("Mail:Smtp:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Mail:Smtp:StartTls", "false"), new("Mail:Smtp:Timeout", "00:00:10"), new("Mail:From", Sender),
        new("Actions:Digest:BaseUrl", "https://platform.example.org"),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SmtpSqlitePlatform() : SmtpPlatform(DatabaseProvider.Sqlite, reachable: true);

public sealed class SmtpPostgresPlatform() : SmtpPlatform(DatabaseProvider.Postgres, reachable: true);

public sealed class UnreachableSmtpSqlitePlatform() : SmtpPlatform(DatabaseProvider.Sqlite, reachable: false);

public sealed class UnreachableSmtpPostgresPlatform() : SmtpPlatform(DatabaseProvider.Postgres, reachable: false);

/// <summary>The digest sent through SMTP: what the server receives, and what happens when there is no server.</summary>
public abstract class DigestMailTests(SmtpPlatform platform)
{
    private async Task<(int Exit, string Output, string Errors)> DigestAsync()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await PlatformCli.RunAsync(platform.Services, ["actions", "digest"], TextReader.Null, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private async Task<DateTime?> LastSentAtAsync()
    {
        await using var scope = platform.Scope();
        return await scope.ServiceProvider.GetRequiredService<ActionDigest>().LastSentAtAsync(default);
    }

    /// <summary>Only on a platform whose SMTP server listens.</summary>
    protected async Task ReachesTheLeadWithSubjectAndBodyAsync()
    {
        await ImportSeedReportAsync(platform);
        var bangladesh = await platform.CreateUserAsync("BGD");

        var (exit, output, errors) = await DigestAsync();

        exit.ShouldBe(0, output + errors);
        var mail = platform.Receiver.Received.Where(m => m.Recipients.Contains(bangladesh.Email)).ShouldHaveSingleItem();
        mail.Recipients.ShouldBe([bangladesh.Email], "one message per official");
        mail.From.ShouldBe("digest@platform.example.org");
        mail.Message.To.Mailboxes.Select(m => m.Address).ShouldBe([bangladesh.Email]);
        mail.Message.Subject.ShouldStartWith("Bali Process actions:");
        mail.Message.Subject.ShouldContain("not updated for 180 days");
        mail.Message.TextBody!.ShouldContain("2.3 Conduct pilot, joint information campaign");
        mail.Message.TextBody!.ShouldContain("https://platform.example.org/Actions/");
        mail.Message.TextBody!.ShouldNotContain("1.1 Develop a capacity building program", customMessage: "Bangladesh does not lead 1.1");
        mail.Message.HtmlBody!.ShouldContain("<a href=\"https://platform.example.org/Actions/");
        platform.Receiver.Received.Count.ShouldBe(int.Parse(output.Split("Action digest: ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        (await LastSentAtAsync()).ShouldNotBeNull();
    }

    /// <summary>Only on a platform whose SMTP port is closed.</summary>
    protected async Task ReportsTheFailureAndStaysDueAsync()
    {
        await ImportSeedReportAsync(platform);
        await platform.CreateUserAsync("BGD");
        var lastSent = await LastSentAtAsync();
        var actions = await platform.WithDbAsync(db => db.Set<Web.Features.Actions.TrackedAction>().OrderBy(a => a.Id).Select(a => new { a.Id, a.Status, a.LastUpdatedAt }).ToListAsync());

        var (exit, output, errors) = await DigestAsync();

        exit.ShouldBe(1, "the operator sees that the digest did not go out");
        output.ShouldContain("Action digest: 0 of ");
        output.ShouldNotContain(" 0 failed");
        errors.ShouldContain($"The SMTP server 127.0.0.1:{platform.SmtpPort} did not accept the message");
        var audit = await platform.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Action == ActionDigest.AuditAction).NewestFirst().FirstAsync());
        audit.Outcome.ShouldBe(AuditOutcome.Failed);
        audit.Detail!.ShouldContain("0 sent");
        (await LastSentAtAsync()).ShouldBe(lastSent, "a digest nobody received does not count as sent, so the schedule still owes it");
        (await platform.WithDbAsync(db => db.Set<Web.Features.Actions.TrackedAction>().OrderBy(a => a.Id).Select(a => new { a.Id, a.Status, a.LastUpdatedAt }).ToListAsync()))
            .ShouldBe(actions);
    }
}

public abstract class SmtpDigestTests(SmtpPlatform platform) : DigestMailTests(platform)
{
    [Fact]
    public Task Digest_ThroughSmtp_ArrivesWithTheLeadAsRecipientAndTheDigestAsSubjectAndBody() => ReachesTheLeadWithSubjectAndBodyAsync();
}

public abstract class UnreachableSmtpDigestTests(SmtpPlatform platform) : DigestMailTests(platform)
{
    [Fact]
    public Task Digest_SmtpServerUnreachable_ReportsAFailureWithoutLosingState() => ReportsTheFailureAndStaysDueAsync();
}

public sealed class SmtpDigestSqliteTests(SmtpSqlitePlatform platform) : SmtpDigestTests(platform), IClassFixture<SmtpSqlitePlatform>;

public sealed class SmtpDigestPostgresTests(SmtpPostgresPlatform platform) : SmtpDigestTests(platform), IClassFixture<SmtpPostgresPlatform>;

public sealed class UnreachableSmtpDigestSqliteTests(UnreachableSmtpSqlitePlatform platform) : UnreachableSmtpDigestTests(platform), IClassFixture<UnreachableSmtpSqlitePlatform>;

public sealed class UnreachableSmtpDigestPostgresTests(UnreachableSmtpPostgresPlatform platform) : UnreachableSmtpDigestTests(platform), IClassFixture<UnreachableSmtpPostgresPlatform>;

using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using MimeKit;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>A platform whose mail goes to a folder of its own, so a test can read every message it caused.</summary>
public abstract class MailFolderPlatform(DatabaseProvider provider) : PlatformFactory(provider)
{
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"bp-test-mail-{Guid.NewGuid():N}");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Mail:Sender", "File"), new("Mail:File:Folder", MailFolder), new("Actions:Digest:BaseUrl", "https://platform.example.org")];

    public IReadOnlyList<MimeMessage> Messages() =>
        System.IO.Directory.Exists(MailFolder) ? System.IO.Directory.GetFiles(MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).ToList() : [];
}

public sealed class MailFolderSqlitePlatform() : MailFolderPlatform(DatabaseProvider.Sqlite);

public sealed class MailFolderPostgresPlatform() : MailFolderPlatform(DatabaseProvider.Postgres);

/// <summary>The weekly reminder digest, sent now by the CLI verb, written by the file sink as .eml files.</summary>
public abstract class ActionDigestTests(MailFolderPlatform platform)
{
    [Fact]
    public async Task Digest_Sent_WritesOneEmailPerLeadOfficialListingTheirStaleActions()
    {
        await ImportSeedReportAsync(platform);
        var bangladesh = await platform.CreateUserAsync("BGD");
        var thailand = await platform.CreateUserAsync("THA");
        var output = new StringWriter();

        var exit = await PlatformCli.RunAsync(platform.Services, ["actions", "digest"], TextReader.Null, output, new StringWriter());

        exit.ShouldBe(0, output.ToString());
        output.ToString().ShouldContain("e-mails sent, 0 failed.");
        var messages = platform.Messages();
        var mail = messages.Where(m => m.To.Mailboxes.Any(a => a.Address == bangladesh.Email)).ShouldHaveSingleItem();
        mail.Subject.ShouldStartWith("Bali Process actions:");
        mail.TextBody!.ShouldContain("2.3 Conduct pilot, joint information campaign");
        mail.TextBody!.ShouldContain("Not updated for 180 days");
        mail.TextBody!.ShouldContain($"https://platform.example.org/Actions/");
        mail.TextBody!.ShouldNotContain("1.1 Develop a capacity building program", customMessage: "Bangladesh does not lead 1.1");
        mail.HtmlBody!.ShouldContain("<a href=\"https://platform.example.org/Actions/");
        messages.ShouldNotContain(m => m.To.Mailboxes.Any(a => a.Address == thailand.Email), "Thailand leads no action");
    }

    [Fact]
    public async Task Digest_DueDatesWithinThirtyDays_AreListedAsDue()
    {
        await ImportSeedReportAsync(platform);
        var rso = await platform.CreateUserAsync("RSO");
        var id = (await SeedActionsAsync(platform))["3.4"];
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);
        var client = await platform.SignInAsync(rso);
        (await PostUpdateAsync(client, id, new { status = "Ongoing", narrative = "Translation into Thai under way.", dueDate = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))
            .EnsureSuccessStatusCode();

        await PlatformCli.RunAsync(platform.Services, ["actions", "digest"], TextReader.Null, new StringWriter(), new StringWriter());

        var mail = platform.Messages().Single(m => m.To.Mailboxes.Any(a => a.Address == rso.Email));
        var text = mail.TextBody!;
        var dueSection = text[text.IndexOf("Due within 30 days:", StringComparison.Ordinal)..];
        dueSection.ShouldContain($"3.4 Quick Reference Guide for Frontline Officers");
        dueSection.ShouldContain($"due {due:yyyy-MM-dd}");
    }
}

public sealed class ActionDigestSqliteTests(MailFolderSqlitePlatform platform) : ActionDigestTests(platform), IClassFixture<MailFolderSqlitePlatform>;

public sealed class ActionDigestPostgresTests(MailFolderPostgresPlatform platform) : ActionDigestTests(platform), IClassFixture<MailFolderPostgresPlatform>;

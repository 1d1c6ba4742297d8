using System.Net;
using System.Text.RegularExpressions;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using MimeKit;

namespace BaliProcess.Web.Tests.Features.Accounts.Lifecycle;

/// <summary>A platform with a clock the test moves, its own mail folder and a public address, for the account lifecycle.</summary>
public abstract partial class AccountsPlatform(DatabaseProvider provider) : ClockedPlatform(provider)
{
    public const string PublicBaseUrl = "https://platform.example.org";

    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"bp-test-mail-{Guid.NewGuid():N}");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Mail:Sender", "File"), new("Mail:File:Folder", MailFolder), new("Platform:PublicBaseUrl", PublicBaseUrl), new("Accounts:DisableAfterInactiveDays", "30")];

    public IReadOnlyList<MimeMessage> MailsTo(string address) =>
        System.IO.Directory.Exists(MailFolder)
            ? System.IO.Directory.GetFiles(MailFolder, "*.eml").Select(Load).OfType<MimeMessage>().Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList()
            : [];

    /// <summary>A message, or null while the sender still writes it (it holds the file locked until it is complete).</summary>
    private static MimeMessage? Load(string path)
    {
        try
        {
            return MimeMessage.Load(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits for the <paramref name="count"/>th message to the address (reset e-mails leave after the answer).</summary>
    public async Task<MimeMessage> WaitForMailAsync(string address, string subject, int count = 1)
    {
        for (var i = 0; i < 100; i++)
        {
            var found = MailsTo(address).Where(m => m.Subject?.Contains(subject, StringComparison.Ordinal) == true).ToList();
            if (found.Count >= count)
            {
                return found.OrderBy(m => m.Date).Last();
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"No e-mail '{subject}' to {address} within 10 seconds; messages there: {string.Join(", ", MailsTo(address).Select(m => m.Subject))}");
    }

    /// <summary>The reset link in a reset e-mail, as a path on the test server, and the absolute link as sent.</summary>
    public static (string Absolute, string Path) ResetLink(MimeMessage mail)
    {
        var match = ResetLinkPattern().Match(mail.TextBody ?? "");
        match.Success.ShouldBeTrue($"the e-mail carries an absolute reset link: {mail.TextBody}");
        return (match.Value, match.Value[PublicBaseUrl.Length..]);
    }

    public static string TokenOf(string link) => WebUtility.UrlDecode(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    [GeneratedRegex(@"https://platform\.example\.org/Accounts/ResetPassword\?token=[A-Za-z0-9%]+")]
    private static partial Regex ResetLinkPattern();
}

public sealed class AccountsSqlitePlatform() : AccountsPlatform(DatabaseProvider.Sqlite);

public sealed class AccountsPostgresPlatform() : AccountsPlatform(DatabaseProvider.Postgres);

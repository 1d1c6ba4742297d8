using System.Net;
using System.Threading.Channels;
using BaliProcess.Web.Infrastructure.Mail;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>
/// The e-mails that tell officials what happened to their account. Links are absolute, built from
/// Platform:PublicBaseUrl (<see cref="PublicLinks"/>), never from the request. Texts are in the reader's language at the
/// time the change was made.
/// </summary>
public sealed class AccountMail(IMailSender sender, AccountMailQueue queue, PublicLinks links, IStringLocalizer<AccountsText> text, ILogger<AccountMail> logger)
{
    public OutgoingMail PasswordResetLink(AppUser user, string token, int minutes)
    {
        var link = links.To($"/Accounts/ResetPassword?token={Uri.EscapeDataString(token)}");
        return Compose(user, text["Reset your password"],
            [
                text["Someone asked to reset the password of your account on the Bali Process Cooperation Platform. If it was you, open this link within {0} minutes and choose a new password. The link works once.", minutes],
                text["If you did not ask, ignore this e-mail: your password stays as it is."],
            ],
            link);
    }

    public OutgoingMail PasswordChanged(AppUser user) =>
        Compose(user, text["Your password was changed"],
            [
                text["The password of your account on the Bali Process Cooperation Platform was changed, and every other session of the account was signed out."],
                text["If you did not do this, reset your password at once with the link below and tell your member administrator."],
            ],
            links.To("/Accounts/ForgotPassword"));

    public OutgoingMail TwoFactorReset(AppUser user) =>
        Compose(user, text["Your two-factor sign-in was reset"],
            [
                text["An administrator removed the authenticator of your account on the Bali Process Cooperation Platform, and every session of the account was signed out."],
                text["At your next sign-in you will set up an authenticator app again. If you did not ask for this, tell your member administrator at once."],
            ],
            links.To("/Accounts/SignIn"));

    /// <summary>Sends now; a failure is logged and reported, never thrown: the change it reports is made already.</summary>
    public async Task<bool> SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var result = await sender.SendAsync(mail, ct);
        if (!result.Sent)
        {
            logger.LogWarning("Account e-mail '{Subject}' could not be sent: {Error}", mail.Subject, result.Error);
        }

        return result.Sent;
    }

    /// <summary>Sends after the request has answered, so that the answer takes the same time whether or not a message goes.</summary>
    public void SendLater(OutgoingMail mail) => queue.Enqueue(mail);

    private static OutgoingMail Compose(AppUser user, string subject, IReadOnlyList<string> paragraphs, string link)
    {
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email! : user.DisplayName;
        var textBody = $"{name},\n\n{string.Join("\n\n", paragraphs)}\n\n{link}\n";
        var html = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(subject)}</title></head><body><p>{WebUtility.HtmlEncode(name)},</p>"
            + string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"))
            + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p></body></html>";
        return new OutgoingMail([new MailRecipient(user.Email!, user.DisplayName)], subject, textBody, html);
    }
}

/// <summary>Account e-mails waiting to be sent by <see cref="AccountMailService"/>; kept in memory (a lost reset e-mail is asked for again).</summary>
public sealed class AccountMailQueue
{
    private readonly Channel<OutgoingMail> channel = Channel.CreateBounded<OutgoingMail>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(OutgoingMail mail) => channel.Writer.TryWrite(mail);

    public IAsyncEnumerable<OutgoingMail> ReadAllAsync(CancellationToken ct) => channel.Reader.ReadAllAsync(ct);
}

/// <summary>Sends the queued account e-mails, one after another.</summary>
public sealed class AccountMailService(AccountMailQueue queue, IMailSender sender, ILogger<AccountMailService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var mail in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var result = await sender.SendAsync(mail, stoppingToken);
                    if (!result.Sent)
                    {
                        logger.LogWarning("Account e-mail '{Subject}' could not be sent: {Error}", mail.Subject, result.Error);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Sending account e-mail '{Subject}' failed.", mail.Subject);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

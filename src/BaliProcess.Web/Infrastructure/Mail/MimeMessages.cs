using MimeKit;

namespace BaliProcess.Web.Infrastructure.Mail;

/// <summary>Builds the MIME message both senders write, so the file sink shows exactly what SMTP would send.</summary>
internal static class MimeMessages
{
    public static MimeMessage Build(OutgoingMail mail, string from, DateTimeOffset date)
    {
        var message = new MimeMessage { Subject = mail.Subject, Date = date };
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var recipient in mail.To)
        {
            message.To.Add(new MailboxAddress(recipient.Name ?? "", recipient.Address));
        }

        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>Checks the parts of a message that would make MimeKit throw, so that a bad address is a result, not an exception.</summary>
    public static string? Problem(OutgoingMail mail, string from)
    {
        if (!MailboxAddress.TryParse(from, out _))
        {
            return $"The sender address '{from}' is not an e-mail address (setting Mail:From).";
        }

        if (mail.To.Count == 0)
        {
            return "The message has no recipient.";
        }

        var bad = mail.To.FirstOrDefault(r => !MailboxAddress.TryParse(r.Address, out _));
        return bad is null ? null : $"'{bad.Address}' is not an e-mail address.";
    }
}

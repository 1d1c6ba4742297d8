namespace BaliProcess.Web.Infrastructure.Mail;

/// <summary>One recipient: an address and, where known, the person's name.</summary>
public sealed record MailRecipient(string Address, string? Name = null);

/// <summary>A plain-text message with an optional HTML alternative.</summary>
public sealed record OutgoingMail(IReadOnlyList<MailRecipient> To, string Subject, string TextBody, string? HtmlBody = null);

/// <summary>The outcome of sending one message: sending fails for expected reasons (a server down, a bad address), so it is returned, not thrown.</summary>
public sealed record MailSendResult(bool Sent, string? Error = null, string? Location = null)
{
    public static MailSendResult Ok(string? location = null) => new(true, null, location);

    public static MailSendResult Failed(string error) => new(false, error);
}

/// <summary>Sends e-mail. Registered as the SMTP sender or the file sink according to <see cref="MailOptions"/>.</summary>
public interface IMailSender
{
    Task<MailSendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

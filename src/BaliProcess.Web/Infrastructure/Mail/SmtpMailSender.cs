using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Infrastructure.Mail;

/// <summary>Sends through the SMTP server of Mail:Smtp with MailKit: STARTTLS on 587 by default, TLS on connect for 465.</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, TimeProvider time, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task<MailSendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return MailSendResult.Failed("No SMTP server is configured: set Mail:Smtp:Host (or Mail:Sender=File to write .eml files instead).");
        }

        var from = string.IsNullOrWhiteSpace(settings.From) ? options.Value.From : settings.From;
        if (MimeMessages.Problem(mail, from) is { } problem)
        {
            return MailSendResult.Failed(problem);
        }

        var message = MimeMessages.Build(mail, from, time.GetUtcNow());
        var security = settings.StartTls ? SecureSocketOptions.StartTls : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None;
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return MailSendResult.Ok($"smtp://{settings.Host}:{settings.Port}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
                                       or System.Security.Authentication.AuthenticationException or MailKit.Security.AuthenticationException or SslHandshakeException
                                       or SocketException or IOException or TimeoutException)
        {
            logger.LogWarning(e, "Sending '{Subject}' through {Host}:{Port} failed.", mail.Subject, settings.Host, settings.Port);
            return MailSendResult.Failed($"The SMTP server {settings.Host}:{settings.Port} did not accept the message: {e.Message}");
        }
    }
}

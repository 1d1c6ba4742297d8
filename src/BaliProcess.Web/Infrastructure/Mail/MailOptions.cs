namespace BaliProcess.Web.Infrastructure.Mail;

public enum MailSenderKind
{
    /// <summary>Writes each message as an .eml file into a folder (development, tests, or a pickup directory).</summary>
    File,

    /// <summary>Sends through an SMTP server with MailKit.</summary>
    Smtp,
}

/// <summary>Settings of outgoing e-mail (section "Mail").</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Unset means the file sink in the Development and Testing environments and SMTP elsewhere.</summary>
    public MailSenderKind? Sender { get; set; }

    /// <summary>The sender address of every message, e.g. "Bali Process Platform &lt;no-reply@baliprocess.net&gt;".</summary>
    public string From { get; set; } = "Bali Process Cooperation Platform <no-reply@baliprocess.invalid>";

    public SmtpMailOptions Smtp { get; set; } = new();

    public FileMailOptions File { get; set; } = new();

    public MailOutboxOptions Outbox { get; set; } = new();

    public MailSenderKind EffectiveSender(IHostEnvironment environment) =>
        Sender ?? (environment.IsDevelopment() || environment.IsEnvironment("Testing") ? MailSenderKind.File : MailSenderKind.Smtp);
}

public sealed class SmtpMailOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Overrides <see cref="MailOptions.From"/> for SMTP, where the relay may insist on its own address.</summary>
    public string? From { get; set; }

    /// <summary>Upgrade the connection with STARTTLS (port 587). False connects with TLS from the start on port 465, or in clear on port 25.</summary>
    public bool StartTls { get; set; } = true;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class FileMailOptions
{
    /// <summary>Folder the .eml files go to; relative paths are under the data folder. Defaults to data/mail.</summary>
    public string Folder { get; set; } = "mail";
}

/// <summary>How the outbox sends (section "Mail:Outbox").</summary>
public sealed class MailOutboxOptions
{
    /// <summary>How often each node looks for messages due (a message queued on this node wakes it at once).</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>Attempts before a message is given up (the pause between attempts doubles from one minute).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Days a sent or given-up row (subject, recipient, no message) stays for the operator to look at.</summary>
    public int KeepDays { get; set; } = 30;
}

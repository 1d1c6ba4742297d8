using System.Text.Json;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Mail;

/// <summary>
/// One e-mail waiting to leave, or sent. It is added in the same SaveChangesAsync as the change it reports, so a message
/// is never lost when the process ends after the change (nor sent for a change that was rolled back). The message is
/// kept encrypted with the platform's data-protection keys (themselves encrypted with a key outside the database), and
/// dropped once sent or given up, because a reset e-mail carries a live link.
/// </summary>
public sealed class QueuedMail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public DateTime CreatedAt { get; set; }

    /// <summary>The first recipient, for the operator's listing (the addresses are also inside the protected message).</summary>
    public string Recipient { get; set; } = "";

    public string Subject { get; set; } = "";

    /// <summary>The message, protected; null once sent or given up.</summary>
    public string? ProtectedMessage { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Set when the last allowed attempt failed: the message will not be tried again.</summary>
    public DateTime? GaveUpAt { get; set; }

    public string? LastError { get; set; }
}

internal sealed class QueuedMailConfiguration : IEntityTypeConfiguration<QueuedMail>
{
    public void Configure(EntityTypeBuilder<QueuedMail> builder)
    {
        builder.ToTable("mail_outbox");
        builder.Property(m => m.Recipient).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => new { m.SentAt, m.GaveUpAt, m.NextAttemptAt });
    }
}

/// <summary>Puts messages in the outbox; <see cref="MailOutboxSender"/> sends them.</summary>
public sealed class MailOutbox(IDataProtectionProvider protection, TimeProvider time, MailOutboxSignal signal)
{
    private const string Purpose = "BaliProcess.MailOutbox.v1";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    /// <summary>Adds <paramref name="mail"/> to <paramref name="db"/>: it is queued when the caller's SaveChangesAsync commits.</summary>
    public void Add(AppDbContext db, OutgoingMail mail)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var recipient = mail.To.Count > 0 ? mail.To[0].Address : "";
        db.Add(new QueuedMail
        {
            CreatedAt = now,
            NextAttemptAt = now,
            Recipient = recipient.Length > 320 ? recipient[..320] : recipient,
            Subject = mail.Subject.Length > 300 ? mail.Subject[..300] : mail.Subject,
            ProtectedMessage = protector.Protect(JsonSerializer.Serialize(mail)),
        });
        signal.Pulse();
    }

    /// <summary>The message of a queued row; null when the row was sent already or cannot be read with this platform's keys.</summary>
    public OutgoingMail? Read(QueuedMail row)
    {
        if (row.ProtectedMessage is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<OutgoingMail>(protector.Unprotect(row.ProtectedMessage));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>Wakes this node's sender when a message was queued here, so that it need not wait for its next poll.</summary>
public sealed class MailOutboxSignal
{
    private readonly SemaphoreSlim pulses = new(0, 1);

    public void Pulse()
    {
        if (pulses.CurrentCount == 0)
        {
            try
            {
                pulses.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread pulsed at the same moment: one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => pulses.WaitAsync(timeout, ct);
}

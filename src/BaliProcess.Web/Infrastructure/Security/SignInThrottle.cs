using System.Security.Cryptography;
using System.Text;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// One sign-in attempt that has not (yet) succeeded. Rows are in the database so that every node counts the same
/// attempts; an attempt is written before the password is checked, so concurrent guesses count against each other.
/// </summary>
public sealed class SignInAttempt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>SHA-256 of the normalised e-mail typed, whether or not such an account exists.</summary>
    public string AccountKey { get; set; } = "";

    public string Address { get; set; } = "";

    public DateTime At { get; set; }
}

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> builder)
    {
        builder.ToTable("sign_in_attempts");
        builder.Property(a => a.AccountKey).HasMaxLength(64);
        builder.Property(a => a.Address).HasMaxLength(64);
        builder.HasIndex(a => new { a.AccountKey, a.At });
        builder.HasIndex(a => new { a.Address, a.At });
        builder.HasIndex(a => a.At);
    }
}

public sealed record SignInAttemptTicket(Guid Id, bool Allowed);

/// <summary>
/// Limits failed sign-ins per account and per source address within a window. The same limit, message and work apply to
/// an e-mail address that has no account, so the answers do not tell which accounts exist.
/// </summary>
public sealed class SignInThrottle(AppDbContext db, TimeProvider time, IConfiguration configuration)
{
    public int PerAccount { get; } = configuration.GetValue("Security:FailedSignInsPerAccount", 5);

    /// <summary>Higher than per account: a whole office, or every user behind a proxy, shares one address.</summary>
    public int PerAddress { get; } = configuration.GetValue("Security:FailedSignInsPerAddress", 50);

    public TimeSpan Window { get; } = TimeSpan.FromMinutes(configuration.GetValue("Security:FailedSignInWindowMinutes", 15));

    public static string AccountKey(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));

    /// <summary>
    /// Writes the attempt, then counts the window's attempts (this one included). When over a limit the attempt is
    /// withdrawn and refused: it must not check the password, and must not lengthen the wait.
    /// </summary>
    public async Task<SignInAttemptTicket> BeginAsync(string email, string address, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - Window;
        var accountKey = AccountKey(email);
        await db.Set<SignInAttempt>().Where(a => a.At < since).ExecuteDeleteAsync(ct);
        var attempt = new SignInAttempt { AccountKey = accountKey, Address = address, At = now };
        db.Add(attempt);
        await db.SaveChangesAsync(ct);
        db.Entry(attempt).State = EntityState.Detached;

        var forAccount = await db.Set<SignInAttempt>().CountAsync(a => a.AccountKey == accountKey && a.At >= since, ct);
        var forAddress = await db.Set<SignInAttempt>().CountAsync(a => a.Address == address && a.At >= since, ct);
        if (forAccount > PerAccount || forAddress > PerAddress)
        {
            await WithdrawAsync(attempt.Id, ct);
            return new SignInAttemptTicket(attempt.Id, false);
        }

        return new SignInAttemptTicket(attempt.Id, true);
    }

    /// <summary>The attempt succeeded (or was refused before any check): it does not count as a failure.</summary>
    public Task WithdrawAsync(Guid attemptId, CancellationToken ct) =>
        db.Set<SignInAttempt>().Where(a => a.Id == attemptId).ExecuteDeleteAsync(ct);
}

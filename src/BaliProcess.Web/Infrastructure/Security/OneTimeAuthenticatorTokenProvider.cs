using System.Security.Cryptography;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>The last authenticator time step accepted for a user: a code of that step or an earlier one is refused.</summary>
public sealed class AuthenticatorStep
{
    public Guid UserId { get; set; }

    public long LastAcceptedStep { get; set; }
}

internal sealed class AuthenticatorStepConfiguration : IEntityTypeConfiguration<AuthenticatorStep>
{
    public void Configure(EntityTypeBuilder<AuthenticatorStep> builder)
    {
        builder.ToTable("authenticator_steps");
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.UserId).ValueGeneratedNever();
        builder.HasOne<AppUser>().WithOne().HasForeignKey<AuthenticatorStep>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// RFC 6238 codes (as Identity's authenticator provider) that work once: the accepted time step is remembered per user
/// with a conditional update, so a code seen over a shoulder or replayed through another node is refused.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(IServiceScopeFactory scopes, TimeProvider time) : AuthenticatorTokenProvider<AppUser>
{
    /// <summary>Codes of the previous and the next 30-second step are accepted, for clocks that drift a little.</summary>
    public const int AllowedDrift = 1;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit) || !TryBase32Decode(key, out var secret))
        {
            return false;
        }

        var current = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        for (var step = current - AllowedDrift; step <= current + AllowedDrift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
            {
                return await TryConsumeAsync(user.Id, step);
            }
        }

        return false;
    }

    /// <summary>True for the first request (on any node) to use the step; a context of its own keeps the caller's work apart.</summary>
    private async Task<bool> TryConsumeAsync(Guid userId, long step)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var advanced = await db.Set<AuthenticatorStep>().Where(s => s.UserId == userId && s.LastAcceptedStep < step)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastAcceptedStep, step));
            if (advanced == 1)
            {
                return true;
            }

            if (await db.Set<AuthenticatorStep>().AnyAsync(s => s.UserId == userId))
            {
                return false;
            }

            db.Add(new AuthenticatorStep { UserId = userId, LastAcceptedStep = step });
            try
            {
                await db.SaveChangesAsync();
                return true;
            }
            catch (DbUpdateException)
            {
                // Another request created the row first: compare against its step.
                db.ChangeTracker.Clear();
            }
        }

        return false;
    }

    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; it is not a choice made here.
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool TryBase32Decode(string input, out byte[] output)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(input.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in input.TrimEnd('=').ToUpperInvariant())
        {
            if (c == ' ')
            {
                continue;
            }

            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                output = [];
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        output = [.. bytes];
        return output.Length > 0;
    }
}

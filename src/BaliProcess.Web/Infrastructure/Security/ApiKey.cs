using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// A key for a machine client (a border system, a national data feed). Only a SHA-256 hash of the secret is kept;
/// the key is shown once, when created.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MemberId { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The non-secret part shown in lists so that officials can tell keys apart.</summary>
    public string Prefix { get; set; } = "";

    public string SecretHash { get; set; } = "";

    public List<string> Scopes { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

/// <summary>The scopes a key may carry. A key can do no more than its scopes allow, whatever its creator may do.</summary>
public static class ApiScopes
{
    public const string DirectoryRead = "directory:read";
    public const string DirectoryWrite = "directory:write";
    public const string LibraryRead = "library:read";
    public const string LibraryWrite = "library:write";
    public const string ActionsRead = "actions:read";
    public const string ActionsWrite = "actions:write";
    public const string TrainingRead = "training:read";
    public const string TrainingWrite = "training:write";

    public static readonly IReadOnlyList<string> All = [DirectoryRead, DirectoryWrite, LibraryRead, LibraryWrite, ActionsRead, ActionsWrite, TrainingRead, TrainingWrite];

    /// <summary>The read scopes, one per module with restricted records (each record type names its own: <see cref="IScopedRecord.ReadScope"/>).</summary>
    public static readonly IReadOnlyList<string> ReadScopes = [DirectoryRead, LibraryRead, ActionsRead, TrainingRead];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}

public static class ApiKeySecrets
{
    public const string TokenPrefix = "bpk_";

    /// <summary>Creates the token <c>bpk_{prefix}_{secret}</c>; returns it with the prefix and the hash to store.</summary>
    public static (string Token, string Prefix, string Hash) Create()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{TokenPrefix}{prefix}_{secret}", prefix, Hash(secret));
    }

    public static bool TryParse(string token, out string prefix, out string secret)
    {
        prefix = secret = "";
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token[TokenPrefix.Length..];
        var separator = rest.IndexOf('_', StringComparison.Ordinal);
        if (separator != 8 || rest.Length < 20)
        {
            return false;
        }

        prefix = rest[..separator];
        secret = rest[(separator + 1)..];
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(8);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.PrimitiveCollection(k => k.Scopes);
        builder.HasIndex(k => k.MemberId);
    }
}

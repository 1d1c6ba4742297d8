using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Features.Audit;

/// <summary>
/// A signed tree head (as RFC 6962/9162's STH): the log had <see cref="TreeSize"/> entries whose Merkle tree root
/// was <see cref="RootHash"/> at <see cref="IssuedAt"/>, signed with the checkpoint key. A copy kept outside the
/// platform proves later that the log still extends what it was then.
/// </summary>
public sealed class AuditCheckpoint
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public long TreeSize { get; set; }

    /// <summary>Hex SHA-256 Merkle tree root over the first <see cref="TreeSize"/> entries.</summary>
    public string RootHash { get; set; } = "";

    public DateTime IssuedAt { get; set; }

    /// <summary>Hex SHA-256 of the signing key's SubjectPublicKeyInfo.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Base64 DER ECDSA P-256/SHA-256 signature over <see cref="CheckpointStatement.SignedText"/>.</summary>
    public string Signature { get; set; } = "";
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("audit_checkpoints");
        // One checkpoint per tree size: two nodes publishing at once cannot both store one.
        builder.HasIndex(c => c.TreeSize).IsUnique();
        builder.Property(c => c.RootHash).HasMaxLength(64);
        builder.Property(c => c.KeyId).HasMaxLength(64);
        builder.Property(c => c.Signature).HasMaxLength(200);
    }
}

/// <summary>The checkpoint as a file a member keeps: the signed fields, the signature and the public key.</summary>
public sealed record CheckpointStatement(string Format, long TreeSize, string RootHash, DateTime IssuedAt, string KeyId, string Signature, string PublicKey)
{
    public const string CurrentFormat = "bali-process-audit-checkpoint/v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static CheckpointStatement From(AuditCheckpoint checkpoint, string publicKeyPem) =>
        new(CurrentFormat, checkpoint.TreeSize, checkpoint.RootHash, DateTime.SpecifyKind(checkpoint.IssuedAt, DateTimeKind.Utc), checkpoint.KeyId, checkpoint.Signature, publicKeyPem);

    /// <summary>The exact text that is signed: one field a line, so that any tool can rebuild it.</summary>
    public static string SignedText(long treeSize, string rootHash, DateTime issuedAt, string keyId) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{CurrentFormat}\ntree_size {treeSize}\nroot_hash {rootHash}\ntimestamp {issuedAt:yyyy-MM-ddTHH:mm:ss.ffffffZ}\nkey_id {keyId}\n");

    public static string Sign(ECDsa key, long treeSize, string rootHash, DateTime issuedAt, string keyId) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(SignedText(treeSize, rootHash, issuedAt, keyId)),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a kept checkpoint file; null with a reason when it is not one.</summary>
    public static CheckpointStatement? Parse(string json, out string? problem)
    {
        CheckpointStatement? statement;
        try
        {
            statement = JsonSerializer.Deserialize<CheckpointStatement>(json, Json);
        }
        catch (JsonException e)
        {
            problem = $"it is not a checkpoint file ({e.Message})";
            return null;
        }

        problem = statement switch
        {
            null => "it is empty",
            { Format: not CurrentFormat } => $"its format is '{statement.Format}', not '{CurrentFormat}'",
            { TreeSize: < 0 } => "its tree size is negative",
            _ when statement.RootHash is not { Length: 64 } || !statement.RootHash.All(Uri.IsHexDigit) => "its root hash is not 64 hexadecimal digits",
            _ when string.IsNullOrEmpty(statement.Signature) => "it has no signature",
            _ => null,
        };
        return problem is null ? statement : null;
    }

    /// <summary>Whether <paramref name="trustedKey"/> (not the key inside the file, which anyone could replace) signed these fields.</summary>
    public bool IsSignedBy(ECDsa trustedKey)
    {
        if (!string.Equals(KeyId, AuditKeys.KeyIdOf(trustedKey), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(Signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return trustedKey.VerifyData(Encoding.UTF8.GetBytes(SignedText(TreeSize, RootHash.ToLowerInvariant(), IssuedAt.ToUniversalTime(), KeyId.ToLowerInvariant())),
            signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}

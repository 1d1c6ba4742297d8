namespace BaliProcess.Web.Features.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The HMAC key of the chain. Relative paths are under the content root; the default is
    /// <c>keys/audit-chain.key</c> in the data folder. Every node of a deployment must be given the same file.
    /// </summary>
    public string? KeyPath { get; set; }

    /// <summary>The ECDSA P-256 private key (PKCS#8 PEM) that signs checkpoints; default <c>keys/audit-checkpoint.pem</c> in the data folder.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>
    /// Rows up to this sequence were written before the chain was keyed (plain SHA-256) and are verified as such.
    /// It lives in configuration, outside the database, so that rewriting rows as "unkeyed" is not a way around the key.
    /// 0 (the default, and every new installation) means every row is keyed.
    /// </summary>
    public long UnkeyedThrough { get; set; }

    /// <summary>How often the checkpoint publisher signs a new tree head when the log has grown.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The longest a committed audit row waits unsealed when no audited commit of this process wakes the sealer (rows
    /// written inside a caller's transaction, or by another node). It bounds the unsealed window (docs/security.md).
    /// </summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether this node runs the background sealer (default: yes, except in the Testing environment, whose tests seal
    /// when they choose to, through <see cref="AuditSealer.SealAsync"/>, so that unsealed rows can be examined).
    /// </summary>
    public bool? SealInBackground { get; set; }

    /// <summary>Whether this node runs the checkpoint publisher (default: yes, except in the Testing environment).</summary>
    public bool? PublishCheckpoints { get; set; }
}

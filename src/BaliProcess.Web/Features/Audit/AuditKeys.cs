using System.Security.Cryptography;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Audit;

/// <summary>
/// The two audit keys, held in files outside the database: the chain's HMAC key and the checkpoint signing key.
/// Someone who can write to the database but not read these files can neither recompute a chain hash nor sign a
/// tree head. A missing file is created on first use (mode 0600, folder 0700); a present but unreadable or
/// malformed one stops the platform with a message rather than silently starting a new chain.
/// </summary>
public sealed class AuditKeys
{
    private const int HmacKeySize = 32;
    private readonly Lazy<byte[]> hmacKey;
    private readonly Lazy<ECDsa> signingKey;

    public AuditKeys(IOptions<AuditOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment)
    {
        var keys = Path.Combine(DataServiceCollectionExtensions.DataDirectory(database.Value, environment.ContentRootPath), "keys");
        HmacKeyPath = Resolve(options.Value.KeyPath, environment.ContentRootPath) ?? Path.Combine(keys, "audit-chain.key");
        SigningKeyPath = Resolve(options.Value.SigningKeyPath, environment.ContentRootPath) ?? Path.Combine(keys, "audit-checkpoint.pem");
        hmacKey = new(LoadHmacKey);
        signingKey = new(LoadSigningKey);
    }

    public string HmacKeyPath { get; }

    public string SigningKeyPath { get; }

    public byte[] HmacKey => hmacKey.Value;

    public ECDsa SigningKey => signingKey.Value;

    public string PublicKeyPem => SigningKey.ExportSubjectPublicKeyInfoPem();

    /// <summary>As RFC 6962's log ID: SHA-256 of the public key's SubjectPublicKeyInfo, in hex.</summary>
    public string KeyId => KeyIdOf(SigningKey);

    public static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static string? Resolve(string? path, string contentRoot) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(Path.Combine(contentRoot, path));

    private byte[] LoadHmacKey()
    {
        var text = ReadOrCreate(HmacKeyPath, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(HmacKeySize)) + "\n");
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length < HmacKeySize)
            {
                throw new InvalidOperationException($"The audit key file {HmacKeyPath} holds {key.Length} bytes; at least {HmacKeySize} are needed.");
            }

            return key;
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The audit key file {HmacKeyPath} is not base64 text.");
        }
    }

    private ECDsa LoadSigningKey()
    {
        var pem = ReadOrCreate(SigningKeyPath, () =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return key.ExportPkcs8PrivateKeyPem() + "\n";
        });
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException($"The checkpoint signing key file {SigningKeyPath} is not an ECDSA private key in PEM.");
        }

        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException($"The checkpoint signing key in {SigningKeyPath} is not a P-256 key.");
        }

        return ecdsa;
    }

    /// <summary>
    /// Creates the file atomically (written aside, then moved into place without overwriting), so that two
    /// processes starting together end up with the same key: the loser of the race reads the winner's file.
    /// </summary>
    private static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(folder);
        }
        else
        {
            System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
        {
            writer.Write(create());
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }

        return File.ReadAllText(path);
    }
}

using System.Security.Cryptography;
using System.Xml.Linq;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Infrastructure.Security;

public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>
    /// File holding the 256-bit key that encrypts the data-protection keys stored in the database. Every node must be
    /// given the same file; relative paths are under the data folder. Created (mode 0600) on first start when absent.
    /// </summary>
    public string KeyEncryptionKeyPath { get; set; } = "keys/data-protection.key";
}

/// <summary>
/// Cookie, antiforgery and two-factor tokens are protected with keys every node must share: the keys live in the
/// database (so node B can read a cookie node A issued) and are encrypted there with a key held outside the database
/// (so a database dump alone does not let anyone forge a session).
/// </summary>
public static class PlatformDataProtection
{
    /// <summary>One name for every node: the data-protection purpose chain, and so the cookies, depend on it.</summary>
    public const string ApplicationName = "BaliProcess";

    public static IServiceCollection AddPlatformDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DataProtectionSettings>(configuration.GetSection(DataProtectionSettings.Section));
        services.AddSingleton<KeyEncryptionKey>();
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<AppDbContext>();
        // The encryptor needs the key file, resolved against the data folder, so it is set once services exist.
        services.AddOptions<KeyManagementOptions>()
            .Configure<KeyEncryptionKey>((o, key) => o.XmlEncryptor = new KeyFileXmlEncryptor(key));
        return services;
    }
}

/// <summary>The key file, read (or created) once per process.</summary>
public sealed class KeyEncryptionKey(IOptions<DataProtectionSettings> settings, IOptions<DatabaseOptions> database, IHostEnvironment environment)
{
    private readonly Lazy<byte[]> key = new(() => LoadOrCreate(Resolve(settings.Value.KeyEncryptionKeyPath, database.Value, environment.ContentRootPath)));

    public byte[] Value => key.Value;

    private static string Resolve(string configured, DatabaseOptions database, string contentRoot) =>
        Path.IsPathRooted(configured) ? configured : Path.Combine(DataServiceCollectionExtensions.DataDirectory(database, contentRoot), configured);

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return existing.Length == 32
                ? existing
                : throw new InvalidOperationException($"The data-protection key file '{path}' does not hold a 256-bit base64 key.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var created = RandomNumberGenerator.GetBytes(32);
        try
        {
            // CreateNew: two nodes starting at once on a shared folder must not overwrite each other's key.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(created));
            return created;
        }
        catch (IOException) when (File.Exists(path))
        {
            return LoadOrCreate(path);
        }
    }
}

/// <summary>AES-256-GCM over the key XML; the nonce and tag are stored beside the cipher text.</summary>
public sealed class KeyFileXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key.Value, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }

        var element = new XElement("encryptedKey",
            new XComment(" Encrypted with the platform's key file (AES-256-GCM). "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }
}

/// <summary>Created by the data-protection system from its type name, with the service provider.</summary>
public sealed class KeyFileXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyEncryptionKey>();
        var nonce = Convert.FromBase64String((string?)encryptedElement.Element("nonce") ?? "");
        var tag = Convert.FromBase64String((string?)encryptedElement.Element("tag") ?? "");
        var cipher = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key.Value, tag.Length))
        {
            // Throws when the key file differs from the one the key was written with: that node is misconfigured.
            aes.Decrypt(nonce, cipher, tag, plain);
        }

        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
    }
}

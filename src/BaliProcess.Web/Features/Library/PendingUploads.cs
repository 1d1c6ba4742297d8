using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Library;

/// <summary>An uploaded file waiting for its preview to be saved.</summary>
public sealed record PendingUpload(string FileName, byte[] Content);

/// <summary>
/// Keeps an uploaded file between the upload page's preview and its Save, outside the library, as a temporary file
/// named by an unguessable token and bound to the uploading user. Nothing reaches the database until Save; an
/// upload never saved is deleted once it is older than <see cref="LibraryOptions.PendingUploadLifetime"/>.
/// </summary>
public sealed partial class PendingUploads(IOptions<LibraryOptions> options, TimeProvider time, ILogger<PendingUploads> logger)
{
    private string Folder => options.Value.PendingUploadsFolder();

    public async Task<string> SaveAsync(string fileName, byte[] content, Guid userId, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Folder);
        Sweep();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await File.WriteAllBytesAsync(ContentPath(token), content, ct);
        var meta = new PendingMeta(fileName, userId, time.GetUtcNow().UtcDateTime);
        await File.WriteAllTextAsync(MetaPath(token), JsonSerializer.Serialize(meta), ct);
        return token;
    }

    /// <summary>The upload under this token, if it exists, has not expired and was made by this user.</summary>
    public async Task<PendingUpload?> LoadAsync(string? token, Guid userId, CancellationToken ct)
    {
        if (token is null || !TokenFormat().IsMatch(token) || !File.Exists(MetaPath(token)) || !File.Exists(ContentPath(token)))
        {
            return null;
        }

        var meta = JsonSerializer.Deserialize<PendingMeta>(await File.ReadAllTextAsync(MetaPath(token), ct));
        if (meta is null || meta.UserId != userId || time.GetUtcNow().UtcDateTime - meta.CreatedAt > options.Value.PendingUploadLifetime)
        {
            return null;
        }

        return new PendingUpload(meta.FileName, await File.ReadAllBytesAsync(ContentPath(token), ct));
    }

    public void Delete(string? token)
    {
        if (token is null || !TokenFormat().IsMatch(token))
        {
            return;
        }

        File.Delete(ContentPath(token));
        File.Delete(MetaPath(token));
    }

    /// <summary>Deletes uploads whose preview was never saved.</summary>
    private void Sweep()
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.PendingUploadLifetime;
        foreach (var file in System.IO.Directory.EnumerateFiles(Folder))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    File.Delete(file);
                }
            }
            catch (IOException e)
            {
                // Another request may be deleting the same file; the next sweep tries again.
                logger.LogDebug(e, "Could not delete the expired upload {File}.", file);
            }
        }
    }

    private string ContentPath(string token) => Path.Combine(Folder, token + ".upload");

    private string MetaPath(string token) => Path.Combine(Folder, token + ".json");

    private sealed record PendingMeta(string FileName, Guid UserId, DateTime CreatedAt);

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenFormat();
}

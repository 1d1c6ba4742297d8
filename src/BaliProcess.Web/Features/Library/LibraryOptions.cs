namespace BaliProcess.Web.Features.Library;

/// <summary>Settings of the Library module (section "Library").</summary>
public sealed class LibraryOptions
{
    public const string Section = "Library";

    /// <summary>What one imported file may be and spend (section <c>Library:Limits</c>).</summary>
    public LibraryLimits Limits { get; set; } = new();

    /// <summary>The largest file the importer accepts (<c>Library:Limits:MaxFileBytes</c>); the request body limit follows it.</summary>
    public long MaxFileBytes => Limits.MaxFileBytes;

    /// <summary>
    /// Folder of documents imported at start (idempotent: a file already imported is left alone): absolute, or
    /// relative to the content root; defaults to <c>seeds</c> there (./run.sh passes the repository's ../shared/seeds).
    /// A missing folder is skipped.
    /// </summary>
    public string? SeedsPath { get; set; }

    /// <summary>
    /// Whether to import <see cref="SeedsPath"/> at start. Unset means yes, except in the "Testing" environment,
    /// where it happens only when <see cref="SeedsPath"/> is set explicitly (so each test decides).
    /// </summary>
    public bool? ImportSeedsOnStart { get; set; }

    /// <summary>Where uploads wait between their preview and their saving; defaults to a folder under the system's temporary folder.</summary>
    public string? PendingUploadsPath { get; set; }

    /// <summary>How long an upload waits for its preview to be saved before it is discarded.</summary>
    public TimeSpan PendingUploadLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The seeds folder to import at start, or null when start-up import is off.</summary>
    public string? SeedsFolderToImport(IHostEnvironment environment)
    {
        var configured = !string.IsNullOrWhiteSpace(SeedsPath);
        if (!(ImportSeedsOnStart ?? (configured || !environment.IsEnvironment("Testing"))))
        {
            return null;
        }

        // Relative to the content root, never to the source tree: a published build has no source tree around it.
        return Path.GetFullPath(configured ? SeedsPath! : "seeds", environment.ContentRootPath);
    }

    public string PendingUploadsFolder() =>
        string.IsNullOrWhiteSpace(PendingUploadsPath) ? Path.Combine(Path.GetTempPath(), "baliprocess-pending-uploads") : PendingUploadsPath;
}

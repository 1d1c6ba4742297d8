namespace BaliProcess.Web.Features.Actions;

/// <summary>Settings of the Actions module (section "Actions").</summary>
public sealed class ActionsOptions
{
    public const string Section = "Actions";

    public PdfOptions Pdf { get; set; } = new();

    public DigestOptions Digest { get; set; } = new();
}

public sealed class PdfOptions
{
    /// <summary>The Chromium that renders the report's HTML to PDF; the platform never downloads a browser.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long one rendering may take before it is given up.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);
}

/// <summary>The reminder digest to the leads' officials.</summary>
public sealed class DigestOptions
{
    /// <summary>
    /// Whether the background service sends the digest. Unset means yes, except in the "Testing" environment (tests
    /// send it when they choose); the CLI verb <c>actions digest</c> sends it whatever this says.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>How long after start the first digest goes out when none was ever sent (later ones follow the last one sent).</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Time between two digests; a week by default.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Actions due within this many days (or already overdue) are listed.</summary>
    public int DueWithinDays { get; set; } = 30;

    /// <summary>Actions whose last update is older than this many days are listed as stale.</summary>
    public int StaleAfterDays { get; set; } = 180;

    /// <summary>The platform's address, for the links in the e-mail.</summary>
    public string? BaseUrl { get; set; }
}

using BaliProcess.Documents;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// What one imported file may be and spend (section <c>Library:Limits</c>): its size as uploaded, and the budget its
/// text extraction runs under (<see cref="ExtractionLimits"/>). Every input path (the upload page, POST
/// /api/documents, the <c>import</c> verb, the start-up import) applies the same values; the defaults are
/// <see cref="ExtractionLimits.Default"/>'s. Checked when the platform starts.
/// </summary>
public sealed class LibraryLimits
{
    /// <summary>Room a multipart request needs beside its file (boundaries, headers, the form's other fields).</summary>
    public const long UploadOverheadBytes = 1024 * 1024;

    /// <summary>The largest file accepted, as uploaded or read from disk.</summary>
    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    /// <inheritdoc cref="ExtractionLimits.MaxExpandedBytes"/>
    public long MaxExpandedBytes { get; set; } = ExtractionLimits.Default.MaxExpandedBytes;

    /// <inheritdoc cref="ExtractionLimits.MaxCharacters"/>
    public int MaxCharacters { get; set; } = ExtractionLimits.Default.MaxCharacters;

    /// <inheritdoc cref="ExtractionLimits.MaxElements"/>
    public int MaxElements { get; set; } = ExtractionLimits.Default.MaxElements;

    /// <inheritdoc cref="ExtractionLimits.MaxDepth"/>
    public int MaxDepth { get; set; } = ExtractionLimits.Default.MaxDepth;

    /// <inheritdoc cref="ExtractionLimits.MaxPages"/>
    public int MaxPages { get; set; } = ExtractionLimits.Default.MaxPages;

    /// <inheritdoc cref="ExtractionLimits.MaxDuration"/>
    public TimeSpan MaxDuration { get; set; } = ExtractionLimits.Default.MaxDuration;

    /// <inheritdoc cref="ExtractionLimits.MaxLineLength"/>
    public int MaxLineLength { get; set; } = ExtractionLimits.Default.MaxLineLength;

    /// <inheritdoc cref="ExtractionLimits.MaxOperations"/>
    public long MaxOperations { get; set; } = ExtractionLimits.Default.MaxOperations;

    /// <summary>The largest request body an upload of one file at <see cref="MaxFileBytes"/> needs.</summary>
    public long RequestBodyBytes => MaxFileBytes + UploadOverheadBytes;

    /// <summary>Bytes as the megabytes the messages name ("25", "0.5"), so a limit below 1 MB does not read as 0.</summary>
    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public ExtractionLimits ToExtractionLimits() => new()
    {
        MaxExpandedBytes = MaxExpandedBytes,
        MaxCharacters = MaxCharacters,
        MaxElements = MaxElements,
        MaxDepth = MaxDepth,
        MaxPages = MaxPages,
        MaxDuration = MaxDuration,
        MaxLineLength = MaxLineLength,
        MaxOperations = MaxOperations,
    };
}

/// <summary>Refuses limits that would let nothing in or everything through; each failure names its setting.</summary>
public sealed class LibraryLimitsValidation : IValidateOptions<LibraryOptions>
{
    /// <summary>Above this a single request would hold more than .NET arrays and the database columns comfortably carry.</summary>
    public const long MaxFileBytesCeiling = 1024L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, LibraryOptions options)
    {
        var limits = options.Limits;
        var failures = new List<string>();
        void Positive(long value, string setting)
        {
            if (value <= 0)
            {
                failures.Add($"{LibraryOptions.Section}:Limits:{setting} must be greater than zero (it is {value}).");
            }
        }

        Positive(limits.MaxFileBytes, nameof(LibraryLimits.MaxFileBytes));
        Positive(limits.MaxExpandedBytes, nameof(LibraryLimits.MaxExpandedBytes));
        Positive(limits.MaxCharacters, nameof(LibraryLimits.MaxCharacters));
        Positive(limits.MaxElements, nameof(LibraryLimits.MaxElements));
        Positive(limits.MaxDepth, nameof(LibraryLimits.MaxDepth));
        Positive(limits.MaxPages, nameof(LibraryLimits.MaxPages));
        Positive(limits.MaxLineLength, nameof(LibraryLimits.MaxLineLength));
        Positive(limits.MaxOperations, nameof(LibraryLimits.MaxOperations));
        if (limits.MaxDuration <= TimeSpan.Zero)
        {
            failures.Add($"{LibraryOptions.Section}:Limits:{nameof(LibraryLimits.MaxDuration)} must be a positive time such as 00:00:20 (it is {limits.MaxDuration}).");
        }

        if (limits.MaxFileBytes > MaxFileBytesCeiling)
        {
            failures.Add($"{LibraryOptions.Section}:Limits:{nameof(LibraryLimits.MaxFileBytes)} must be at most {MaxFileBytesCeiling} (1 GB); it is {limits.MaxFileBytes}.");
        }

        if (limits.MaxLineLength > limits.MaxCharacters)
        {
            failures.Add($"{LibraryOptions.Section}:Limits:{nameof(LibraryLimits.MaxLineLength)} ({limits.MaxLineLength}) cannot be above MaxCharacters ({limits.MaxCharacters}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

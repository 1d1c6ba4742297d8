using System.Diagnostics;

namespace BaliProcess.Documents;

/// <summary>
/// The budget one uploaded file may spend while its text is extracted. Every parser checks it inside its loops, so a
/// small hostile file (a zip bomb, 200,000 nested elements, a PDF whose streams inflate to gigabytes) is refused with a
/// message naming the limit instead of exhausting memory, CPU or the stack.
/// </summary>
public sealed record ExtractionLimits
{
    public static ExtractionLimits Default { get; } = new();

    /// <summary>Bytes read after decompression: the XML parts of a .docx, the inflated streams of a .pdf.</summary>
    public long MaxExpandedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Characters of extracted text (about 2,000 pages of dense prose).</summary>
    public int MaxCharacters { get; init; } = 5_000_000;

    /// <summary>XML elements read from a .docx.</summary>
    public int MaxElements { get; init; } = 2_000_000;

    /// <summary>Nesting depth of XML elements in a .docx, and of arrays and dictionaries in a .pdf.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>
    /// Drawing operations one content stream of a .pdf may cause, forms it draws included (estimated before parsing:
    /// a page is parsed in one go, so the time limit cannot stop it halfway).
    /// </summary>
    public long MaxOperations { get; init; } = 1_000_000;

    /// <summary>Pages of a .pdf.</summary>
    public int MaxPages { get; init; } = 3_000;

    /// <summary>Wall-clock time for one file's extraction.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Lines longer than this are refused before text cleaning and recognition.</summary>
    public int MaxLineLength { get; init; } = 1_000_000;
}

/// <summary>A limit of <see cref="ExtractionLimits"/> was reached; the message names it.</summary>
public sealed class ExtractionLimitException(string message) : Exception(message);

/// <summary>Counts what one extraction spent against its <see cref="ExtractionLimits"/>.</summary>
internal sealed class ExtractionBudget(ExtractionLimits limits, CancellationToken cancellation)
{
    private readonly long started = Stopwatch.GetTimestamp();
    private long expandedBytes;
    private long characters;
    private long elements;

    public ExtractionLimits Limits { get; } = limits;

    public void CheckTime()
    {
        cancellation.ThrowIfCancellationRequested();
        if (Stopwatch.GetElapsedTime(started) > Limits.MaxDuration)
        {
            throw new ExtractionLimitException($"reading it took longer than the limit of {Limits.MaxDuration.TotalSeconds:0} seconds");
        }
    }

    public void AddExpandedBytes(long count)
    {
        expandedBytes += count;
        if (expandedBytes > Limits.MaxExpandedBytes)
        {
            throw new ExtractionLimitException($"it expands to more than the limit of {Limits.MaxExpandedBytes / 1024 / 1024} MB when unpacked");
        }
    }

    public void AddCharacters(long count)
    {
        characters += count;
        if (characters > Limits.MaxCharacters)
        {
            throw new ExtractionLimitException($"it holds more than the limit of {Limits.MaxCharacters:N0} characters of text");
        }
    }

    public void AddElement(int depth)
    {
        if (depth > Limits.MaxDepth)
        {
            throw new ExtractionLimitException($"its content is nested deeper than the limit of {Limits.MaxDepth} levels");
        }

        if (++elements > Limits.MaxElements)
        {
            throw new ExtractionLimitException($"it has more than the limit of {Limits.MaxElements:N0} elements");
        }

        if ((elements & 0x3FF) == 0)
        {
            CheckTime();
        }
    }
}

/// <summary>A read-only stream that charges every byte read to the budget (the uncompressed size a zip declares can lie).</summary>
internal sealed class BudgetedStream(Stream inner, ExtractionBudget budget) : ReadOnlyInspectingStream(inner)
{
    protected override void Inspect(ReadOnlySpan<byte> read) => budget.AddExpandedBytes(read.Length);
}

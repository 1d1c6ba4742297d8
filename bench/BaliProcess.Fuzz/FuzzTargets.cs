using System.IO.Compression;
using System.Text;
using BaliProcess.Documents;

namespace BaliProcess.Fuzz;

/// <summary>
/// A fuzz target breaks one of the platform's promises about an uploaded file. The extraction entry point may refuse
/// a file (<see cref="ExtractionResult"/> with Ok false and a message): that is the expected answer to a bad document
/// and not a finding. Anything else is: an exception escaping <see cref="TextExtractor.Extract"/> (which promises
/// never to throw for content), a result that breaks its own contract, a refusal without a message, the recognizer
/// falling back to its last-resort catch, a stack overflow or an out-of-memory (which end the process and so reach
/// afl-fuzz as a crash), and a run longer than the time budget (reported as a hang by afl-fuzz's -t, or thrown here).
/// </summary>
internal static class FuzzTargets
{
    /// <summary>
    /// Longer than this is a finding even when the fuzzer's own timeout is generous: the budget is 20 s. A property,
    /// not a static field: instrumented code must not run before SharpFuzz has set up afl-fuzz's shared memory.
    /// </summary>
    private static TimeSpan Overrun => ExtractionLimits.Default.MaxDuration + TimeSpan.FromSeconds(5);

    private static readonly Lazy<DocumentRecognizer> Recognizer = new(() =>
    {
        using var json = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "reference-data.json"));
        return new DocumentRecognizer(NameCatalog.FromReferenceJson(json));
    });

    public static IReadOnlyDictionary<string, (string Description, Action<Stream> Run)> All { get; } =
        new Dictionary<string, (string, Action<Stream>)>(StringComparer.Ordinal)
        {
            ["docx"] = ("the input is a whole .docx file (zip container, relationships, XML parts)", input => Extract("fuzz.docx", input)),
            ["docx-xml"] = ("the input is word/document.xml, stored uncompressed in an otherwise valid .docx (reaches the XML reader past the zip checksums)", DocxXml),
            ["pdf"] = ("the input is a whole .pdf file (PdfPreflight, then PdfPig text and table extraction)", input => Extract("fuzz.pdf", input)),
            ["txt"] = ("the input is a .txt file (encoding detection, normalisation, text limits)", input => Extract("fuzz.txt", input)),
            ["md"] = ("the input is a .md file (markdown and HTML markup removal, the text cleaning expressions)", input => Extract("fuzz.md", input)),
            ["recognize"] = ("the input is a .txt file, extracted and then recognised (statement, activities and progress-report parsers, HTML cell cleaning)", Recognize),
        };

    /// <summary>What the last run of this thread ended with, for replay's report.</summary>
    [ThreadStatic]
    private static string? lastOutcome;

    public static string LastOutcome => lastOutcome ?? "(no extraction)";

    private static ExtractionResult Extract(string fileName, Stream input)
    {
        var result = TextExtractor.Extract(fileName, input);
        CheckContract(result);
        lastOutcome = result.Ok ? $"accepted, {result.Text.Length:N0} characters" : $"refused: {result.Error}";
        return result;
    }

    private static void DocxXml(Stream input)
    {
        using var xml = new MemoryStream();
        input.CopyTo(xml);
        Extract("fuzz.docx", new MemoryStream(SeedCorpus.DocxPackage(xml.ToArray(), CompressionLevel.NoCompression)));
    }

    private static void Recognize(Stream input)
    {
        var started = TimeProvider.System.GetTimestamp();
        var extraction = Extract("fuzz.txt", input);
        if (!extraction.Ok)
        {
            return;
        }

        var document = Recognizer.Value.Recognize(extraction.Text, "fuzz.txt");
        if (document.Warnings.FirstOrDefault(w => w.StartsWith("the document could not be recognised", StringComparison.Ordinal)) is { } failure)
        {
            // The recognizer's last line of defence caught an exception the parsers were written not to throw.
            throw new FuzzFindingException($"recognizer fell back to its catch-all: {failure}");
        }

        CheckDuration(TimeProvider.System.GetElapsedTime(started));
    }

    private static void CheckContract(ExtractionResult? result)
    {
        if (result is null)
        {
            throw new FuzzFindingException("Extract returned null");
        }

        if (result.Ok)
        {
            if (result.Error is not null)
            {
                throw new FuzzFindingException("an accepted file carries an error");
            }

            if (result.Text.Length > ExtractionLimits.Default.MaxCharacters)
            {
                throw new FuzzFindingException($"accepted text of {result.Text.Length:N0} characters exceeds the limit");
            }

            if (result.Text.AsSpan().IndexOfAny('\r', '\0') >= 0)
            {
                throw new FuzzFindingException("accepted text is not normalised (CR or NUL left in it)");
            }

            if (!result.Text.IsNormalized(NormalizationForm.FormC))
            {
                throw new FuzzFindingException("accepted text is not in Unicode normalisation form C");
            }
        }
        else if (string.IsNullOrWhiteSpace(result.Error) || result.Text.Length != 0)
        {
            throw new FuzzFindingException("a refusal without a message, or with text");
        }
    }

    private static void CheckDuration(TimeSpan elapsed)
    {
        if (elapsed > Overrun)
        {
            throw new FuzzFindingException($"one file took {elapsed.TotalSeconds:0.0} s, past the {ExtractionLimits.Default.MaxDuration.TotalSeconds:0} s budget");
        }
    }

    /// <summary>Runs a target and checks the time it took (the recognizer checks its own, extraction included).</summary>
    public static void RunTimed(Action<Stream> target, Stream input)
    {
        var started = TimeProvider.System.GetTimestamp();
        target(input);
        CheckDuration(TimeProvider.System.GetElapsedTime(started));
    }
}

/// <summary>A broken promise found by a target; afl-fuzz records the input as a crash.</summary>
internal sealed class FuzzFindingException(string message) : Exception(message);

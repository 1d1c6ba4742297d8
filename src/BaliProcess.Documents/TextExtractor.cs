using System.Text;
using System.Xml;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace BaliProcess.Documents;

/// <summary>Outcome of <see cref="TextExtractor.Extract"/>: the text, or why there is none.</summary>
public sealed record ExtractionResult(bool Ok, string Text, string? Error);

/// <summary>
/// Turns an uploaded file into plain text: .txt and .md as text (markdown markup removed), .pdf through PdfPig (tables as tab-separated rows),
/// .docx through OpenXml. Never throws for bad content; the error names the file and the problem.
/// </summary>
public static class TextExtractor
{
    private const string SupportedList = "use .txt, .md, .html, .pdf or .docx";

    public static ExtractionResult Extract(string fileName, Stream content, ExtractionLimits? limits = null, CancellationToken cancellation = default)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? "(unnamed file)" : Path.GetFileName(fileName.Trim());
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is not (".txt" or ".md" or ".html" or ".htm" or ".pdf" or ".docx"))
        {
            var what = extension.Length == 0 ? "(no extension)" : $"'{extension}'";
            return Fail($"{name}: unsupported file type {what}; {SupportedList}");
        }

        if (content is null)
        {
            return Fail($"{name}: no content");
        }

        byte[] bytes;
        try
        {
            bytes = ReadAll(content);
        }
        catch (IOException ex)
        {
            return Fail($"{name}: could not be read ({ex.Message})");
        }
        catch (NotSupportedException ex)
        {
            return Fail($"{name}: could not be read ({ex.Message})");
        }
        catch (ObjectDisposedException ex)
        {
            return Fail($"{name}: could not be read ({ex.Message})");
        }

        if (bytes.Length == 0)
        {
            return Fail($"{name}: the file is empty (0 bytes); nothing to import");
        }

        var budget = new ExtractionBudget(limits ?? ExtractionLimits.Default, cancellation);
        try
        {
            var result = extension switch
            {
                ".txt" => FromPlainText(name, bytes, markdown: false, budget),
                ".md" => FromPlainText(name, bytes, markdown: true, budget),
                ".html" or ".htm" => FromHtml(name, bytes, budget),
                ".pdf" => FromPdf(name, bytes, budget),
                _ => FromDocx(name, bytes, budget),
            };
            if (result.Ok)
            {
                CheckText(result.Text, budget.Limits);
                if (string.IsNullOrWhiteSpace(result.Text))
                {
                    return Fail(extension == ".pdf"
                        ? $"{name}: the PDF has no text layer (its pages are probably scanned images); run OCR on it outside the platform and upload the searchable PDF or its text"
                        : $"{name}: the file holds no text (only blank space or markup)");
                }
            }

            return result;
        }
        catch (ExtractionLimitException ex)
        {
            return Fail($"{name}: refused because {ex.Message}");
        }
    }

    /// <summary>The limits on the extracted text itself, whatever parser produced it.</summary>
    private static void CheckText(string text, ExtractionLimits limits)
    {
        if (text.Length > limits.MaxCharacters)
        {
            throw new ExtractionLimitException($"it holds more than the limit of {limits.MaxCharacters:N0} characters of text");
        }

        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var end = text.IndexOf('\n', lineStart);
            var length = (end < 0 ? text.Length : end) - lineStart;
            if (length > limits.MaxLineLength)
            {
                throw new ExtractionLimitException($"it has a line longer than the limit of {limits.MaxLineLength:N0} characters");
            }

            if (end < 0)
            {
                break;
            }

            lineStart = end + 1;
        }
    }

    /// <summary>NFC, LF line ends, no NULs: every extractor's output goes through here so parsers see one form.</summary>
    internal static string Normalize(string text)
    {
        var unified = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        unified = ReplaceInvalidCodePoints(unified.Replace("\0", string.Empty, StringComparison.Ordinal).TrimStart('\uFEFF'));
        return unified.IsNormalized(NormalizationForm.FormC) ? unified : unified.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Lone surrogates and the noncharacters U+FFFE and U+FFFF become U+FFFD: Unicode normalisation throws
    /// ArgumentException on them, and afl-fuzz found that a UTF-16 text file holding U+FFFE escaped Extract with it.
    /// </summary>
    private static string ReplaceInvalidCodePoints(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            var invalid = char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF';
            if (invalid && builder is null)
            {
                builder = new StringBuilder(text.Length).Append(text, 0, i);
            }

            builder?.Append(invalid ? '\uFFFD' : c);
        }

        return builder?.ToString() ?? text;
    }

    private static ExtractionResult Fail(string error) => new(false, string.Empty, error);

    private static ExtractionResult Success(string text) => new(true, Normalize(text), null);

    private static byte[] ReadAll(Stream content)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var segment) && memory.Position == 0)
        {
            return segment.AsSpan().ToArray();
        }

        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }

    private static ExtractionResult FromHtml(string name, byte[] bytes, ExtractionBudget budget)
    {
        if (UnsupportedEncoding(bytes) is { } encoding)
        {
            return Fail($"{name}: unsupported encoding ({encoding}); save it as UTF-8 and upload it again");
        }

        if (!TryDecodeText(bytes, out var html))
        {
            return Fail($"{name}: not an HTML file (it contains binary data)");
        }

        budget.AddCharacters(html.Length);
        CheckText(html, budget.Limits);
        return Success(MarkupCleaner.HtmlToText(Normalize(html)));
    }

    private static ExtractionResult FromPlainText(string name, byte[] bytes, bool markdown, ExtractionBudget budget)
    {
        if (UnsupportedEncoding(bytes) is { } encoding)
        {
            return Fail($"{name}: unsupported encoding ({encoding}); save it as UTF-8 and upload it again");
        }

        if (!TryDecodeText(bytes, out var text))
        {
            return Fail($"{name}: not a text file (it contains binary data)");
        }

        budget.AddCharacters(text.Length);
        if (markdown)
        {
            // Markdown cleaning runs regular expressions line by line: refuse monster lines before it starts.
            CheckText(text, budget.Limits);
        }

        return Success(markdown ? MarkupCleaner.MarkdownToText(Normalize(text)) : text);
    }

    /// <summary>
    /// Text in an encoding the platform does not read, named so the uploader knows what to convert: UTF-16 or UTF-32
    /// without a byte-order mark (every other byte, or three in four, NUL in an otherwise printable file).
    /// </summary>
    private static string? UnsupportedEncoding(byte[] bytes)
    {
        var hasBom = bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));
        if (hasBom || bytes.Length < 4)
        {
            return null;
        }

        var sample = Math.Min(bytes.Length & ~3, 4096);
        int evenZeros = 0, oddZeros = 0, quadZeros = 0;
        for (var i = 0; i < sample; i++)
        {
            if (bytes[i] != 0)
            {
                continue;
            }

            if (i % 2 == 0)
            {
                evenZeros++;
            }
            else
            {
                oddZeros++;
            }

            if (i % 4 != 0)
            {
                quadZeros++;
            }
        }

        var half = sample / 2;
        if (quadZeros >= sample * 3 / 4 * 9 / 10)
        {
            return "UTF-32 without a byte-order mark";
        }

        if (oddZeros >= half * 9 / 10 && evenZeros < half / 10)
        {
            return "UTF-16 little-endian without a byte-order mark";
        }

        return evenZeros >= half * 9 / 10 && oddZeros < half / 10 ? "UTF-16 big-endian without a byte-order mark" : null;
    }

    /// <summary>
    /// Honours a byte-order mark; otherwise strict UTF-8, then Latin-1 for legacy files. Files with NUL bytes and no
    /// UTF-16 mark are binary, not text.
    /// </summary>
    private static bool TryDecodeText(byte[] bytes, out string text)
    {
        text = string.Empty;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
            return true;
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return false;
        }

        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        return true;
    }

    private static ExtractionResult FromPdf(string name, byte[] bytes, ExtractionBudget budget)
    {
        PdfPreflight.Check(bytes, budget);
        try
        {
            using var document = PdfDocument.Open(bytes);
            if (document.NumberOfPages > budget.Limits.MaxPages)
            {
                return Fail($"{name}: refused because it has more than the limit of {budget.Limits.MaxPages:N0} pages");
            }

            var builder = new StringBuilder();
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                budget.CheckTime();
                var page = document.GetPage(number);
                // A page laid out as a table (a progress report) becomes tab-separated rows, as a Word table does.
                // Otherwise content order keeps the reading order of the producer and puts line breaks where the
                // lines are, which the statement and activity parsers rely on; page.Text would run lines together.
                var pageText = PdfTableText.Read(page) ?? ContentOrderTextExtractor.GetText(page);
                if (builder.Length > 0)
                {
                    builder.Append("\n\n");
                }

                budget.AddCharacters(pageText.Length);
                builder.Append(pageText.TrimEnd());
            }

            return Success(builder.ToString());
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or ExtractionLimitException or OperationCanceledException))
        {
            // PdfPig signals damaged input with a variety of exception types (PdfDocumentFormatException,
            // InvalidOperationException, ArgumentException...), so any of them means "not readable".
            return Fail($"{name}: not a readable PDF ({ex.Message})");
        }
    }

    private static ExtractionResult FromDocx(string name, byte[] bytes, ExtractionBudget budget)
    {
        try
        {
            return Success(DocxText.Read(bytes, budget));
        }
        catch (DocxFormatException ex)
        {
            return Fail($"{name}: not a readable Word document ({ex.Message})");
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"{name}: not a readable Word document (it declares a DTD, which Word documents never do and which could fetch external entities)");
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or IOException)
        {
            // A damaged entry inside the archive, or XML that is not well formed.
            return Fail($"{name}: not a readable Word document ({ex.Message})");
        }
    }
}

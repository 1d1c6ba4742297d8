using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
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
    private const string SupportedList = "use .txt, .md, .pdf or .docx";

    public static ExtractionResult Extract(string fileName, Stream content)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? "(unnamed file)" : Path.GetFileName(fileName.Trim());
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is not (".txt" or ".md" or ".pdf" or ".docx"))
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

        return extension switch
        {
            ".txt" => FromPlainText(name, bytes, markdown: false),
            ".md" => FromPlainText(name, bytes, markdown: true),
            ".pdf" => FromPdf(name, bytes),
            _ => FromDocx(name, bytes),
        };
    }

    /// <summary>NFC, LF line ends, no NULs: every extractor's output goes through here so parsers see one form.</summary>
    internal static string Normalize(string text)
    {
        var unified = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        unified = unified.Replace("\0", string.Empty, StringComparison.Ordinal).TrimStart('\uFEFF');
        return unified.IsNormalized(NormalizationForm.FormC) ? unified : unified.Normalize(NormalizationForm.FormC);
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

    private static ExtractionResult FromPlainText(string name, byte[] bytes, bool markdown)
    {
        if (!TryDecodeText(bytes, out var text))
        {
            return Fail($"{name}: not a text file (it contains binary data)");
        }

        return Success(markdown ? MarkupCleaner.MarkdownToText(Normalize(text)) : text);
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

    private static ExtractionResult FromPdf(string name, byte[] bytes)
    {
        try
        {
            using var document = PdfDocument.Open(bytes);
            var builder = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                // A page laid out as a table (a progress report) becomes tab-separated rows, as a Word table does.
                // Otherwise content order keeps the reading order of the producer and puts line breaks where the
                // lines are, which the statement and activity parsers rely on; page.Text would run lines together.
                var pageText = PdfTableText.Read(page) ?? ContentOrderTextExtractor.GetText(page);
                if (builder.Length > 0)
                {
                    builder.Append("\n\n");
                }

                builder.Append(pageText.TrimEnd());
            }

            return Success(builder.ToString());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PdfPig signals damaged input with a variety of exception types (PdfDocumentFormatException,
            // InvalidOperationException, ArgumentException...), so any of them means "not readable".
            return Fail($"{name}: not a readable PDF ({ex.Message})");
        }
    }

    private static ExtractionResult FromDocx(string name, byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return Fail($"{name}: not a readable Word document (it has no main document body)");
            }

            var builder = new StringBuilder();
            AppendBlocks(builder, body);
            return Success(builder.ToString());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Broken zips, missing parts and wrong content types all surface as different exception types.
            return Fail($"{name}: not a readable Word document ({ex.Message})");
        }
    }

    /// <summary>
    /// Paragraphs and tables in document order. Content controls and custom XML blocks (common in templates) wrap
    /// ordinary paragraphs and tables, so their content is read as if it stood in the body.
    /// </summary>
    private static void AppendBlocks(StringBuilder builder, OpenXmlElement container)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    builder.Append(ParagraphText(paragraph)).Append('\n');
                    break;
                case Table table:
                    AppendTable(builder, table);
                    break;
                case SdtBlock or SdtContentBlock or CustomXmlBlock:
                    AppendBlocks(builder, element);
                    break;
            }
        }
    }

    private static string ParagraphText(OpenXmlElement paragraph)
    {
        var builder = new StringBuilder();
        foreach (var node in paragraph.Descendants())
        {
            switch (node)
            {
                case Text text:
                    builder.Append(text.Text);
                    break;
                case TabChar:
                    builder.Append(' ');
                    break;
                case Break or CarriageReturn:
                    builder.Append(' ');
                    break;
                case NoBreakHyphen:
                    builder.Append('-');
                    break;
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// Writes a table as tab-separated rows. A cell's second and later paragraphs go on continuation lines that keep
    /// the cell in its column by leading tabs ("\t\t\tmore text"); that is the plain-text table form progress reports
    /// arrive in, so the progress-report parser reads Word tables and pasted text the same way. Merged cells
    /// (gridSpan) contribute empty columns so the positions of later cells stay right.
    /// </summary>
    private static void AppendTable(StringBuilder builder, Table table)
    {
        foreach (var row in table.Elements<TableRow>())
        {
            var columns = new List<List<string>>();
            foreach (var cell in row.Elements<TableCell>())
            {
                var paragraphs = cell.Elements<Paragraph>()
                    .Select(ParagraphText)
                    .Where(text => text.Length > 0)
                    .ToList();
                columns.Add(paragraphs);
                var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                for (var extra = 1; extra < span; extra++)
                {
                    columns.Add([]);
                }
            }

            var lineCount = Math.Max(1, columns.Count == 0 ? 1 : columns.Max(column => column.Count));
            for (var line = 0; line < lineCount; line++)
            {
                var cells = columns.Select(column => line < column.Count ? column[line].Replace('\t', ' ') : string.Empty);
                builder.Append(string.Join('\t', cells)).Append('\n');
            }
        }

        builder.Append('\n');
    }
}

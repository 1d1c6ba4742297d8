using System.IO.Compression;
using System.Text;
using System.Xml;

namespace BaliProcess.Documents;

/// <summary>A .docx that is not a well-formed Word document; the message says what is wrong.</summary>
internal sealed class DocxFormatException(string message) : Exception(message);

/// <summary>
/// Reads the text of a .docx by streaming its main document part with an <see cref="XmlReader"/>: no DOM, no
/// recursion deeper than the budget's depth limit, no DTD (so no external entities), and every byte, element and
/// character charged to the <see cref="ExtractionBudget"/>. The OpenXml SDK built a tree of the whole part and
/// walked it recursively, which 200,000 nested elements turned into a stack overflow that ended the process.
/// </summary>
internal static class DocxText
{
    private const string Main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string MainStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    private const string MarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    private const int MaxEntries = 10_000;

    /// <summary>Word allows 63 columns; a larger span is hostile (it once made billions of empty cells).</summary>
    private const int MaxGridSpan = 63;

    /// <summary>Word writes a few dozen attributes per element; hundreds of thousands made XmlReader quadratic.</summary>
    private const int MaxAttributesPerElement = 1_000;

    public static string Read(byte[] bytes, ExtractionBudget budget)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new DocxFormatException("it is not a zip archive");
        }

        using (zip)
        {
            if (zip.Entries.Count > MaxEntries)
            {
                throw new ExtractionLimitException($"it has more than the limit of {MaxEntries:N0} parts");
            }

            var partName = MainPartName(zip, budget) ?? "word/document.xml";
            var entry = FindEntry(zip, partName) ?? throw new DocxFormatException("it has no main document part");
            using var reader = Open(entry, budget);
            while (Next(reader, budget))
            {
                if (reader.NodeType == XmlNodeType.Element && IsWord(reader, "body"))
                {
                    var builder = new StringBuilder();
                    if (!reader.IsEmptyElement)
                    {
                        ReadBlocks(reader, budget, builder);
                    }

                    return builder.ToString();
                }
            }

            throw new DocxFormatException("it has no main document body");
        }
    }

    private static XmlReader Open(ZipArchiveEntry entry, ExtractionBudget budget)
    {
        if (entry.Length > budget.Limits.MaxExpandedBytes)
        {
            throw new ExtractionLimitException($"it expands to more than the limit of {budget.Limits.MaxExpandedBytes / 1024 / 1024} MB when unpacked");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = budget.Limits.MaxExpandedBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        return XmlReader.Create(new XmlAttributeGuard(new BudgetedStream(entry.Open(), budget), MaxAttributesPerElement), settings);
    }

    /// <summary>The main part named by the package relationships ("_rels/.rels"), or null when they do not name one.</summary>
    private static string? MainPartName(ZipArchive zip, ExtractionBudget budget)
    {
        if (FindEntry(zip, "_rels/.rels") is not { } rels)
        {
            return null;
        }

        using var reader = Open(rels, budget);
        while (Next(reader, budget))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && (reader.GetAttribute("Type") ?? "").EndsWith("/officeDocument", StringComparison.Ordinal)
                && reader.GetAttribute("Target") is { Length: > 0 } target)
            {
                // Only ever a name inside this archive: nothing is written to disk, so "../" cannot leave it.
                return target.TrimStart('/');
            }
        }

        return null;
    }

    private static ZipArchiveEntry? FindEntry(ZipArchive zip, string name) =>
        zip.GetEntry(name) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, name, StringComparison.OrdinalIgnoreCase));

    private static bool Next(XmlReader reader, ExtractionBudget budget)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.NodeType == XmlNodeType.Element)
        {
            budget.AddElement(reader.Depth);
        }

        return true;
    }

    private static bool IsWord(XmlReader reader, string localName) =>
        reader.LocalName == localName && reader.NamespaceURI is Main or MainStrict;

    /// <summary>Moves past the end of the current element, counting what it holds.</summary>
    private static void Skip(XmlReader reader, ExtractionBudget budget)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        while (Next(reader, budget))
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Paragraphs and tables in document order. Content controls and custom XML blocks (common in templates) wrap
    /// ordinary paragraphs and tables, so their content is read as if it stood in the body. Recursion happens only
    /// for those wrappers, one XML level each, so it is bounded by the depth limit.
    /// </summary>
    private static void ReadBlocks(XmlReader reader, ExtractionBudget budget, StringBuilder builder)
    {
        var depth = reader.Depth;
        while (Next(reader, budget))
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                return;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (IsWord(reader, "p"))
            {
                builder.Append(ReadParagraph(reader, budget)).Append('\n');
            }
            else if (IsWord(reader, "tbl"))
            {
                ReadTable(reader, budget, builder);
            }
            else if ((IsWord(reader, "sdt") || IsWord(reader, "sdtContent") || IsWord(reader, "customXml")) && !reader.IsEmptyElement)
            {
                ReadBlocks(reader, budget, builder);
            }
            else
            {
                Skip(reader, budget);
            }
        }
    }

    /// <summary>The text of every run in the paragraph (including hyperlinks, fields and text boxes), tabs and breaks as spaces.</summary>
    private static string ReadParagraph(XmlReader reader, ExtractionBudget budget)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        var depth = reader.Depth;
        var textDepth = -1;
        var chunk = new char[4096];
        while (Next(reader, budget))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.EndElement when reader.Depth == depth:
                    return builder.ToString().Trim();
                case XmlNodeType.EndElement when reader.Depth == textDepth:
                    textDepth = -1;
                    break;
                case XmlNodeType.Element when reader.LocalName == "Fallback" && reader.NamespaceURI == MarkupCompatibility:
                    // The fallback repeats the chosen alternative's text for older readers.
                    Skip(reader, budget);
                    break;
                case XmlNodeType.Element when IsWord(reader, "t"):
                    textDepth = reader.IsEmptyElement ? -1 : reader.Depth;
                    break;
                case XmlNodeType.Element when IsWord(reader, "tab") || IsWord(reader, "br") || IsWord(reader, "cr"):
                    Append(builder, budget, " ");
                    break;
                case XmlNodeType.Element when IsWord(reader, "noBreakHyphen"):
                    Append(builder, budget, "-");
                    break;
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA when textDepth >= 0:
                    if (reader.CanReadValueChunk)
                    {
                        int read;
                        while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                        {
                            budget.AddCharacters(read);
                            builder.Append(chunk, 0, read);
                        }
                    }
                    else
                    {
                        Append(builder, budget, reader.Value);
                    }

                    break;
            }
        }

        throw new DocxFormatException("a paragraph is not closed");
    }

    private static void Append(StringBuilder builder, ExtractionBudget budget, string text)
    {
        budget.AddCharacters(text.Length);
        builder.Append(text);
    }

    /// <summary>
    /// Writes a table as tab-separated rows. A cell's second and later paragraphs go on continuation lines that keep
    /// the cell in its column by leading tabs ("\t\t\tmore text"); that is the plain-text table form progress reports
    /// arrive in, so the progress-report parser reads Word tables and pasted text the same way. Merged cells
    /// (gridSpan) contribute empty columns so the positions of later cells stay right.
    /// </summary>
    private static void ReadTable(XmlReader reader, ExtractionBudget budget, StringBuilder builder)
    {
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (Next(reader, budget) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (IsWord(reader, "tr"))
                {
                    AppendRow(builder, budget, ReadRow(reader, budget));
                }
                else
                {
                    Skip(reader, budget);
                }
            }
        }

        builder.Append('\n');
    }

    private static void AppendRow(StringBuilder builder, ExtractionBudget budget, List<List<string>> columns)
    {
        var lineCount = Math.Max(1, columns.Count == 0 ? 1 : columns.Max(column => column.Count));
        for (var line = 0; line < lineCount; line++)
        {
            var cells = columns.Select(column => line < column.Count ? column[line].Replace('\t', ' ') : string.Empty);
            var text = string.Join('\t', cells);
            budget.AddCharacters(columns.Count);
            builder.Append(text).Append('\n');
        }
    }

    private static List<List<string>> ReadRow(XmlReader reader, ExtractionBudget budget)
    {
        var columns = new List<List<string>>();
        if (reader.IsEmptyElement)
        {
            return columns;
        }

        var depth = reader.Depth;
        while (Next(reader, budget) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (IsWord(reader, "tc"))
            {
                var (paragraphs, span) = ReadCell(reader, budget);
                columns.Add(paragraphs);
                for (var extra = 1; extra < span; extra++)
                {
                    columns.Add([]);
                }
            }
            else
            {
                Skip(reader, budget);
            }
        }

        return columns;
    }

    /// <summary>A cell's own paragraphs (a table nested in a cell is not read, as before) and its grid span.</summary>
    private static (List<string> Paragraphs, int Span) ReadCell(XmlReader reader, ExtractionBudget budget)
    {
        var paragraphs = new List<string>();
        var span = 1;
        if (reader.IsEmptyElement)
        {
            return (paragraphs, span);
        }

        var depth = reader.Depth;
        while (Next(reader, budget) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (IsWord(reader, "p"))
            {
                var text = ReadParagraph(reader, budget);
                if (text.Length > 0)
                {
                    paragraphs.Add(text);
                }
            }
            else if (IsWord(reader, "tcPr") && !reader.IsEmptyElement)
            {
                var propertiesDepth = reader.Depth;
                while (Next(reader, budget) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == propertiesDepth))
                {
                    if (reader.NodeType == XmlNodeType.Element && IsWord(reader, "gridSpan")
                        && int.TryParse(reader.GetAttribute("val", reader.NamespaceURI), out var value))
                    {
                        span = Math.Clamp(value, 1, MaxGridSpan);
                    }
                }
            }
            else
            {
                Skip(reader, budget);
            }
        }

        return (paragraphs, span);
    }
}

using System.IO.Compression;
using System.Text;

namespace BaliProcess.Fuzz;

/// <summary>
/// Small valid files for each target, generated here so that no document is copied into the repository. The texts
/// given with --text (for example the seed documents of the deployment) are added at run time, cut to a few KB:
/// afl-fuzz mutates small inputs far faster than large ones.
/// </summary>
internal static class SeedCorpus
{
    private const int MaxTextSeedBytes = 4096;
    private const string Word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string MarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";

    private const string ContentTypes = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""";

    private const string Relationships = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""";

    private static readonly string[] Bodies =
    [
        "<w:p><w:r><w:t>Co-Chairs' Statement</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">Bali, </w:t></w:r><w:r><w:tab/><w:t>29 March 2023</w:t></w:r></w:p>",
        "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>Theme</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Status</w:t></w:r></w:p><w:p><w:r><w:t>Ongoing</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1.1</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>",
        "<w:sdt><w:sdtContent><w:p><w:hyperlink><w:r><w:t>link text</w:t></w:r></w:hyperlink><w:r><w:br/><w:noBreakHyphen/><w:cr/></w:r></w:p></w:sdtContent></w:sdt><w:customXml><w:p><w:r><w:t><![CDATA[a & b]]></w:t></w:r></w:p></w:customXml>",
        $"<w:p><w:r><mc:AlternateContent xmlns:mc=\"{MarkupCompatibility}\"><mc:Choice Requires=\"wps\"><w:t>chosen</w:t></mc:Choice><mc:Fallback><w:t>fallback</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p><w:sectPr/>",
    ];

    private static readonly string[] Markdown =
    [
        "# Heading\n\nSome **bold**, *emphasis*, __strong__ and `code`.\n\n> quoted\n> > twice\n\n* item\n+ item\n\n---\n",
        "| Theme | Action | Status |\n|:---|---:|:---:|\n| 1 | [link](http://example.org) | ![img](x.png) |\n| 2 | <https://example.org/a> | 16<sup>th</sup> &amp; more |\n",
        "```\ncode **kept**\n```\n~~~\nfence\n~~~\n\\*escaped\\* \\# text ## closing ##\n**FIRST MEETING\nBALI, 2009**\n",
    ];

    private static readonly string[] Texts =
    [
        "CO-CHAIRS' STATEMENT\n\nSEVENTH MINISTERIAL CONFERENCE\nBALI, 6 AUGUST 2018\n\n1. Ministers met in Bali.\n2. Ministers welcomed Indonesia and Australia.\n",
        "SUMMARY OF ACTIVITIES 2022\n\n12-14 March 2022 | Workshop on trafficking | Bangkok, Thailand\n3 May 2022 - Senior officials meeting, Colombo\n",
        "Progress report\n\nTheme\tAction\tLead\tStatus\n1\t1.1 Share information\tAustralia\tOngoing\n\t\t\t<p>More text</p><ul><li>item</li></ul>\n",
    ];

    public static void Write(string outputDirectory, string? textDirectory)
    {
        var textSeeds = ReadTextSeeds(textDirectory);
        var index = 0;
        foreach (var body in Bodies)
        {
            var xml = DocumentXml(body);
            Save(outputDirectory, "docx", $"generated-{index}.docx", DocxPackage(xml, index % 2 == 0 ? CompressionLevel.NoCompression : CompressionLevel.Optimal));
            Save(outputDirectory, "docx-xml", $"generated-{index}.xml", xml);
            index++;
        }

        Save(outputDirectory, "pdf", "text.pdf", Pdf(ContentStream(["Co-Chairs' Statement", "Bali, 29 March 2023", "1. Ministers met."]), compress: false));
        Save(outputDirectory, "pdf", "flate.pdf", Pdf(ContentStream(["Summary of activities", "12 March 2022 Workshop, Bangkok"]), compress: true));
        Save(outputDirectory, "pdf", "table.pdf", Pdf(TableStream(), compress: false));

        WriteTexts(outputDirectory, "md", Markdown, textSeeds);
        WriteTexts(outputDirectory, "txt", Texts, textSeeds);
        WriteTexts(outputDirectory, "recognize", Texts, textSeeds);
    }

    private static void WriteTexts(string outputDirectory, string target, string[] generated, IReadOnlyList<(string Name, byte[] Bytes)> fromDirectory)
    {
        for (var i = 0; i < generated.Length; i++)
        {
            Save(outputDirectory, target, $"generated-{i}.txt", Encoding.UTF8.GetBytes(generated[i]));
        }

        foreach (var (name, bytes) in fromDirectory)
        {
            Save(outputDirectory, target, name, bytes);
        }
    }

    private static List<(string Name, byte[] Bytes)> ReadTextSeeds(string? directory)
    {
        if (directory is null)
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).Select(path =>
        {
            var bytes = File.ReadAllBytes(path);
            return (Path.GetFileName(path), bytes.Length <= MaxTextSeedBytes ? bytes : bytes[..MaxTextSeedBytes]);
        })];
    }

    private static void Save(string outputDirectory, string target, string name, byte[] bytes)
    {
        var directory = Path.Combine(outputDirectory, target);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, name), bytes);
    }

    private static byte[] DocumentXml(string body) =>
        Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{Word}\"><w:body>{body}</w:body></w:document>");

    /// <summary>A minimal .docx around the given word/document.xml.</summary>
    public static byte[] DocxPackage(byte[] documentXml, CompressionLevel level)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes), level);
            Add(zip, "_rels/.rels", Encoding.UTF8.GetBytes(Relationships), level);
            Add(zip, "word/document.xml", documentXml, level);
        }

        return memory.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(content);
    }

    private static string ContentStream(string[] lines)
    {
        var builder = new StringBuilder("BT /F1 12 Tf 72 720 Td 14 TL\n");
        foreach (var line in lines)
        {
            builder.Append('(').Append(line.Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)).Append(") Tj T*\n");
        }

        builder.Append("[(Ke) 20 (rning)] TJ T* <48656C6C6F> Tj\nET");
        return builder.ToString();
    }

    /// <summary>Three columns of text at fixed x positions on several rows: what a progress report table looks like.</summary>
    private static string TableStream()
    {
        string[][] rows = [["Theme", "Action", "Status"], ["1", "1.1 Share information", "Ongoing"], ["2", "2.1 Train officials", "Completed"]];
        var builder = new StringBuilder();
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                builder.Append($"BT /F1 10 Tf {72 + (c * 180)} {720 - (r * 20)} Td ({rows[r][c]}) Tj ET\n");
            }

            builder.Append($"72 {716 - (r * 20)} m 612 {716 - (r * 20)} l S\n");
        }

        return builder.ToString();
    }

    /// <summary>A one-page PDF with the standard Helvetica font and a correct cross-reference table.</summary>
    private static byte[] Pdf(string content, bool compress)
    {
        var contentBytes = Encoding.Latin1.GetBytes(content);
        var streamBytes = compress ? Deflate(contentBytes) : contentBytes;
        var filter = compress ? " /Filter /FlateDecode" : string.Empty;
        using var output = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => output.Write(Encoding.Latin1.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(output.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Write("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        offsets.Add(output.Position);
        Write($"{offsets.Count} 0 obj\n<< /Length {streamBytes.Length}{filter} >>\nstream\n");
        output.Write(streamBytes);
        Write("\nendstream\nendobj\n");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        var xref = output.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var memory = new MemoryStream();
        using (var zlib = new ZLibStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return memory.ToArray();
    }
}

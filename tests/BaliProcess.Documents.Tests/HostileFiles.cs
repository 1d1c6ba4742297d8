using System.IO.Compression;
using System.Text;

namespace BaliProcess.Documents.Tests;

/// <summary>Hostile files built in the test, byte by byte: zips with chosen entries, PDFs with chosen objects.</summary>
internal static class HostileFiles
{
    public const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private const string Rels = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """;

    public static byte[] Zip(params (string Name, string Content)[] entries) =>
        Zip(entries.Select(e => (e.Name, Encoding.UTF8.GetBytes(e.Content))).ToArray());

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    /// <summary>A .docx whose document.xml body is <paramref name="bodyXml"/>.</summary>
    public static byte[] Docx(string bodyXml) =>
        Zip(("_rels/.rels", Rels), ("word/document.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{WordNamespace}\"><w:body>{bodyXml}</w:body></w:document>"));

    public static byte[] DocxWithDocumentXml(string documentXml) => Zip(("_rels/.rels", Rels), ("word/document.xml", documentXml));

    /// <summary>Defect 1: <paramref name="levels"/> nested elements in one paragraph (200,000 compress to about 11 KB).</summary>
    public static byte[] DeeplyNestedDocx(int levels)
    {
        var builder = new StringBuilder("<w:p><w:r>");
        for (var i = 0; i < levels; i++)
        {
            builder.Append("<w:x>");
        }

        for (var i = 0; i < levels; i++)
        {
            builder.Append("</w:x>");
        }

        return Docx(builder.Append("</w:r></w:p>").ToString());
    }

    /// <summary>A paragraph with <paramref name="characters"/> of one repeated letter (compresses about 1000:1).</summary>
    public static byte[] HugeTextDocx(int characters) => Docx($"<w:p><w:r><w:t>{new string('a', characters)}</w:t></w:r></w:p>");

    public static byte[] Pdf(params string[] objects)
    {
        var builder = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(builder.ToString()));
            builder.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(builder.ToString());
        builder.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            builder.Append($"{offset:D10} 00000 n \n");
        }

        builder.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(builder.ToString());
    }

    /// <summary>A one-page PDF whose content stream inflates to <paramref name="inflated"/>.</summary>
    public static byte[] PdfWithFlateContent(byte[] inflated)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(inflated);
        }

        var data = Encoding.Latin1.GetString(compressed.ToArray());
        return Pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            $"<< /Length {data.Length} /Filter /FlateDecode >>\nstream\n{data}\nendstream");
    }
}

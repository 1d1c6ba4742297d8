using System.Text;

namespace BaliProcess.Documents.Tests;

/// <summary>Hostile and malformed PDFs (issue 7, defect 2 and "bad input"): refused with a clear message, the process alive.</summary>
public class HostilePdfTests
{
    private static ExtractionResult Extract(byte[] bytes, ExtractionLimits? limits = null) =>
        TextExtractor.Extract("hostile.pdf", new MemoryStream(bytes), limits);

    [Fact]
    public void Extract_StreamInflatingBeyondTheLimit_IsRefusedBeforePdfPigInflatesIt()
    {
        // 200 MB of zeros deflate to about 200 KB: the shape of the 0.9 MB PDF that exhausted memory.
        var bytes = HostileFiles.PdfWithFlateContent(new byte[200 * 1024 * 1024]);
        bytes.Length.ShouldBeLessThan(1024 * 1024);

        var result = Extract(bytes);

        result.Ok.ShouldBeFalse();
        result.Error.ShouldBe("hostile.pdf: refused because it expands to more than the limit of 64 MB when unpacked");
    }

    [Fact]
    public void Extract_DeeplyNestedArrays_AreRefusedBeforeTheParserRecurses()
    {
        var nested = new string('[', 100_000) + new string(']', 100_000);
        var bytes = HostileFiles.Pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Junk {nested} >>");

        var result = Extract(bytes);

        result.Error.ShouldBe("hostile.pdf: refused because its content is nested deeper than the limit of 256 levels");
    }

    [Fact]
    public void Extract_DeeplyNestedContentStream_IsRefused()
    {
        var content = Encoding.Latin1.GetBytes(new string('[', 50_000) + " (x) Tj");

        var result = Extract(HostileFiles.PdfWithFlateContent(content));

        result.Error.ShouldBe("hostile.pdf: refused because its content is nested deeper than the limit of 256 levels");
    }

    [Fact]
    public void Extract_BracketsInsideStrings_DoNotCountAsNesting()
    {
        var content = Encoding.Latin1.GetBytes("BT /F1 12 Tf 72 712 Td (" + new string('[', 1000) + ") Tj ET");

        var result = Extract(HostileFiles.PdfWithFlateContent(content));

        (result.Error ?? "").ShouldNotContain("nested");
    }

    [Fact]
    public void Extract_MorePagesThanTheLimit_IsRefused()
    {
        var kids = string.Join(' ', Enumerable.Range(3, 5).Select(n => $"{n} 0 R"));
        var pages = Enumerable.Range(3, 5).Select(_ => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
        var bytes = HostileFiles.Pdf(["<< /Type /Catalog /Pages 2 0 R >>", $"<< /Type /Pages /Kids [{kids}] /Count 5 >>", .. pages]);

        var result = Extract(bytes, ExtractionLimits.Default with { MaxPages = 2 });

        result.Error.ShouldBe("hostile.pdf: refused because it has more than the limit of 2 pages");
    }

    [Theory]
    [InlineData("")]
    [InlineData("%PDF-1.4\n")]
    [InlineData("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")]
    [InlineData("garbage that is not a pdf at all")]
    [InlineData("%PDF-1.7\ntrailer\n<< /Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 /O (x) /U (y) /P -4 >> >>\n%%EOF")]
    public void Extract_TruncatedGarbageOrEncryptedPdf_FailsWithAMessage(string content)
    {
        var result = Extract(Encoding.Latin1.GetBytes(content));

        result.Ok.ShouldBeFalse();
        result.Error!.ShouldStartWith("hostile.pdf: ");
    }

    [Fact]
    public void Extract_TruncatedValidPdf_FailsOrReadsWithoutThrowing()
    {
        var whole = GeneratedDocuments.StatementPdf();
        for (var cut = 0; cut < whole.Length; cut += Math.Max(1, whole.Length / 40))
        {
            var result = Extract(whole[..cut]);
            (result.Ok || result.Error!.StartsWith("hostile.pdf: ", StringComparison.Ordinal)).ShouldBeTrue();
        }
    }
}

using System.Text;

namespace BaliProcess.Documents.Tests;

/// <summary>
/// Regression tests for what fuzzing the PDF path found (bench/README.md, "Fuzzing"): each input is the finding,
/// minimised and rebuilt here, and must now be answered with a refusal or text, never an exception.
/// </summary>
public class PdfFuzzFindingTests
{
    private static ExtractionResult Extract(byte[] bytes) => TextExtractor.Extract("fuzzed.pdf", new MemoryStream(bytes));

    [Theory]
    [InlineData(0x78, 0x20)]
    [InlineData(0x78, 0xBB)]
    [InlineData(0x78, 0x7D)]
    public void Extract_FlateStreamAskingForAPresetDictionary_IsAnsweredWithoutAnException(byte method, byte flags)
    {
        // afl-fuzz (pdf target): a zlib header with the FDICT flag set made the preflight's inflater throw
        // ZLibException, an IOException the preflight did not expect, out of TextExtractor.Extract.
        var data = Encoding.Latin1.GetString([method, flags, 0, 0, 0, 0, 0x4B, 0x04, 0x00]);
        var bytes = HostileFiles.Pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            $"<< /Length {data.Length} /Filter /FlateDecode >>\nstream\n{data}\nendstream");

        var result = Extract(bytes);

        (result.Ok || result.Error!.StartsWith("fuzzed.pdf: ", StringComparison.Ordinal)).ShouldBeTrue();
    }

    [Fact]
    public void Extract_OneContentStreamWithMillionsOfOperators_IsRefusedBeforeParsing()
    {
        // Directed probe: 8,000,000 "q" operators deflate to 16 KB; PdfPig parsed the page for 76 s (budget 20 s),
        // because the time limit is checked between pages.
        var content = Encoding.Latin1.GetBytes(string.Concat(Enumerable.Repeat("q ", 1_500_000)) + "BT /F1 12 Tf (a) Tj ET");

        var result = Extract(HostileFiles.PdfWithFlateContent(content));

        result.Error.ShouldBe("fuzzed.pdf: refused because a page's content would run more than the limit of 1,000,000 drawing operations");
    }

    [Fact]
    public void Extract_FormsDrawingFormsSevenLevelsDeep_AreRefusedBeforeParsing()
    {
        // Directed probe: seven form XObjects, each drawing the next ten times, are a million drawings from 2 KB
        // (7 GB allocated, 26 s and more: each level multiplies by ten).
        var result = Extract(NestedForms(levels: 7, drawsPerLevel: 10));

        result.Error.ShouldBe("fuzzed.pdf: refused because a page's content would run more than the limit of 1,000,000 drawing operations");
    }

    [Fact]
    public void Extract_FormsDrawingFormsTwoLevelsDeep_AreRead()
    {
        var result = Extract(NestedForms(levels: 2, drawsPerLevel: 3));

        result.Ok.ShouldBeTrue(result.Error);
        result.Text.Count(c => c == 'a').ShouldBe(3);
    }

    [Theory]
    [InlineData(20, false)]
    [InlineData(5, true)]
    public void Extract_OperatorsAgainstALoweredLimit_AreCountedOutsideStringsAndNames(int operators, bool accepted)
    {
        // "(q q q)" is a string and "/q" a name: neither is an operator.
        var content = string.Concat(Enumerable.Repeat("q ", operators - 4)) + "BT /q 1 Tf (q q q q q q q q q q q q) Tj ET";
        var bytes = HostileFiles.Pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream");

        var result = TextExtractor.Extract("fuzzed.pdf", new MemoryStream(bytes), ExtractionLimits.Default with { MaxOperations = 10 });

        (result.Error?.Contains("drawing operations", StringComparison.Ordinal) ?? false).ShouldBe(!accepted);
    }

    /// <summary>A page drawing form 1 once; form i draws form i+1 <paramref name="drawsPerLevel"/> times; the last shows "a".</summary>
    private static byte[] NestedForms(int levels, int drawsPerLevel)
    {
        const string Font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /X1 6 0 R >> >> >>",
            "<< /Length 6 >>\nstream\n/X1 Do\nendstream",
            Font,
        };
        for (var level = 1; level <= levels; level++)
        {
            var last = level == levels;
            var content = last ? "BT /F1 12 Tf 72 720 Td (a) Tj ET" : string.Concat(Enumerable.Repeat($"/X{level + 1} Do ", drawsPerLevel));
            var resources = last ? "/Font << /F1 5 0 R >>" : $"/XObject << /X{level + 1} {6 + level} 0 R >>";
            objects.Add($"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << {resources} >> /Length {content.Length} >>\nstream\n{content}\nendstream");
        }

        return HostileFiles.Pdf([.. objects]);
    }
}

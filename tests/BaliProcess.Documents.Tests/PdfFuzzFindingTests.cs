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
}

using System.Diagnostics;

namespace BaliProcess.Documents.Tests;

/// <summary>
/// Regression tests for what fuzzing the DOCX path found (bench/README.md, "Fuzzing"): each input is the finding,
/// minimised and rebuilt here.
/// </summary>
public class DocxFuzzFindingTests
{
    private static ExtractionResult Extract(byte[] bytes) => TextExtractor.Extract("fuzzed.docx", new MemoryStream(bytes));

    private static string Attributes(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"a{i}=\"1\""));

    [Fact]
    public void Extract_ElementWithHundredsOfThousandsOfAttributes_IsRefusedQuickly()
    {
        // Directed probe: 300,000 attributes on one paragraph (a 700 KB .docx) kept XmlReader busy for 13 s inside
        // one Read, out of reach of the time budget; the cost grows with the square of the count.
        var bytes = HostileFiles.Docx($"<w:p {Attributes(300_000)}><w:r><w:t>x</w:t></w:r></w:p>");
        var watch = Stopwatch.StartNew();

        var result = Extract(bytes);

        result.Error.ShouldBe("fuzzed.docx: refused because an element has more than the limit of 1,000 attributes");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Extract_EqualsSignsInsideAttributeValuesAndText_AreNotCountedAsAttributes()
    {
        var value = new string('=', 5_000);
        var bytes = HostileFiles.Docx($"<w:p {Attributes(900)} w:x=\"{value}\" w:y='{value}'><w:r><w:t>{value}</w:t></w:r></w:p>");

        var result = Extract(bytes);

        result.Ok.ShouldBeTrue(result.Error);
        result.Text.Trim().ShouldBe(value);
    }
}

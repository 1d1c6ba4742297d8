namespace BaliProcess.Documents.Tests;

/// <summary>Regression tests for what fuzzing the text and markdown paths found (bench/README.md, "Fuzzing").</summary>
public class TextFuzzFindingTests
{
    [Theory]
    [InlineData("fuzzed.md", new byte[] { 0xFF, 0xFE, 0xFE, 0xFF, 0x78, 0x60, 0x60, 0x62 })]
    [InlineData("fuzzed.txt", new byte[] { 0xFF, 0xFE, 0xFE, 0xFF, 0x78, 0x60, 0x60, 0x62 })]
    [InlineData("fuzzed.txt", new byte[] { 0xFF, 0xFE, 0x61, 0x00, 0xFF, 0xFF, 0x62, 0x00 })]
    [InlineData("fuzzed.txt", new byte[] { 0xFE, 0xFF, 0xFF, 0xFE, 0x00, 0x61 })]
    public void Extract_Utf16TextHoldingANoncharacter_IsReadWithAReplacementCharacter(string fileName, byte[] bytes)
    {
        // afl-fuzz (md target, minimised to 8 bytes): U+FFFE after a UTF-16 byte-order mark made Unicode
        // normalisation throw ArgumentException out of TextExtractor.Extract.
        var result = TextExtractor.Extract(fileName, new MemoryStream(bytes));

        result.Ok.ShouldBeTrue(result.Error);
        result.Text.ShouldContain('\uFFFD');
        result.Text.ShouldNotContain('\uFFFE');
    }

    [Fact]
    public void Normalize_LoneSurrogatesAndNoncharacters_BecomeReplacementCharacters()
    {
        var text = TextExtractor.Normalize("a\uD800b\uDC00c\uFFFFd\uD83D\uDE00e\u0065\u0301");

        text.ShouldBe("a\uFFFDb\uFFFDc\uFFFDd\uD83D\uDE00e\u00E9");
    }

    [Fact]
    public void Recognize_TextHoldingANoncharacter_IsRecognisedWithoutTheCatchAll()
    {
        var recognizer = new DocumentRecognizer(new NameCatalog([]));

        var document = recognizer.Recognize("CO-CHAIRS' STATEMENT\uFFFE\n\nBali, 6 August 2018\n", "x.txt");

        document.Warnings.ShouldNotContain(w => w.StartsWith("the document could not be recognised", StringComparison.Ordinal));
        document.Title.ShouldNotBeNullOrWhiteSpace();
    }
}

using System.Text;

namespace BaliProcess.Documents.Tests;

/// <summary>The bad inputs of issue 9: each is refused with a message that says what to do, or imported and flagged.</summary>
public sealed class ImportBadInputTests
{
    [Theory]
    [InlineData("empty.txt")]
    [InlineData("empty.pdf")]
    [InlineData("empty.docx")]
    public void Extract_EmptyFile_IsRefusedSayingItIsEmpty(string fileName)
    {
        var result = TextExtractor.Extract(fileName, new MemoryStream([]));

        result.Ok.ShouldBeFalse();
        result.Error.ShouldBe($"{fileName}: the file is empty (0 bytes); nothing to import");
    }

    [Fact]
    public void Extract_Utf16TextWithoutByteOrderMark_IsRefusedNamingTheEncoding()
    {
        var bytes = Encoding.Unicode.GetBytes("The Steering Group met in Suva on 3 May 2022 to plan the year.");

        var result = TextExtractor.Extract("notes.txt", new MemoryStream(bytes));

        result.Ok.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("unsupported encoding (UTF-16 little-endian without a byte-order mark)");
        result.Error.ShouldContain("save it as UTF-8");
    }

    [Fact]
    public void Extract_Utf32TextWithoutByteOrderMark_IsRefusedNamingTheEncoding()
    {
        var bytes = new UTF32Encoding(bigEndian: false, byteOrderMark: false).GetBytes("Officials met in Dili on 4 June 2020.");

        var result = TextExtractor.Extract("notes.txt", new MemoryStream(bytes));

        result.Ok.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("UTF-32 without a byte-order mark");
    }

    [Fact]
    public void Extract_PdfWithoutTextLayer_IsRefusedSuggestingOcrOutsideThePlatform()
    {
        var result = TextExtractor.Extract("scan.pdf", new MemoryStream(GeneratedDocuments.PdfWithoutTextLayer()));

        result.Ok.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("no text layer");
        result.Error.ShouldContain("run OCR on it outside the platform");
    }

    [Fact]
    public void Recognize_DateLineContradictingTheText_ImportsTheMeetingAndFlagsTheDatesForReview()
    {
        var document = new DocumentRecognizer(TestFiles.Catalog).Recognize(
            "Steering Group meeting\nDate: 5 May 2019\n\nThe Steering Group met in Apia on 7 June 2019 to prepare the ministerial meeting.", "note.txt");

        var meeting = document.Meeting.ShouldNotBeNull();
        meeting.BodyCode.ShouldBe("SG");
        document.Review.ShouldContain(f => f.Code == "contradictory-dates" && f.Field == "dates");
    }
}

using System.Text;

namespace BaliProcess.Documents.Tests;

public class TextExtractorTests
{
    private static ExtractionResult Extract(string fileName, string content) =>
        TextExtractor.Extract(fileName, new MemoryStream(Encoding.UTF8.GetBytes(content)));

    private static ExtractionResult Extract(string fileName, byte[] content) => TextExtractor.Extract(fileName, new MemoryStream(content));

    [Fact]
    public void Extract_TextFile_NormalisesToNfcAndLineFeeds()
    {
        var result = Extract("notes.txt", "Cafe\u0301 in Ho\u0302\u0300 Chi\u0301 Minh\r\nsecond line\rthird");

        result.Ok.ShouldBeTrue();
        result.Error.ShouldBeNull();
        result.Text.ShouldBe("Café in Hồ Chí Minh\nsecond line\nthird");
        result.Text.IsNormalized(NormalizationForm.FormC).ShouldBeTrue();
    }

    [Fact]
    public void Extract_TextFileWithByteOrderMark_DropsTheMark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Bali")).ToArray();

        Extract("bom.txt", bytes).Text.ShouldBe("Bali");
    }

    [Fact]
    public void Extract_Utf16TextFile_DecodesByItsMark()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("ประเทศไทย")).ToArray();

        Extract("thai.txt", bytes).Text.ShouldBe("ประเทศไทย");
    }

    [Fact]
    public void Extract_Latin1TextFile_FallsBackFromInvalidUtf8()
    {
        var bytes = Encoding.Latin1.GetBytes("Côte d'Ivoire");

        Extract("legacy.txt", bytes).Text.ShouldBe("Côte d'Ivoire");
    }

    [Fact]
    public void Extract_BinaryContentNamedTxt_FailsAsNotText()
    {
        var result = Extract("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]);

        result.Ok.ShouldBeFalse();
        result.Text.ShouldBeEmpty();
        result.Error.ShouldBe("image.txt: not a text file (it contains binary data)");
    }

    [Fact]
    public void Extract_Markdown_KeepsTextAndStripsMarkup()
    {
        const string markdown = "# The Bali Process\n\n16<sup>th</sup> Ad Hoc Group **Senior Officials'** Meeting\n\n### ***Working Group***\n\nSee [the RSO](https://www.baliprocess.net) and `code`.\n\n* first point\n> quoted &amp; decoded\n\n| Who | What |\n|---|---|\n| RSO | Guides |\n";

        var result = Extract("statement.md", markdown);

        result.Ok.ShouldBeTrue();
        result.Text.ShouldBe("The Bali Process\n\n16th Ad Hoc Group Senior Officials' Meeting\n\nWorking Group\n\nSee the RSO and code.\n\n- first point\nquoted & decoded\n\nWho\tWhat\nRSO\tGuides\n");
    }

    [Fact]
    public void Extract_SeedStatementAsMarkdown_RemovesHeadingsBoldAndSuperscripts()
    {
        var text = File.ReadAllText(TestFiles.SeedPath("001"));

        var result = Extract("statement.md", text);

        result.Text.ShouldContain("16th Ad Hoc Group Senior Officials' Meeting");
        result.Text.ShouldContain("\nWorking Group on Trafficking in Persons\n");
        result.Text.ShouldNotContain("<sup>");
        result.Text.ShouldNotContain("**");
        result.Text.Split('\n').ShouldAllBe(line => !line.StartsWith('#'));
    }

    [Fact]
    public void Extract_GeneratedDocx_WritesParagraphsAndTabSeparatedTableRows()
    {
        var result = Extract("report.docx", GeneratedDocuments.ProgressReportDocx());

        result.Ok.ShouldBeTrue(result.Error);
        result.Text.ShouldStartWith("Ad Hoc Group Progress Report: March 2018\nReport summarises activities");
        result.Text.ShouldContain("\tAction/Recommendation\tWho\tStatus/Details\n");
        result.Text.ShouldContain("\n3. Border Management\t\t\t\n");
        result.Text.ShouldContain("\n3.1\tImmigration Liaison Officer training\tRSO (Canada funded)\tThe pilot training was delivered to 24 participants from 7 member States.\n\t\t\tFeedback is being incorporated into the curriculum.\n");
    }

    [Fact]
    public void Extract_DocxWithContentControl_ReadsTheControlsText()
    {
        var result = Extract("template.docx", GeneratedDocuments.DocxWithContentControl());

        result.Text.ShouldBe("Co-Chairs' Statement\nBody text after the control.\n");
    }

    [Fact]
    public void Extract_GeneratedPdf_ReadsTheLinesInOrder()
    {
        var result = Extract("statement.pdf", GeneratedDocuments.StatementPdf());

        result.Ok.ShouldBeTrue(result.Error);
        result.Text.Split('\n').Select(line => line.Trim()).ShouldBe(new[]
        {
            "CO-CHAIRS' STATEMENT",
            "Second Ad Hoc Group Meeting",
            "The Co-Chairs of the Bali Process hosted the second Meeting of the Ad Hoc Group in Jakarta,",
            "Indonesia on 14-15 March 2010, in hybrid format. The meeting was attended by representatives",
            "of Australia, Indonesia, Thailand and Viet Nam, and the ASEAN Secretariat as an observer.",
            "The Meeting agreed to convene a workshop on returns and reintegration before June 2010.",
        });
    }

    [Fact]
    public void Extract_UppercaseExtension_IsAccepted()
    {
        Extract("STATEMENT.PDF", GeneratedDocuments.StatementPdf()).Ok.ShouldBeTrue();
    }

    [Theory]
    [InlineData("%PDF-1.7\nthis is not really a pdf")]
    [InlineData("plain words")]
    public void Extract_CorruptPdf_FailsNamingTheFile(string content)
    {
        var result = Extract("broken.pdf", content);

        result.Ok.ShouldBeFalse();
        result.Text.ShouldBeEmpty();
        result.Error.ShouldNotBeNull().ShouldStartWith("broken.pdf: not a readable PDF (");
    }

    [Fact]
    public void Extract_TruncatedPdf_FailsNamingTheFile()
    {
        var pdf = GeneratedDocuments.StatementPdf();

        var result = Extract("cut.pdf", pdf[..(pdf.Length / 3)]);

        result.Ok.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldStartWith("cut.pdf: not a readable PDF (");
    }

    [Theory]
    [InlineData("PK\u0003\u0004 not a zip at all")]
    [InlineData("plain words")]
    public void Extract_CorruptDocx_FailsNamingTheFile(string content)
    {
        var result = Extract("broken.docx", content);

        result.Ok.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldStartWith("broken.docx: not a readable Word document (");
    }

    [Fact]
    public void Extract_TruncatedDocx_FailsNamingTheFile()
    {
        var docx = GeneratedDocuments.ProgressReportDocx();

        var result = Extract("cut.docx", docx[..(docx.Length / 2)]);

        result.Ok.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldStartWith("cut.docx: not a readable Word document (");
    }

    [Theory]
    [InlineData("file.xyz", "file.xyz: unsupported file type '.xyz'; use .txt, .md, .html, .pdf or .docx")]
    [InlineData("minutes.doc", "minutes.doc: unsupported file type '.doc'; use .txt, .md, .html, .pdf or .docx")]
    [InlineData("README", "README: unsupported file type (no extension); use .txt, .md, .html, .pdf or .docx")]
    [InlineData("/uploads/2009/sheet.XLSX", "sheet.XLSX: unsupported file type '.xlsx'; use .txt, .md, .html, .pdf or .docx")]
    public void Extract_UnsupportedExtension_FailsNamingTypeAndAlternatives(string fileName, string error)
    {
        var result = Extract(fileName, "anything");

        result.Ok.ShouldBeFalse();
        result.Text.ShouldBeEmpty();
        result.Error.ShouldBe(error);
    }

    [Fact]
    public void Extract_NonSeekableStream_IsRead()
    {
        using var stream = new ForwardOnlyStream(Encoding.UTF8.GetBytes("forward only"));

        TextExtractor.Extract("stream.txt", stream).Text.ShouldBe("forward only");
    }

    /// <summary>An upload stream that can only be read forwards, like a request body.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private readonly MemoryStream inner = new(content);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

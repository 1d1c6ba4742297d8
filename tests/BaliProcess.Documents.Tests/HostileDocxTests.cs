using System.Diagnostics;

namespace BaliProcess.Documents.Tests;

/// <summary>Hostile .docx files (issue 7, defects 1 and 2): each is refused with a message naming the problem, and the process lives.</summary>
public class HostileDocxTests
{
    private static ExtractionResult Extract(byte[] bytes, ExtractionLimits? limits = null) =>
        TextExtractor.Extract("hostile.docx", new MemoryStream(bytes), limits);

    [Fact]
    public void Extract_TwoHundredThousandNestedElements_IsRefusedForDepthWithoutOverflowingTheStack()
    {
        var bytes = HostileFiles.DeeplyNestedDocx(200_000);
        bytes.Length.ShouldBeLessThan(40_000);

        var result = Extract(bytes);

        result.Ok.ShouldBeFalse();
        result.Error.ShouldBe("hostile.docx: refused because its content is nested deeper than the limit of 256 levels");
    }

    [Fact]
    public void Extract_NestingWithinTheLimit_IsRead()
    {
        var result = Extract(HostileFiles.Docx("<w:p><w:r><w:t>ok</w:t></w:r></w:p>"), ExtractionLimits.Default with { MaxDepth = 10 });

        result.Ok.ShouldBeTrue();
        result.Text.ShouldBe("ok\n");
    }

    [Fact]
    public void Extract_DocxExpandingBeyondTheLimit_IsRefusedNamingTheLimit()
    {
        // 210 MB of text in a file of a few hundred KB, the shape of defect 2.
        var bytes = HostileFiles.HugeTextDocx(210 * 1024 * 1024);
        bytes.Length.ShouldBeLessThan(1024 * 1024);

        var result = Extract(bytes);

        result.Ok.ShouldBeFalse();
        result.Error.ShouldBe("hostile.docx: refused because it expands to more than the limit of 64 MB when unpacked");
    }

    [Fact]
    public void Extract_DocxWithMoreTextThanTheCharacterLimit_IsRefused()
    {
        var result = Extract(HostileFiles.HugeTextDocx(2_000), ExtractionLimits.Default with { MaxCharacters = 1_000 });

        result.Ok.ShouldBeFalse();
        result.Error.ShouldBe("hostile.docx: refused because it holds more than the limit of 1,000 characters of text");
    }

    [Fact]
    public void Extract_DocxWithTooManyElements_IsRefused()
    {
        var paragraphs = string.Concat(Enumerable.Repeat("<w:p/>", 5_000));

        var result = Extract(HostileFiles.Docx(paragraphs), ExtractionLimits.Default with { MaxElements = 1_000 });

        result.Ok.ShouldBeFalse();
        result.Error.ShouldBe("hostile.docx: refused because it has more than the limit of 1,000 elements");
    }

    [Fact]
    public void Extract_HugeGridSpan_IsClampedInsteadOfMakingBillionsOfCells()
    {
        var table = "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2000000000\"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>"
                    + "<w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        var watch = Stopwatch.StartNew();

        var result = Extract(HostileFiles.Docx(table));

        result.Ok.ShouldBeTrue();
        result.Text.ShouldBe("a" + new string('\t', 63) + "b\n\n");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Extract_DocxDeclaringAnExternalEntity_IsRefusedWithoutReadingIt()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET-CONTENT");
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://{secret}\">]>"
                  + $"<w:document xmlns:w=\"{HostileFiles.WordNamespace}\"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>";

        var result = Extract(HostileFiles.DocxWithDocumentXml(xml));

        result.Ok.ShouldBeFalse();
        result.Text.ShouldNotContain("SECRET");
        result.Error.ShouldBe("hostile.docx: not a readable Word document (it declares a DTD, which Word documents never do and which could fetch external entities)");
        File.Delete(secret);
    }

    [Fact]
    public void Extract_BillionLaughs_IsRefused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                  + $"<w:document xmlns:w=\"{HostileFiles.WordNamespace}\"><w:body><w:p><w:r><w:t>&c;&c;&c;</w:t></w:r></w:p></w:body></w:document>";

        var result = Extract(HostileFiles.DocxWithDocumentXml(xml));

        result.Ok.ShouldBeFalse();
        result.Error!.ShouldContain("DTD");
    }

    [Fact]
    public void Extract_NotAZip_IsRefusedAsNotAWordDocument()
    {
        var result = Extract("this is plain text, not a zip"u8.ToArray());

        result.Ok.ShouldBeFalse();
        result.Error.ShouldBe("hostile.docx: not a readable Word document (it is not a zip archive)");
    }

    [Fact]
    public void Extract_ZipWithoutDocumentXml_IsRefused()
    {
        var result = Extract(HostileFiles.Zip(("readme.txt", "hello")));

        result.Ok.ShouldBeFalse();
        result.Error.ShouldBe("hostile.docx: not a readable Word document (it has no main document part)");
    }

    [Fact]
    public void Extract_DocumentWithoutBody_IsRefused()
    {
        var xml = $"<w:document xmlns:w=\"{HostileFiles.WordNamespace}\"></w:document>";

        var result = Extract(HostileFiles.DocxWithDocumentXml(xml));

        result.Error.ShouldBe("hostile.docx: not a readable Word document (it has no main document body)");
    }

    [Fact]
    public void Extract_TruncatedXml_IsRefused()
    {
        var xml = $"<w:document xmlns:w=\"{HostileFiles.WordNamespace}\"><w:body><w:p><w:r><w:t>cut";

        var result = Extract(HostileFiles.DocxWithDocumentXml(xml));

        result.Ok.ShouldBeFalse();
        result.Error!.ShouldStartWith("hostile.docx: not a readable Word document (");
    }

    [Fact]
    public void Extract_PathTraversalEntryNamesAndTarget_ReadOnlyInsideTheArchive()
    {
        var rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"../../../etc/passwd\"/></Relationships>";
        var bytes = HostileFiles.Zip(("_rels/.rels", rels), ("../../../etc/passwd", "not xml at all"), ("../../evil.txt", "x"));

        var result = Extract(bytes);

        result.Ok.ShouldBeFalse();
        result.Error!.ShouldStartWith("hostile.docx: not a readable Word document (");
        File.Exists(Path.Combine(Path.GetTempPath(), "..", "evil.txt")).ShouldBeFalse();
    }

    [Fact]
    public void Extract_ZipEntryLyingAboutItsSize_IsStoppedByTheStreamingCounter()
    {
        // The counter charges bytes as they are inflated, so a small declared size cannot hide a large entry.
        var result = Extract(HostileFiles.HugeTextDocx(3_000_000), ExtractionLimits.Default with { MaxExpandedBytes = 1024 * 1024 });

        result.Error.ShouldBe("hostile.docx: refused because it expands to more than the limit of 1 MB when unpacked");
    }

    [Fact]
    public void Extract_SlowDocument_IsStoppedByTheDeadline()
    {
        var paragraphs = string.Concat(Enumerable.Repeat("<w:p><w:r><w:t>x</w:t></w:r></w:p>", 50_000));

        var result = Extract(HostileFiles.Docx(paragraphs), ExtractionLimits.Default with { MaxDuration = TimeSpan.Zero });

        result.Error.ShouldBe("hostile.docx: refused because reading it took longer than the limit of 0 seconds");
    }

    [Fact]
    public void Extract_CancelledExtraction_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var paragraphs = string.Concat(Enumerable.Repeat("<w:p><w:r><w:t>x</w:t></w:r></w:p>", 5_000));

        Should.Throw<OperationCanceledException>(() =>
            TextExtractor.Extract("a.docx", new MemoryStream(HostileFiles.Docx(paragraphs)), null, cancelled.Token));
    }
}

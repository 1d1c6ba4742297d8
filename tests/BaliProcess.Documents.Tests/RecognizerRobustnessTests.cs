using System.Text;

namespace BaliProcess.Documents.Tests;

/// <summary>
/// The recognizer must turn any input into a result. It has a last-resort catch, so "did not throw" alone proves
/// nothing; these tests also require that the catch was not needed (no "could not be recognised" warning).
/// </summary>
public class RecognizerRobustnessTests
{
    private const string FailureWarning = "the document could not be recognised";

    private static readonly DocumentRecognizer Recognizer = new(TestFiles.Catalog);

    private static void ShouldBeHandledNormally(RecognizedDocument document)
    {
        document.ShouldNotBeNull();
        document.Title.ShouldNotBeNull();
        document.Warnings.ShouldNotContain(w => w.StartsWith(FailureWarning, StringComparison.Ordinal));
    }

    [Fact]
    public void Recognize_HelloWorld_IsOtherWithWarning()
    {
        var document = Recognizer.Recognize("hello world", "greeting.txt");

        ShouldBeHandledNormally(document);
        document.Kind.ShouldBe(DocumentKind.Other);
        document.Title.ShouldBe("hello world");
        document.Meeting.ShouldBeNull();
        document.Activities.ShouldBeEmpty();
        document.ProgressReport.ShouldBeNull();
        document.Warnings.ShouldHaveSingleItem().ShouldStartWith("document type not recognised");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t \r\n")]
    public void Recognize_EmptyText_IsOtherTitledByFileName(string text)
    {
        var document = Recognizer.Recognize(text, "/uploads/empty-file.pdf");

        ShouldBeHandledNormally(document);
        document.Kind.ShouldBe(DocumentKind.Other);
        document.Title.ShouldBe("empty-file");
        document.Language.ShouldBe("und");
        document.Warnings.ShouldBe(new[] { "the document has no text" });
    }

    [Fact]
    public void Recognize_NullArguments_AreTreatedAsEmpty()
    {
        var document = Recognizer.Recognize(null!, null!);

        ShouldBeHandledNormally(document);
        document.Kind.ShouldBe(DocumentKind.Other);
        document.Title.ShouldBe("Untitled document");
    }

    [Fact]
    public void Recognize_StatementHeadingWithoutMeeting_WarnsThatNoDateWasFound()
    {
        var document = Recognizer.Recognize("CO-CHAIRS' STATEMENT\n\nThe meeting discussed many things at length and agreed nothing in particular today.", "s.txt");

        ShouldBeHandledNormally(document);
        document.Kind.ShouldBe(DocumentKind.CoChairsStatement);
        document.Meeting.ShouldBeNull();
        document.Warnings.ShouldContain(w => w.StartsWith("no meeting date found", StringComparison.Ordinal));
    }

    [Fact]
    public void Recognize_GuideHeading_IsClassifiedByItsHeading()
    {
        var document = Recognizer.Recognize("BALI PROCESS POLICY GUIDE ON IDENTIFYING VICTIMS OF TRAFFICKING\n\nMay 2015\n\nThis guide helps officials identify victims of trafficking at the border and inland.", "guide.pdf");

        ShouldBeHandledNormally(document);
        document.Kind.ShouldBe(DocumentKind.PolicyGuide);
        document.Title.ShouldBe("Bali Process Policy Guide on Identifying Victims of Trafficking");
        document.Date.ShouldBe(new DateOnly(2015, 5, 1));
    }

    [Theory]
    [InlineData("Quick Reference Guide for Frontline Officers", DocumentKind.QuickReferenceGuide)]
    [InlineData("Curriculum on Standardized Induction Training", DocumentKind.Curriculum)]
    [InlineData("Handbook on Addressing Irregular Migration", DocumentKind.Handbook)]
    [InlineData("Bali Declaration on People Smuggling", DocumentKind.Declaration)]
    public void Recognize_OtherKnownHeadings_GiveTheirKind(string heading, DocumentKind kind)
    {
        var document = Recognizer.Recognize($"{heading}\n\nSome body text that goes on for long enough to be a paragraph of running text here.", "doc.txt");

        ShouldBeHandledNormally(document);
        document.Kind.ShouldBe(kind);
        document.Title.ShouldBe(heading);
    }

    [Fact]
    public void Recognize_RandomBytesDecodedAsText_ReturnsAResultWithoutFailing()
    {
        var random = new Random(20091027);
        for (var round = 0; round < 200; round++)
        {
            var bytes = new byte[random.Next(0, 4000)];
            random.NextBytes(bytes);
            var text = round % 2 == 0 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);

            ShouldBeHandledNormally(Recognizer.Recognize(text, $"random-{round}.bin"));
        }
    }

    [Fact]
    public void Recognize_ShuffledSeedLinesAndFragments_ReturnsAResultWithoutFailing()
    {
        // Real structures in the wrong places: tab rows without headers, dangling dates, half sentences.
        var lines = new[] { "000", "001", "002", "003", "004" }
            .SelectMany(prefix => File.ReadAllLines(TestFiles.SeedPath(prefix)))
            .ToArray();
        var random = new Random(20171001);
        for (var round = 0; round < 100; round++)
        {
            var picked = Enumerable.Range(0, random.Next(1, 60)).Select(_ =>
            {
                var line = lines[random.Next(lines.Length)];
                var cut = random.Next(0, line.Length + 1);
                return random.Next(3) == 0 ? line[..cut] : line;
            });

            ShouldBeHandledNormally(Recognizer.Recognize(string.Join('\n', picked), $"shuffled-{round}.txt"));
        }
    }

    [Fact]
    public void Recognize_PathologicalRepetition_ReturnsAResultWithoutFailing()
    {
        var texts = new[]
        {
            new string('(', 20000),
            string.Concat(Enumerable.Repeat("1.1\t", 5000)),
            string.Concat(Enumerable.Repeat("The Meeting agreed and noted and welcomed ", 2000)),
            string.Concat(Enumerable.Repeat("27-29 July 2009 ", 3000)),
            string.Concat(Enumerable.Repeat("• March 2003: ", 3000)),
            "Progress Report\n" + string.Concat(Enumerable.Repeat("\t\t\t<p>", 3000)),
        };

        foreach (var text in texts)
        {
            ShouldBeHandledNormally(Recognizer.Recognize(text, "odd.txt"));
        }
    }

    [Theory]
    [InlineData("รายงานความคืบหน้าของกลุ่มเฉพาะกิจ กระบวนการบาหลี", "th")]
    [InlineData("របាយការណ៍វឌ្ឍនភាពនៃក្រុមការងារ", "km")]
    [InlineData("ບົດລາຍງານຄວາມຄືບໜ້າ ຂະບວນການບາຫຼີ", "lo")]
    [InlineData("ဘာလီလုပ်ငန်းစဉ် တိုးတက်မှုအစီရင်ခံစာ", "my")]
    [InlineData("Pertemuan tersebut dihadiri oleh perwakilan dari negara anggota yang terkena dampak dan para pengamat dari organisasi internasional untuk membahas penyelundupan manusia.", "id")]
    [InlineData("Cuộc họp đã được tổ chức tại Hà Nội với sự tham gia của các thành viên.", "vi")]
    [InlineData("The meeting was attended by representatives of the members of the Ad Hoc Group.", "en")]
    [InlineData("اجلاس در کابل برگزار شد و نمایندگان کشورها شرکت کردند", "fa")]
    [InlineData("ප්‍රගති වාර්තාව", "si")]
    [InlineData("12345 67890 !!!", "und")]
    public void Recognize_TextInAScript_DetectsItsLanguage(string text, string language)
    {
        Recognizer.Recognize(text, "lang.txt").Language.ShouldBe(language);
    }
}

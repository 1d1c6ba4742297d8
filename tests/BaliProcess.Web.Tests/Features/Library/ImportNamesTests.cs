using BaliProcess.Web.Features.Library;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>Defect 11: the names a file brings in are checked and cleaned in one place before anything stores them.</summary>
public class ImportNamesTests
{
    [Theory]
    [InlineData("report.docx", "report.docx")]
    [InlineData(@"C:\Users\wayan\Documents\report.docx", "report.docx")]
    [InlineData("C:report.docx", "report.docx")]
    [InlineData("folder/sub/report.docx", "report.docx")]
    [InlineData("  minutes.txt.  ", "minutes.txt")]
    [InlineData("report..final.md", "report..final.md")]
    [InlineData("Laporan\u200Dakhir.pdf", "Laporan\u200Dakhir.pdf")]
    [InlineData("Cafe\u0301.txt", "Café.txt")]
    public void Check_NameOrBrowserPath_GivesTheFileNameAlone(string given, string stored)
    {
        ImportNames.Check(given).Name.ShouldBe(stored);
    }

    [Theory]
    [InlineData("minutes\u202Efdp.txt", "U+202E")]
    [InlineData("minutes\u2067.txt", "U+2067")]
    [InlineData("a\u200Eb.txt", "U+200E")]
    [InlineData("evil.exe\0.txt", "U+0000")]
    [InlineData("line\nbreak.txt", "U+000A")]
    [InlineData("bell\u0007.md", "U+0007")]
    [InlineData("hidden\u200B.docx", "U+200B")]
    [InlineData("c1\u009B.docx", "U+009B")]
    public void Check_ControlOrDirectionCharacter_IsRefusedNamingIt(string given, string codePoint)
    {
        var result = ImportNames.Check(given);

        result.Name.ShouldBeNull();
        result.Problem.ShouldBe("The file name contains control or direction-override characters ({0}), which can make it read as another name: rename the file.");
        result.ProblemArgs.ShouldBe(new object?[] { codePoint });
    }

    [Theory]
    [InlineData("../../etc/passwd.txt")]
    [InlineData(@"..\..\windows\win.ini.txt")]
    [InlineData("uploads/../../secret.md")]
    [InlineData("..")]
    public void Check_ParentFolderPart_IsRefused(string given)
    {
        var result = ImportNames.Check(given);

        result.Name.ShouldBeNull();
        result.Problem.ShouldBe("The file name '{0}' climbs out of its folder with '..': send the file under its own name.");
    }

    [Theory]
    [InlineData(@"C:\")]
    [InlineData("folder/")]
    [InlineData("...")]
    [InlineData("/ . /")]
    public void Check_NothingLeftBesideFolders_IsRefused(string given)
    {
        ImportNames.Check(given).Problem.ShouldBe("The file name '{0}' has no name left once its folder parts are removed: rename the file.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_NoName_AsksForAFile(string? given)
    {
        ImportNames.Check(given).Problem.ShouldBe("Choose a file to upload.");
    }

    [Fact]
    public void Check_NameLongerThanTheLimit_IsRefusedWithItsLength()
    {
        var result = ImportNames.Check(new string('x', 300) + ".txt");

        result.Name.ShouldBeNull();
        result.ProblemArgs.ShouldBe(new object?[] { 304, ImportNames.MaxFileNameLength });
    }

    [Fact]
    public void Check_NameAtTheLimit_IsKept()
    {
        var name = new string('x', ImportNames.MaxFileNameLength - 4) + ".txt";

        ImportNames.Check(name).Name.ShouldBe(name);
    }

    [Theory]
    [InlineData("Co-Chairs\u202E Statement", "Co-Chairs Statement")]
    [InlineData("\uFEFFTitle\twith\ttabs", "Title with tabs")]
    [InlineData("Line\u2028separator", "Line separator")]
    [InlineData("  spaced  ", "spaced")]
    [InlineData("emoji \uD83D\uDE00 kept", "emoji \uD83D\uDE00 kept")]
    [InlineData("\u1780\u17D2\u200C\u1798\u17C2\u179A", "\u1780\u17D2\u200C\u1798\u17C2\u179A")]
    public void CleanText_Title_DropsControlAndDirectionCharactersKeepsScripts(string given, string cleaned)
    {
        ImportNames.CleanText(given).ShouldBe(cleaned);
    }

    [Fact]
    public void CleanText_LoneSurrogate_IsDropped()
    {
        var given = "lone " + (char)0xD800 + " surrogate";

        ImportNames.CleanText(given).ShouldBe("lone  surrogate");
    }
}

namespace BaliProcess.Documents.Tests;

/// <summary>The title of a meeting whose document has no heading: taken from the sentence that reports it.</summary>
public class MeetingTitleTests
{
    private static readonly DocumentRecognizer Recognizer = new(TestFiles.Catalog);

    private static MeetingInfo Meeting(string text) =>
        Recognizer.Recognize(text, "note.txt").Meeting ?? throw new ShouldAssertException("no meeting recognised");

    [Fact]
    public void Recognize_NoHeadingOrdinalWordBeforeBody_TitleIsTheOrdinalAndBodyAsWritten()
    {
        var meeting = Meeting("The Co-Chairs hosted the fourth Senior Officials Meeting in Colombo on 9 May 2015.\nParticipants noted the work of the Regional Support Office.");

        meeting.Title.ShouldBe("Fourth Senior Officials Meeting");
        meeting.Ordinal.ShouldBe(4);
    }

    [Fact]
    public void Recognize_NoHeadingBodyWrittenAsAbbreviation_TitleSpellsTheBodyOut()
    {
        var meeting = Meeting("Officials met at the 9th AHG SOM in Perth on 3 June 2019.\nThe meeting agreed to meet again in 2020.");

        meeting.BodyCode.ShouldBe("AHG");
        meeting.Title.ShouldStartWith("9th ");
        meeting.Title.ShouldNotContain("AHG SOM");
    }
}

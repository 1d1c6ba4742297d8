namespace BaliProcess.Documents.Tests;

/// <summary>Statement forms the seeds do not show, written here to pin the rules down.</summary>
public class StatementParsingTests
{
    private static readonly DocumentRecognizer Recognizer = new(TestFiles.Catalog);

    private static MeetingInfo Meeting(string text) =>
        Recognizer.Recognize(text, "statement.txt").Meeting ?? throw new ShouldAssertException("no meeting recognised");

    [Fact]
    public void Recognize_EarlierDateInOpeningSentence_TakesTheDateAfterTheMeetingPhrase()
    {
        var meeting = Meeting(
            "CO-CHAIRS' STATEMENT\n\nFollowing BRMC III, held in Bali from 14-15 April 2009, the Co-Chairs hosted the first Meeting of the Ad Hoc Group in Jakarta, Indonesia on 27-29 July 2009.");

        meeting.StartDate.ShouldBe(new DateOnly(2009, 7, 27));
        meeting.EndDate.ShouldBe(new DateOnly(2009, 7, 29));
        meeting.Place.ShouldBe("Jakarta, Indonesia");
        meeting.BodyCode.ShouldBe("AHG");
    }

    [Fact]
    public void Recognize_PlaceAfterDate_IsRead()
    {
        var meeting = Meeting(
            "Co-Chairs' Statement\n\nThe 11th Ad Hoc Group Senior Officials' Meeting was held on 2 November 2016 in Colombo, Sri Lanka.");

        meeting.Place.ShouldBe("Colombo, Sri Lanka");
        meeting.Ordinal.ShouldBe(11);
        meeting.Format.ShouldBe(MeetingFormat.InPerson);
    }

    [Fact]
    public void Recognize_VirtualMeetingHostedFromACity_HasNoPlace()
    {
        // A virtual meeting has no venue: the city it was run from is not where it was held (the corpus key's rule).
        var meeting = Meeting(
            "Co-Chairs' Statement\n\nThe 11th Ad Hoc Group Senior Officials' Meeting was held on 2 November 2016 from Colombo, Sri Lanka, and was conducted virtually.");

        meeting.Place.ShouldBeNull();
        meeting.Format.ShouldBe(MeetingFormat.Virtual);
    }

    [Fact]
    public void Recognize_DateOnlyInHeading_UsesHeadingDateAndPlaceWithWarning()
    {
        var document = Recognizer.Recognize(
            "SEVENTH AD HOC GROUP SENIOR OFFICIALS' MEETING\nBANGKOK, THAILAND, 14 MARCH 2014\n\nCO-CHAIRS' STATEMENT\n\nParticipants welcomed the progress made by the Regional Support Office since its establishment two years ago.",
            "statement.txt");
        var meeting = document.Meeting.ShouldNotBeNull();

        meeting.StartDate.ShouldBe(new DateOnly(2014, 3, 14));
        meeting.Place.ShouldBe("Bangkok, Thailand");
        meeting.Ordinal.ShouldBe(7);
        meeting.BodyCode.ShouldBe("AHG");
        meeting.Title.ShouldBe("Seventh Ad Hoc Group Senior Officials' Meeting");
        meeting.Outcomes.ShouldHaveSingleItem().Verb.ShouldBe(OutcomeVerb.Welcomed);
        document.Warnings.ShouldContain(w => w.StartsWith("no opening sentence naming the meeting", StringComparison.Ordinal));
    }

    [Fact]
    public void Recognize_InPersonMeeting_ReadsFormatFromOpeningOnly()
    {
        var meeting = Meeting(
            "Co-Chairs' Statement\n\nThe Co-Chairs hosted the third Meeting of the Ad Hoc Group in person in Bali on 4 May 2011.\n\nMembers noted that future meetings could be held virtually.");

        meeting.Format.ShouldBe(MeetingFormat.InPerson);
        meeting.Outcomes.ShouldHaveSingleItem().Verb.ShouldBe(OutcomeVerb.Noted);
    }

    [Fact]
    public void Recognize_AttendeesCalledObservers_AreMarkedAsObservers()
    {
        var meeting = Meeting(
            "Co-Chairs' Statement\n\nThe Co-Chairs hosted the sixth Senior Officials Meeting in Bali on 22 March 2016. The meeting was attended by Australia, Indonesia and Canada, with Japan as an observer.");

        meeting.Attendees.Select(a => (a.Code, a.IsObserver)).ShouldBe(new (string?, bool)[]
        {
            ("AUS", false), ("IDN", false), ("CAN", true), ("JPN", true),
        });
    }

    [Fact]
    public void Recognize_MonthOnlyMeetingDate_SpansTheMonthAndWarns()
    {
        var document = Recognizer.Recognize(
            "Co-Chairs' Statement\n\nThe Co-Chairs convened the fifth Senior Officials Meeting in Bali in June 2015.", "statement.txt");

        document.Meeting.ShouldNotBeNull().StartDate.ShouldBe(new DateOnly(2015, 6, 1));
        document.Meeting.EndDate.ShouldBe(new DateOnly(2015, 6, 30));
        document.Warnings.ShouldContain(w => w.StartsWith("the meeting date gives only the month", StringComparison.Ordinal));
    }

    [Fact]
    public void Recognize_StatementMentioningAProgressReport_StaysAStatement()
    {
        var document = Recognizer.Recognize(
            "Co-Chairs' Statement\n\nThe Co-Chairs hosted the twelfth Ad Hoc Group Senior Officials' Meeting in Bali on 3 October 2017.\n\nThe meeting noted the AHG Progress Report and welcomed the work of the RSO.",
            "statement.txt");

        document.Kind.ShouldBe(DocumentKind.CoChairsStatement);
        document.Meeting.ShouldNotBeNull().Outcomes.Select(o => o.Verb).ShouldBe(new[] { OutcomeVerb.Noted, OutcomeVerb.Welcomed });
    }

    [Fact]
    public void Recognize_AgendaItemHeadings_AreReadWithoutQuotes()
    {
        var meeting = Meeting(
            "Co-Chairs' Statement\n\nThe Co-Chairs hosted the second Meeting of the Ad Hoc Group in Bali on 10 June 2010.\n\nAgenda Item 3: Regional Cooperation Framework\n\nThe Meeting agreed to develop a framework.");

        meeting.AgendaItems.ShouldHaveSingleItem().ShouldBe(new AgendaItemInfo(3, "Regional Cooperation Framework"));
    }
}

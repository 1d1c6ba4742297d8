namespace BaliProcess.Documents.Tests;

/// <summary>The three seed statements: the first AHG meeting (2009), the 16th AHG SOM (2022), the sixth SOM (2016).</summary>
public class CoChairsStatementRecognitionTests
{
    private static MeetingInfo Meeting(string prefix) =>
        TestFiles.RecognizeSeed(prefix).Meeting ?? throw new ShouldAssertException($"seed {prefix}: no meeting recognised");

    [Fact]
    public void Recognize_FirstAdHocGroupStatement_IsCoChairsStatementDatedByTheMeeting()
    {
        var document = TestFiles.RecognizeSeed("000");

        document.Kind.ShouldBe(DocumentKind.CoChairsStatement);
        document.Title.ShouldBe("Co-Chairs' Statement: First Ad Hoc Group Meeting");
        document.Date.ShouldBe(new DateOnly(2009, 7, 27));
        document.Language.ShouldBe("en");
        document.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Recognize_FirstAdHocGroupStatement_ReadsMeetingNotTheBrmcIiiDates()
    {
        var meeting = Meeting("000");

        meeting.BodyCode.ShouldBe("AHG");
        meeting.Ordinal.ShouldBe(1);
        meeting.Title.ShouldBe("First Ad Hoc Group Meeting");
        meeting.StartDate.ShouldBe(new DateOnly(2009, 7, 27));
        meeting.EndDate.ShouldBe(new DateOnly(2009, 7, 29));
        meeting.Place.ShouldBe("Bali, Indonesia");
        meeting.CoChairCodes.ShouldBeEmpty();
    }

    [Fact]
    public void Recognize_FirstAdHocGroupStatement_VenueWithoutVirtualMentionIsInPerson()
    {
        // Issue 9: a physical venue and no word of virtual participation means the meeting was held in person.
        Meeting("000").Format.ShouldBe(MeetingFormat.InPerson);
    }

    [Fact]
    public void Recognize_FirstAdHocGroupStatement_ListsExactlyTheAttendeesWithAseanAsObserver()
    {
        var attendees = Meeting("000").Attendees;

        attendees.Select(a => a.Code).ShouldBe(
            new[] { "AFG", "AUS", "BGD", "IND", "IDN", "MYS", "MDV", "MMR", "NZL", "PAK", "LKA", "THA", "UNHCR", "IOM", "UNODC", "ASEAN" });
        attendees.Where(a => a.IsObserver).Select(a => a.Code).ShouldBe(new[] { "ASEAN" });
    }

    [Fact]
    public void Recognize_FirstAdHocGroupStatement_ReadsQuotedAgendaItems()
    {
        Meeting("000").AgendaItems.ShouldBe(new[]
        {
            new AgendaItemInfo(2, "Overview on Irregular People Movement in the Region"),
            new AgendaItemInfo(3, "Review of Domestic and Bilateral Responses"),
            new AgendaItemInfo(4, "Identifying Possible Regional Responses"),
            new AgendaItemInfo(5, "Developing Areas for Future Cooperation"),
        });
    }

    [Fact]
    public void Recognize_FirstAdHocGroupStatement_FindsTheMeetingsDecisions()
    {
        var outcomes = Meeting("000").Outcomes;

        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Welcomed && o.Text.StartsWith("The Meeting welcomed the proposal to establish a sub-group, or cluster", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Recommended && o.Text.Contains("cluster be open-ended and self-selecting", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Noted && o.Text == "The Meeting noted that additional clusters could be established in the future.");
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Welcomed && o.Text.StartsWith("The Meeting welcomed the offer of Thailand", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Agreed && o.Text.StartsWith("The Meeting agreed to the proposal by UNHCR", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Noted && o.Text.Contains("took note of the presentations", StringComparison.Ordinal));
        outcomes.Select(o => o.Sequence).ShouldBe(Enumerable.Range(1, outcomes.Count));
    }

    [Fact]
    public void Recognize_FirstAdHocGroupStatement_AttachesTheTwoAgreedExpertMeetingsToTheirSentence()
    {
        var agreed = Meeting("000").Outcomes.Single(o => o.Text.StartsWith("Two technical expert meetings were agreed", StringComparison.Ordinal));

        agreed.Verb.ShouldBe(OutcomeVerb.Agreed);
        agreed.Text.ShouldContain("a. The technical expert meeting on law enforcement cooperation which will be held from 29 September to 1 October 2009");
        agreed.Text.ShouldContain("b. The Meeting welcomed the offer of Thailand");
    }

    [Fact]
    public void Recognize_FirstAdHocGroupStatement_SkipsAgreedAsFollowsWithoutItems()
    {
        // Paragraph 12 ends "the meeting agreed as follows:" and is followed by headings, not list items.
        Meeting("000").Outcomes.ShouldNotContain(o => o.Text.EndsWith("as follows:", StringComparison.Ordinal));
    }

    [Fact]
    public void Recognize_SixteenthAhgSomStatement_ReadsHybridMeetingCoChairedByIndonesiaAndAustralia()
    {
        var document = TestFiles.RecognizeSeed("001");
        var meeting = document.Meeting.ShouldNotBeNull();

        document.Kind.ShouldBe(DocumentKind.CoChairsStatement);
        document.Title.ShouldBe("Co-Chairs' Statement: 16th Ad Hoc Group Senior Officials' Meeting");
        document.Date.ShouldBe(new DateOnly(2022, 12, 6));
        document.Warnings.ShouldBeEmpty();
        meeting.BodyCode.ShouldBe("AHG");
        meeting.Ordinal.ShouldBe(16);
        meeting.StartDate.ShouldBe(new DateOnly(2022, 12, 6));
        meeting.EndDate.ShouldBe(new DateOnly(2022, 12, 6));
        meeting.Place.ShouldBe("Bali, Indonesia");
        meeting.Format.ShouldBe(MeetingFormat.Hybrid);
        meeting.CoChairCodes.ShouldBe(new[] { "IDN", "AUS" });
    }

    [Fact]
    public void Recognize_SixteenthAhgSomStatement_ListsThirteenStatesAndThreeOrganisations()
    {
        var attendees = Meeting("001").Attendees;

        attendees.Select(a => a.Code).ShouldBe(
            new[] { "AUS", "BGD", "IDN", "MYS", "MDV", "NZL", "PAK", "PHL", "LKA", "ARE", "THA", "USA", "VNM", "IOM", "UNHCR", "UNODC" });
        attendees.ShouldAllBe(a => !a.IsObserver);
    }

    [Fact]
    public void Recognize_SixteenthAhgSomStatement_SplitsCoordinatedVerbsIntoSeparateOutcomes()
    {
        var outcomes = Meeting("001").Outcomes;

        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Noted && o.Text == "The meeting noted the WG-TIP's forward work plan.");
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Welcomed && o.Text.StartsWith("The meeting welcomed its progress towards the 2018 Strategy for Cooperation", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Commended && o.Text.StartsWith("The meeting commended the work of the Task Force on Planning and Preparedness", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Commended && o.Text.StartsWith("Members of the Ad-Hoc Group (AHG) commended progress", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Affirmed && o.Text.Contains("value of continuing virtual and hybrid meetings", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Noted && o.Text.StartsWith("The meeting took note the discussion", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Welcomed && o.Text == "The meeting welcomed progress towards the planning of the Eighth Bali Process Ministerial Conference.");
    }

    [Fact]
    public void Recognize_SixteenthAhgSomStatement_IgnoresMarkdownMarkup()
    {
        var document = TestFiles.RecognizeSeed("001");

        document.Title.ShouldNotContain("<sup>");
        document.Meeting!.Outcomes.ShouldAllBe(o => !o.Text.Contains("**", StringComparison.Ordinal) && !o.Text.StartsWith('#'));
    }

    [Fact]
    public void Recognize_SixthSomStatement_ReadsMeetingFromOpeningSentenceWithoutHeading()
    {
        var document = TestFiles.RecognizeSeed("003");
        var meeting = document.Meeting.ShouldNotBeNull();

        document.Kind.ShouldBe(DocumentKind.CoChairsStatement);
        document.Title.ShouldBe("Co-Chairs' Statement: Sixth Senior Officials Meeting");
        document.Date.ShouldBe(new DateOnly(2016, 3, 22));
        document.Warnings.ShouldHaveSingleItem().ShouldContain("no \"Co-Chairs' Statement\" heading");
        meeting.BodyCode.ShouldBe("SOM");
        meeting.Ordinal.ShouldBe(6);
        meeting.StartDate.ShouldBe(new DateOnly(2016, 3, 22));
        meeting.EndDate.ShouldBe(new DateOnly(2016, 3, 22));
        meeting.Place.ShouldBe("Bali");
        meeting.Format.ShouldBe(MeetingFormat.InPerson); // a venue and no word of virtual participation (issue 9)
        meeting.Attendees.ShouldBeEmpty();
    }

    [Fact]
    public void Recognize_SixthSomStatement_FindsOutcomesIncludingBothHalvesOfCoordinatedSentences()
    {
        var outcomes = Meeting("003").Outcomes;

        outcomes.Count.ShouldBe(15);
        outcomes.Select(o => o.Verb).Distinct().OrderBy(v => v).ShouldBe(
            new[] { OutcomeVerb.Agreed, OutcomeVerb.Noted, OutcomeVerb.Welcomed, OutcomeVerb.Endorsed, OutcomeVerb.Supported, OutcomeVerb.Commended, OutcomeVerb.Affirmed });
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Affirmed && o.Text.StartsWith("Participants reaffirmed the importance to international asylum systems", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Welcomed && o.Text.StartsWith("Participants welcomed the recommendations of the Bali Process Roundtable on Returns and Reintegration", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Noted && o.Text == "Participants took note of the proposed action plan for the five affected countries.");
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Endorsed && o.Text.StartsWith("Participants also endorsed the proposal", StringComparison.Ordinal));
        outcomes.ShouldContain(o => o.Verb == OutcomeVerb.Agreed && o.Text.Contains("draft Bali Declaration on People Smuggling, Trafficking in Persons and Related Transnational Crime", StringComparison.Ordinal));
    }
}

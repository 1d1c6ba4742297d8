namespace BaliProcess.Documents.Tests;

/// <summary>
/// The general rules of the meeting reader, each pinned by a short document written for the test: what is the
/// meeting's own date and place, and what is only mentioned (a publication line, a dateline's agency, an earlier
/// meeting recalled, a planned one).
/// </summary>
public sealed class MeetingReaderRuleTests
{
    private static readonly DocumentRecognizer Recognizer = new(TestFiles.Catalog);

    private static RecognizedDocument Recognize(string text) => Recognizer.Recognize(text, "document.txt");

    private static MeetingInfo Meeting(string text) => Recognize(text).Meeting ?? throw new ShouldAssertException("no meeting recognised");

    [Fact]
    public void Read_IndonesianFebruaryWithoutYear_IsDatedInThePublicationYear()
    {
        var meeting = Meeting(
            "SIARAN PERS\nJakarta, 2 Maret 2025\n\nPertemuan Kelompok Pengarah Bali Process berlangsung di Surabaya pada 24-25 Februari. Pertemuan dipimpin bersama oleh Indonesia dan Australia.");

        meeting.StartDate.ShouldBe(new DateOnly(2025, 2, 24));
        meeting.EndDate.ShouldBe(new DateOnly(2025, 2, 25));
        meeting.Place.ShouldBe("Surabaya");
    }

    [Fact]
    public void Read_NewsLeadSayingOnAWeekday_TakesThatDayCountedBackFromTheDateline()
    {
        var meeting = Meeting(
            "Harbour Times\n\nMinisters agree on data sharing\n\nSUVA, 14 March 2024 (Harbour Times) – Ministers from the region agreed on Tuesday to share more data on irregular boat departures, at the Ad Hoc Group meeting hosted by Fiji.");

        // 14 March 2024 was a Thursday: "on Tuesday" is 12 March.
        meeting.StartDate.ShouldBe(new DateOnly(2024, 3, 12));
        meeting.BodyCode.ShouldBe("AHG");
    }

    [Fact]
    public void Read_NewsLeadSayingToday_TakesTheDatelineDay()
    {
        var meeting = Meeting(
            "APIA, 9 May 2019 (Island Post) – The Steering Group of the Bali Process wrapped up its talks in Apia today with a plan for the next year.");

        meeting.StartDate.ShouldBe(new DateOnly(2019, 5, 9));
        meeting.BodyCode.ShouldBe("SG");
    }

    [Fact]
    public void Read_BannerLineEndingInADash_IsNotADatelineAndItsAgencyIsNotThePlace()
    {
        var meeting = Meeting(
            "NORTHERN NEWS AGENCY -- FILE COPY -- Item 12\n\nThe Working Group on Trafficking in Persons met on 3-4 June 2015 to compare victim identification practice.");

        meeting.Place.ShouldBeNull();
        meeting.StartDate.ShouldBe(new DateOnly(2015, 6, 3));
    }

    [Fact]
    public void Read_SiteNameAfterABarInTheTitle_IsNotThePlace()
    {
        var meeting = Meeting(
            "Officials review returns policy | Migration Weekly\n\nPosted 5 October 2021\n\nThe Technical Experts Group on Returns and Reintegration met on 4 October 2021 to review returns policy.");

        meeting.Place.ShouldBeNull();
    }

    [Fact]
    public void Read_RecalledEarlierConferenceInTheNextSentence_DoesNotDateTheMeeting()
    {
        var meeting = Meeting(
            "Fourteenth Ad Hoc Group Senior Officials' Meeting\n\n3 December 2020\n\nSenior officials of the Ad Hoc Group met for their fourteenth meeting. It was their first meeting since the Ministerial Conference of August 2018.");

        meeting.StartDate.ShouldBe(new DateOnly(2020, 12, 3));
        meeting.Ordinal.ShouldBe(14);
    }

    [Fact]
    public void Read_RecallingClauseAfterTheMeetingsDate_KeepsTheMeetingsDate()
    {
        var meeting = Meeting(
            "We, the Ministers, gathered in Darwin on 2 May 2029 at the Ninth Ministerial Conference, Recalling the Declaration of 4 April 2020 and the Eighth Ministerial Conference of 10 February 2023, declare our resolve.");

        meeting.StartDate.ShouldBe(new DateOnly(2029, 5, 2));
        meeting.BodyCode.ShouldBe("BPMC");
    }

    [Fact]
    public void Read_MeetingThatFollowedAnotherTheDayBefore_IsNotTakenForTheEarlierOne()
    {
        var meeting = Meeting(
            "Ministers met in Bangkok on 12 July 2022 for the Ministerial Conference of the Bali Process.\n\nThe conference followed a meeting of the Ad Hoc Group held in the same city on 11 July 2022.");

        meeting.BodyCode.ShouldBe("BPMC");
        meeting.StartDate.ShouldBe(new DateOnly(2022, 7, 12));
    }

    [Fact]
    public void Read_RetrospectiveIssuedYearsAfterTheMeetings_ReportsNoMeeting()
    {
        var document = Recognize(
            "Review of regional cooperation\n\nPublished 3 June 2024\n\nThe Ministerial Conference met in Bali on 26-28 February 2002 and again on 28-30 April 2003. Ministers convened a third time on 14-15 April 2009.");

        document.Meeting.ShouldBeNull();
    }

    [Fact]
    public void Read_StatementIssuedYearsAfterAMeetingItRecalls_ReportsNoMeeting()
    {
        var document = Recognize(
            "JOINT STATEMENT OF THE CO-CHAIRS\nHobart and Medan, 1 July 2026\n\nThe Regional Cooperation Framework was adopted at the Ministerial Conference held in March 2011.");

        document.Meeting.ShouldBeNull();
    }

    [Fact]
    public void Read_MeetingListedWithAVenueToBeConfirmed_IsNotAMeetingOfTheDocument()
    {
        var document = Recognize(
            "Work plan\n\nMeetings to support\n\n- Working Group on Trafficking in Persons: 8-9 October 2031 (venue to be confirmed)\n- Steering Group: date to be decided");

        document.Meeting.ShouldBeNull();
    }

    [Fact]
    public void Read_PlaceDateLineUnderTheTitle_DatesAndPlacesTheMeeting()
    {
        var meeting = Meeting("SECOND TASK FORCE ON PLANNING AND PREPAREDNESS MEETING\nKUCHING, MALAYSIA, 9 APRIL 2019\n\nCO-CHAIRS' STATEMENT\n\nMembers welcomed the exercise.");

        meeting.StartDate.ShouldBe(new DateOnly(2019, 4, 9));
        meeting.Place.ShouldBe("Kuching, Malaysia");
        meeting.BodyCode.ShouldBe("TFPP");
    }

    [Fact]
    public void Read_VenueBuildingBeforeTheCity_GivesTheCity()
    {
        var meeting = Meeting("The Steering Group met at the Riverside Convention Centre, Brisbane, on 5 March 2019.");

        meeting.Place.ShouldBe("Brisbane");
    }

    [Fact]
    public void Read_InsideTheNameOfTheBody_IsNotThePlace()
    {
        var meeting = Meeting("The second meeting of the Working Group on Trafficking in Persons was held on 7 May 2014 in Hanoi.");

        meeting.Place.ShouldBe("Hanoi");
    }

    [Fact]
    public void Read_MetInACityAndOnline_IsHybridWithThePlace()
    {
        var meeting = Meeting("Senior officials of the Ad Hoc Group met in Dili and online on 1 June 2023, several delegations joining by video link.");

        meeting.Format.ShouldBe(MeetingFormat.Hybrid);
        meeting.Place.ShouldBe("Dili");
    }

    [Fact]
    public void Read_VirtualEventPageWithADayLine_HasNoPlace()
    {
        var meeting = Meeting("Working Group on Disruption meets online\n\nWednesday, 2 March 2022\n\nOnline\n\nThe Working Group on Disruption met virtually for its fifth meeting.");

        meeting.Format.ShouldBe(MeetingFormat.Virtual);
        meeting.Place.ShouldBeNull();
    }

    [Fact]
    public void Read_AboutPageWithATimeline_ReportsNoMeeting()
    {
        var document = Recognize(
            "About the forum\n\nThe forum was established at a Ministerial Conference in Bali in February 2002.\n\nHistory\n\n- 2005: the Ad Hoc Group meets in Jakarta on 3 May\n- 12 June 2011 – Ministerial Conference in Bali");

        document.Meeting.ShouldBeNull();
    }

    [Fact]
    public void Read_MastheadDateAboveTheTitle_IsNotTheMeetingsDate()
    {
        var document = Recognize(
            "Daily Chronicle – Opinion\nKamis, 3 Maret 2022\n\nTwo decades of the regional meeting\n\nThe forum has grown since its first conference.");

        document.Meeting.ShouldBeNull();
    }

    [Fact]
    public void Read_OrdinaryCaseDatelineOfAPressRelease_IsTheIssueDateNotTheMeetings()
    {
        var meeting = Meeting(
            "SIARAN PERS\nNomor: 12/PR/2019\nUntuk segera disiarkan\nKeterangan lain\nBagian Humas\nJudul siaran\n\nMedan, 9 Mei 2019 – Kelompok Pengarah Bali Process menyelenggarakan pertemuan di Medan pada 7 Mei 2019. Pertemuan dipimpin bersama oleh Indonesia dan Australia.");

        meeting.StartDate.ShouldBe(new DateOnly(2019, 5, 7));
        meeting.BodyCode.ShouldBe("SG");
    }

    [Fact]
    public void Read_IndonesianBodyNameWithBaliProcessInside_IsTheBody()
    {
        var meeting = Meeting("Pertemuan Kelompok Kerja Bali Process tentang Perdagangan Orang berlangsung di Manado pada 2-3 Juli 2019.");

        meeting.BodyCode.ShouldBe("WG-TIP");
    }

    [Fact]
    public void Read_SeniorOfficialsMeetingOfAnotherBody_BelongsToThatBodyWithItsOrdinal()
    {
        var meeting = Meeting("The Ninth Senior Officials' Meeting of the Ad Hoc Group was held in Hanoi on 6 June 2016.");

        meeting.BodyCode.ShouldBe("AHG");
        meeting.Ordinal.ShouldBe(9);
    }

    [Fact]
    public void Read_YearOnlyInTheTitleBlock_DatesADayWithoutYear()
    {
        var meeting = Meeting(
            "STEERING GROUP\nThird Meeting — Suva, 2026\n\nThe Steering Group met in Suva on 4-5 March. Members recalled the lessons of May 2015.");

        meeting.StartDate.ShouldBe(new DateOnly(2026, 3, 4));
    }

    [Fact]
    public void Read_VenueWithDelegationsJoiningOnline_IsHybrid()
    {
        var meeting = Meeting("The Ad Hoc Group met in Kuala Lumpur on 2 April 2024, with some delegations joining online.");

        meeting.Format.ShouldBe(MeetingFormat.Hybrid);
        meeting.Place.ShouldBe("Kuala Lumpur");
    }

    [Fact]
    public void Read_VirtualMeetingAboutEventsInASea_HasNoPlace()
    {
        var meeting = Meeting("Following reports of boats in distress in the Timor Sea, the Steering Group convened a virtual meeting on 3 March 2021.");

        meeting.Format.ShouldBe(MeetingFormat.Virtual);
        meeting.Place.ShouldBeNull();
    }

    [Fact]
    public void Read_BuildingOnlyNearTheDate_GivesWayToTheDatelineCity()
    {
        var meeting = Meeting(
            "SUVA, 5 May 2022 (Island Wire) – Officials working on returns met in the Fijian capital this week under the regional process.\n\nThe Technical Experts Group on Returns and Reintegration held its meeting on 3-4 May 2022 at the Ministry of Home Affairs.");

        meeting.Place.ShouldBe("Suva");
    }

    [Theory]
    [InlineData("The Steering Group met in Apia on 4 May 2021 for its ninth meeting.", 9)]
    [InlineData("The Steering Group met in Apia on 4 May 2021. It was the group's third meeting.", 3)]
    [InlineData("The inaugural meeting of the Steering Group was held in Apia on 4 May 2021.", 1)]
    [InlineData("Pertemuan perdana Kelompok Pengarah berlangsung di Apia pada 4 Mei 2021.", 1)]
    [InlineData("Pertemuan Kelompok Pengarah (Steering Group) Bali Process kedelapan berlangsung di Apia pada 4 Mei 2021.", 8)]
    [InlineData("Pertemuan Kelompok Pengarah ke-5 berlangsung di Apia pada 4 Mei 2021.", 5)]
    public void Read_OrdinalWrittenInAnyOfTheUsualWays_IsTheMeetingsOrdinal(string text, int ordinal)
    {
        Meeting(text).Ordinal.ShouldBe(ordinal);
    }

    [Fact]
    public void Read_FirstInSomeYears_IsNoOrdinalAndTheNextSentenceGivesIt()
    {
        var meeting = Meeting(
            "Ministers met in Perth on 3 March 2027 for the first Bali Process ministerial meeting in six years. The Ninth Ministerial Conference was co-chaired by Indonesia and Australia.");

        meeting.Ordinal.ShouldBe(9);
    }

    [Fact]
    public void Read_OrdinalOfAMeetingWhereSomethingWasDiscussed_IsNotTheMeetingsOrdinal()
    {
        var meeting = Meeting("The Steering Group met in Apia on 4 May 2021. Members adopted the guide first discussed at its second meeting.");

        meeting.Ordinal.ShouldBeNull();
    }

    [Fact]
    public void Read_OrdinaryCaseDatelineWithAnAgency_GivesTheCityNotTheAgency()
    {
        var meeting = Meeting(
            "Kupang (Kabar Timur) - Pertemuan Kelompok Pengarah Bali Process digelar pada Rabu (4/5/2022) secara tatap muka. Pertemuan dipimpin bersama oleh Indonesia dan Australia.");

        meeting.Place.ShouldBe("Kupang");
        meeting.StartDate.ShouldBe(new DateOnly(2022, 5, 4));
    }

    [Fact]
    public void Read_SentenceWithDashesAfterItsSubject_IsNotADateline()
    {
        var meeting = Meeting("The Co-Chairs - Indonesia and Australia - convened the Steering Group in Suva on 3 May 2022.");

        meeting.Place.ShouldBe("Suva");
    }

    [Fact]
    public void Read_MediaReleaseSayingTodayWithoutADateline_TakesTheReleaseDate()
    {
        var meeting = Meeting(
            "MEDIA RELEASE\nMinister for Home Affairs\n9 October 2025\n\nRegional partners meet in Port Moresby\n\nThe Minister today attended the Ad Hoc Group Senior Officials' Meeting in Port Moresby.");

        meeting.StartDate.ShouldBe(new DateOnly(2025, 10, 9));
        meeting.BodyCode.ShouldBe("AHG");
    }

    [Fact]
    public void Read_MetLastWeekOnADate_KeepsThatDate()
    {
        var meeting = Meeting("The Steering Group met last week, on 5 May 2022, in Suva to plan the year.");

        meeting.StartDate.ShouldBe(new DateOnly(2022, 5, 5));
    }

    [Theory]
    [InlineData("Jakarta, 3 Mei 2022 – Indonesia dan Australia memimpin Pertemuan Kelompok Pengarah Bali Process di Jakarta pada 2 Mei 2022.")]
    [InlineData("Indonesia and Australia chaired the Steering Group meeting held in Jakarta on 2 May 2022.")]
    public void Read_TwoStatesChairingTogether_AreTheCoChairs(string text)
    {
        Meeting(text).CoChairCodes.ShouldBe(["IDN", "AUS"]);
    }

    [Fact]
    public void Read_OneMinisterLeadingADelegation_IsNoCoChair()
    {
        Meeting("The Steering Group met in Jakarta on 2 May 2022. The Foreign Minister of Fiji led the delegation of Fiji.").CoChairCodes.ShouldBeEmpty();
    }

    [Fact]
    public void Read_ChairedByTwoStates_AreTheCoChairs()
    {
        Meeting("The Steering Group met online on 8 June 2021, chaired by Indonesia and Australia.").CoChairCodes.ShouldBe(["IDN", "AUS"]);
    }

    [Fact]
    public void Read_IsoDateOnAnEventPage_DatesTheMeeting()
    {
        Meeting("The Steering Group met in Suva on 2022-05-03 to plan the year.").StartDate.ShouldBe(new DateOnly(2022, 5, 3));
    }

    [Fact]
    public void Read_StatementPostedYearsLaterWithItsDateUnderTheTitle_KeepsItsMeeting()
    {
        var meeting = Meeting(
            "Posted 3 March 2021\n\nTwelfth Ad Hoc Group Senior Officials' Meeting\n26 November 2019\n\nSenior officials of the Ad Hoc Group met in Bangkok on 26 November 2019.");

        meeting.StartDate.ShouldBe(new DateOnly(2019, 11, 26));
        meeting.BodyCode.ShouldBe("AHG");
    }
}

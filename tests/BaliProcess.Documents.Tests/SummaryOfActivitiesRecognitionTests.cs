namespace BaliProcess.Documents.Tests;

/// <summary>The 2002-09 summary of activities: 36 dated entries, one undated bullet, wrapped lines, glued headings.</summary>
public class SummaryOfActivitiesRecognitionTests
{
    private static IReadOnlyList<ActivityInfo> Activities => TestFiles.RecognizeSeed("002").Activities;

    private static ActivityInfo Single(int year, int month, string titleStart) =>
        Activities.Single(a => a.Year == year && a.Month == month && a.Title.StartsWith(titleStart, StringComparison.Ordinal));

    [Fact]
    public void Recognize_SummaryOfActivities_IsSummaryWithTitleAndNoDocumentDate()
    {
        var document = TestFiles.RecognizeSeed("002");

        document.Kind.ShouldBe(DocumentKind.SummaryOfActivities);
        document.Title.ShouldBe("Bali Process Summary of Activities");
        document.Date.ShouldBeNull();
        document.Meeting.ShouldBeNull();
        document.ProgressReport.ShouldBeNull();
    }

    [Fact]
    public void Recognize_SummaryOfActivities_FindsAllThirtySixDatedActivitiesInDateOrder()
    {
        Activities.Count.ShouldBe(36);
        Activities.Select(a => (a.Year * 100) + a.Month).ShouldBeInOrder(SortDirection.Ascending);
        Activities.ShouldAllBe(a => a.Day == null && a.Title.Length > 0);
    }

    [Fact]
    public void Recognize_SummaryOfActivities_WarnsAboutTheUndatedWebsiteBullet()
    {
        TestFiles.RecognizeSeed("002").Warnings.ShouldHaveSingleItem().ShouldStartWith("1 undated list item(s) skipped");
        Activities.ShouldNotContain(a => a.Title.Contains("website", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Recognize_SummaryOfActivities_FirstIsBaliIMinisterialConference()
    {
        var first = Activities[0];

        first.ShouldBe(new ActivityInfo(
            2002, 2, null,
            "First Regional Ministerial Conference (Bali I) on People Smuggling, Trafficking in Persons and Related Transnational Crime",
            "Bali", null, "BPMC", ActivityKind.MinisterialConference, null));
    }

    [Fact]
    public void Recognize_SummaryOfActivities_LastIsOctober2009InformationCampaignsWorkshop()
    {
        var last = Activities[^1];

        last.ShouldBe(new ActivityInfo(
            2009, 10, null, "Group Best Practice Information Campaigns to Combat People Smuggling", null, null, null, ActivityKind.Workshop, null));
    }

    [Fact]
    public void Recognize_SummaryOfActivities_ReadsAhegBodiesPlacesAndProducts()
    {
        Single(2002, 9, "AHEG II legislation workshop").ShouldBe(new ActivityInfo(
            2002, 9, null, "AHEG II legislation workshop", "Port Dickson", null, "AHEG-II", ActivityKind.Workshop,
            "model legislation to criminalize people smuggling and trafficking"));
        Single(2002, 9, "AHEG I meeting").ShouldBe(new ActivityInfo(
            2002, 9, null, "AHEG I meeting on Plan of Action", "Bandar Seri Begawan", null, "AHEG-I", ActivityKind.Meeting, "Plan of Action"));
        Single(2002, 11, "AHEG II law enforcement").Place.ShouldBe("Shenzhen");
        Single(2003, 3, "AHEG I best practices workshop").Place.ShouldBe("Bangkok");
        Single(2004, 4, "AHEG I refugee status determination workshop").Place.ShouldBe("Fiji");
        Activities.Count(a => a.BodyCode == "AHEG-I").ShouldBe(5);
        Activities.Count(a => a.BodyCode == "AHEG-II").ShouldBe(6);
    }

    [Fact]
    public void Recognize_SummaryOfActivities_ReadsCoordinatorsAsMemberCodes()
    {
        var macau = Single(2004, 9, "Best Practices in Operational Cooperation workshop");
        macau.Coordinator.ShouldBe("THA");
        macau.Place.ShouldBe("Macau SAR");

        var colombo = Single(2004, 12, "Multi Jurisdictional People Smuggling Targeting Meeting");
        colombo.Coordinator.ShouldBe("THA");
        colombo.Place.ShouldBe("Colombo, Sri Lanka");
        colombo.Kind.ShouldBe(ActivityKind.Meeting);
    }

    [Fact]
    public void Recognize_SummaryOfActivities_JoinsTheWrappedNovember2004Entry()
    {
        var seoul = Single(2004, 11, "Protection of Victims");

        seoul.Title.ShouldBe("Protection of Victims of International Trafficking and Public Awareness");
        seoul.Place.ShouldBe("Seoul, Korea");
        seoul.Coordinator.ShouldBe("NZL");
        seoul.Kind.ShouldBe(ActivityKind.Workshop);
    }

    [Fact]
    public void Recognize_SummaryOfActivities_KeepsCommasInsideTitlesApartFromPlaces()
    {
        var bali = Single(2004, 12, "Protection, Return and Reintegration");

        bali.Title.ShouldBe("Protection, Return and Reintegration of the Victims of Human Trafficking");
        bali.Place.ShouldBe("Bali, Indonesia");
    }

    [Fact]
    public void Recognize_SummaryOfActivities_ClassifiesMeetingsOfBodies()
    {
        Single(2004, 6, "Bali process Senior Officials").ShouldSatisfyAllConditions(
            a => a.Kind.ShouldBe(ActivityKind.SeniorOfficialsMeeting),
            a => a.BodyCode.ShouldBe("SOM"),
            a => a.Place.ShouldBe("Brisbane"));
        Single(2009, 4, "Third Bali Process Ministerial Meeting").ShouldSatisfyAllConditions(
            a => a.Kind.ShouldBe(ActivityKind.MinisterialConference),
            a => a.BodyCode.ShouldBe("BPMC"),
            a => a.Place.ShouldBeNull());
        Single(2009, 7, "First Ad Hoc Group Meeting").ShouldSatisfyAllConditions(
            a => a.Kind.ShouldBe(ActivityKind.AdHocGroupMeeting),
            a => a.BodyCode.ShouldBe("AHG"),
            a => a.Place.ShouldBe("Bali"));
        Activities.Count(a => a.Kind == ActivityKind.MinisterialConference).ShouldBe(3);
    }

    [Fact]
    public void Recognize_SummaryOfActivities_RecognisesSideEvents()
    {
        var sideEvents = Activities.Where(a => a.Kind == ActivityKind.SideEvent).ToList();

        sideEvents.Select(a => (a.Year, a.Month)).ShouldBe(new[] { (2006, 9), (2008, 2) });
        sideEvents[0].Place.ShouldBe("New York");
        sideEvents[1].Place.ShouldBeNull();
    }

    [Fact]
    public void Recognize_SummaryOfActivities_DropsTheHeadingGluedToTheColomboEntry()
    {
        // "· March 2003: AHEG I meeting on review of work, Colombo. Participants ... Activities since Bali II"
        Single(2003, 3, "AHEG I meeting on review of work").ShouldSatisfyAllConditions(
            a => a.Title.ShouldBe("AHEG I meeting on review of work"),
            a => a.Place.ShouldBe("Colombo"));
    }
}

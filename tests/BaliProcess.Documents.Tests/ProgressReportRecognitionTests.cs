namespace BaliProcess.Documents.Tests;

/// <summary>The October 2017 Ad Hoc Group Progress Report: six themes, 29 actions, continuation rows and a footnote.</summary>
public class ProgressReportRecognitionTests
{
    private static ProgressReportInfo Report =>
        TestFiles.RecognizeSeed("004").ProgressReport ?? throw new ShouldAssertException("seed 004: no progress report recognised");

    private static ProgressActionInfo Action(string number) => Report.Themes.SelectMany(t => t.Actions).Single(a => a.Number == number);

    [Fact]
    public void Recognize_ProgressReport_IsProgressReportDatedOctober2017()
    {
        var document = TestFiles.RecognizeSeed("004");

        document.Kind.ShouldBe(DocumentKind.ProgressReport);
        document.Title.ShouldBe("Ad Hoc Group Progress Report: October 2017");
        document.Date.ShouldBe(new DateOnly(2017, 10, 1));
        document.Warnings.ShouldBeEmpty();
        Report.Title.ShouldBe("Ad Hoc Group Progress Report: October 2017");
        Report.Date.ShouldBe(new DateOnly(2017, 10, 1));
    }

    [Fact]
    public void Recognize_ProgressReport_ReadsSixThemesWhetherNumberedOrNot()
    {
        Report.Themes.Select(t => (t.Number, t.Title.ToLowerInvariant())).ShouldBe(new[]
        {
            (1, "law enforcement cooperation and capacity building"),
            (2, "information and intelligence sharing"),
            (3, "border management"),
            (4, "cooperation on returns and reintegration"),
            (5, "protection and asylum management"),
            (6, "member engagement and outreach"),
        });
    }

    [Fact]
    public void Recognize_ProgressReport_ReadsExactlyTwentyNineActionsUnderTheirThemes()
    {
        var numbers = Report.Themes.SelectMany(t => t.Actions.Select(a => a.Number)).ToList();

        numbers.ShouldBe(new[]
        {
            "1.1", "1.2", "1.3", "1.4", "1.5", "1.6",
            "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
            "3.1", "3.2", "3.3", "3.4", "3.5", "3.6",
            "4.1", "4.2",
            "5.1", "5.2", "5.3", "5.4",
            "6.1", "6.2", "6.3", "6.4", "6.5",
        });
        Report.Themes.ShouldAllBe(t => t.Actions.All(a => a.Number.StartsWith($"{t.Number}.", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("1.1", "RSO", new[] { "RSO" }, new string[0])]
    [InlineData("1.2", "TIPs Working Group", new[] { "WG-TIP" }, new string[0])]
    [InlineData("1.3", "AHG members", new[] { "AHG members" }, new string[0])]
    [InlineData("1.5", "TIPs WG", new[] { "WG-TIP" }, new string[0])]
    [InlineData("2.1", "UNODC & members", new[] { "UNODC", "members" }, new string[0])]
    [InlineData("2.2", "RSO as coordination point", new[] { "RSO" }, new string[0])]
    [InlineData("2.3", "Bangladesh, Australia, IOM", new[] { "BGD", "AUS", "IOM" }, new string[0])]
    [InlineData("2.4", "TIP WG", new[] { "WG-TIP" }, new string[0])]
    [InlineData("2.5", "RSO (NZ funded)", new[] { "RSO" }, new[] { "NZ" })]
    [InlineData("2.6", "RSO (Canada funded)", new[] { "RSO" }, new[] { "Canada" })]
    [InlineData("3.2", "TEWG", new[] { "TEWG" }, new string[0])]
    [InlineData("3.6", "RSO / CIFAL / KOICA", new[] { "RSO", "CIFAL", "KOICA" }, new string[0])]
    [InlineData("4.1", "RSO/IOM", new[] { "RSO", "IOM" }, new string[0])]
    [InlineData("4.2", "Australia & AHG members", new[] { "AUS", "AHG members" }, new string[0])]
    [InlineData("5.3", "RSO & CIFAL- Jeju (South Korea)", new[] { "RSO", "CIFAL-Jeju (South Korea)" }, new string[0])]
    [InlineData("6.1", "", new string[0], new string[0])]
    [InlineData("6.3", "Affected/interested Bali Process members, led by Co-Chairs", new[] { "Affected/interested Bali Process members", "CO-CHAIRS" }, new string[0])]
    [InlineData("6.4", "Affected/interested Bali Process members, RSO, IOM, UNHCR", new[] { "Affected/interested Bali Process members", "RSO", "IOM", "UNHCR" }, new string[0])]
    public void Recognize_ProgressReport_ParsesWhoIntoLeadsAndFunders(string number, string whoRaw, string[] leads, string[] funders)
    {
        var action = Action(number);

        action.WhoRaw.ShouldBe(whoRaw);
        action.Leads.ShouldBe(leads);
        action.Funders.ShouldBe(funders);
    }

    [Fact]
    public void Recognize_ProgressReport_JoinsActionTextContinuedAfterThePageBreakFootnote()
    {
        var action = Action("4.1");

        action.Text.ShouldBe("Encourage countries of origin to undertake voluntary repatriation and/or the return of those found not to be in need of international protection. Consider expanding the AVRR project.");
        action.DetailParagraphs.ShouldHaveSingleItem().ShouldBe(
            "The AVRR Project was implemented by IOM under the auspices of the RSO. Since 1 July 2012, the project has facilitated over 900 migrants in returning to their countries of origin from Bali Process Member States, including 127 migrants between July 2016 and June 2017.");
    }

    [Fact]
    public void Recognize_ProgressReport_DropsFootnoteLinesAndMarkers()
    {
        var allText = Report.Themes.SelectMany(t => t.Actions)
            .SelectMany(a => a.DetailParagraphs.Append(a.Text).Append(a.WhoRaw))
            .ToList();

        allText.ShouldAllBe(text => !text.Contains("iom.int", StringComparison.Ordinal) && !text.Contains('¹'));
    }

    [Fact]
    public void Recognize_ProgressReport_ContinuesAParagraphCutMidSentence()
    {
        var action = Action("1.1");

        action.DetailParagraphs.Count.ShouldBe(4);
        action.DetailParagraphs[0].ShouldStartWith("1) Meeting of Regional Training Centres of Excellence held in Bali 6-8 October 2015.");
        action.DetailParagraphs[3].ShouldContain("list relevant training courses and training materials in the Catalogue. Contributors retain full ownership");
    }

    [Fact]
    public void Recognize_ProgressReport_StartsANewParagraphForAContinuationThatStartsASentence()
    {
        var action = Action("1.3");

        action.DetailParagraphs.Count.ShouldBe(3);
        action.DetailParagraphs[2].ShouldBe("Joint efforts contributed to 72 persons being convicted of human trafficking and people smuggling offences. It also led to the identification of 23 new suspects, 10 arrests, and nine new investigations being launched.");
    }

    [Fact]
    public void Recognize_ProgressReport_TurnsHtmlListsIntoPlainParagraphs()
    {
        var action = Action("2.3");

        action.DetailParagraphs.ShouldBe(new[]
        {
            "Australia continues to progress the implementation of a pilot, joint information campaign with Bangladesh. IOM Bangladesh is contracted to deliver the information campaign which aims to reduce irregular migration by sea from Bangladesh to Australia. IOM has delivered the following campaign outputs during the period June 2016 – June 2017:",
            "Conducted consultation and awareness raising sessions on regular migration and the dangers of irregular migration to target audiences including 7,121 students in 135 schools, 1,744 community and religious leaders at 64 Union level meetings and 149 community and religious leaders at four District level meetings.",
            "Organised 224 street theatre performances to a combined audience of more than 100,000 people in four districts (Cox’s Bazar, Narayanganj, Narsingdi and Sirajganj). Each performance was followed by a discussion session with the audience about the risks of irregular migration and the benefits of migrating through regular, lawful channels. Managed the development of a mobile game application (app), titled ‘Bidesh Jai’ (Translates as ‘Going abroad’). The game app aims to raise awareness and change the behaviour of people who are at risk of choosing irregular migration pathways. The app will be available to download in the near future and will be actively promoted over a three-month period through social media and field activation work to maximise uptake by target audiences.",
        });
    }

    [Fact]
    public void Recognize_ProgressReport_RemovesInlineTagsFromTextAndDetails()
    {
        Action("2.5").Text.ShouldBe("Develop training materials and pilot workshop on the use of the Bali Process Handbook on Addressing Irregular Migration through Effective Information Campaigns");
        Action("2.1").DetailParagraphs[0].ShouldContain("Authorities from 23 states and territories");
        Action("5.2").DetailParagraphs[0].ShouldContain("thematic brief on “Access to Asylum Procedures”.");
        Report.Themes.SelectMany(t => t.Actions).SelectMany(a => a.DetailParagraphs.Append(a.Text))
            .ShouldAllBe(text => !text.Contains('<') && !text.Contains('>'));
    }

    [Fact]
    public void Recognize_ProgressReport_ExtractsConvictionsArrestsAndSuspects()
    {
        var quantities = Action("1.3").Quantities;

        quantities.ShouldContain(q => q.Value == 72m && q.Unit == "persons convicted" && q.Phrase == "72 persons being convicted of human trafficking and people smuggling offences");
        quantities.ShouldContain(q => q.Value == 10m && q.Unit == "arrests" && q.Phrase == "10 arrests");
        quantities.ShouldContain(q => q.Value == 23m && q.Unit == "new suspects");
        quantities.ShouldContain(q => q.Value == 30m && q.Unit == "arrests" && q.Phrase.StartsWith("over 30 arrests", StringComparison.Ordinal));
    }

    [Fact]
    public void Recognize_ProgressReport_CarriesReturnedOverToTheSecondMigrantCount()
    {
        var quantities = Action("4.1").Quantities;

        quantities.ShouldContain(q => q.Value == 900m && q.Unit == "migrants returned" && q.Phrase.StartsWith("over 900 migrants in returning", StringComparison.Ordinal));
        quantities.ShouldContain(q => q.Value == 127m && q.Unit == "migrants returned");
    }

    [Fact]
    public void Recognize_ProgressReport_ExtractsLanguagesParticipantsAndCountries()
    {
        Action("1.2").Quantities.ShouldContain(q => q.Value == 14m && q.Unit == "languages");
        Action("1.5").Quantities.ShouldContain(q => q.Value == 91m && q.Unit == "participants");
        Action("1.5").Quantities.ShouldContain(q => q.Value == 37m && q.Unit == "countries");
    }

    [Fact]
    public void Recognize_ProgressReport_ReadsNumbersWithThousandsSeparators()
    {
        var quantities = Action("2.3").Quantities;

        quantities.ShouldContain(q => q.Value == 7121m && q.Unit == "students");
        quantities.ShouldContain(q => q.Value == 100000m && q.Unit == "people" && q.Phrase == "more than 100,000 people in four districts");
    }

    [Fact]
    public void Recognize_ProgressReport_DoesNotCountDatesOrdinalsOrRangesAsQuantities()
    {
        // 1.1 has "6-8 October 2015", "2nd Meeting", "18-20 July 2017" and "July 2018"; only "20 ... states" counts.
        Action("1.1").Quantities.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            q => q.Value.ShouldBe(20m),
            q => q.Unit.ShouldBe("states"));
        Action("3.6").Quantities.ShouldBeEmpty();
    }
}

namespace BaliProcess.Documents.Tests;

public class NameCatalogTests
{
    private static NameCatalog Catalog => TestFiles.Catalog;

    [Theory]
    [InlineData("Viet Nam", "VNM")]
    [InlineData("Vietnam", "VNM")]
    [InlineData("UAE", "ARE")]
    [InlineData("USA", "USA")]
    [InlineData("United States", "USA")]
    [InlineData("US", "USA")]
    [InlineData("Lao PDR", "LAO")]
    [InlineData("Laos", "LAO")]
    [InlineData("Türkiye", "TUR")]
    [InlineData("Turkey", "TUR")]
    [InlineData("Republic of Korea", "KOR")]
    [InlineData("South Korea", "KOR")]
    [InlineData("ROK", "KOR")]
    [InlineData("Korea", "KOR")]
    [InlineData("DPR Korea", "PRK")]
    [InlineData("the Maldives", "MDV")]
    [InlineData("Maldives", "MDV")]
    [InlineData("the Philippines", "PHL")]
    [InlineData("International Organization for Migration", "IOM")]
    [InlineData("Office of the United Nations High Commissioner for Refugees", "UNHCR")]
    [InlineData("United Nations High Commissioner for Refugees", "UNHCR")]
    [InlineData("United Nations Office on Drugs and Crime", "UNODC")]
    [InlineData("International Labour Organization", "ILO")]
    [InlineData("ASEAN Secretariat", "ASEAN")]
    [InlineData("Hong Kong SAR China", "HKG")]
    [InlineData("Macau SAR", "MAC")]
    [InlineData("France (New Caledonia)", "NCL")]
    [InlineData("  new   zealand. ", "NZL")]
    [InlineData("IDN", "IDN")]
    [InlineData("TIPs Working Group", "WG-TIP")]
    [InlineData("TIPs WG", "WG-TIP")]
    [InlineData("TIP WG", "WG-TIP")]
    [InlineData("WG-TIP", "WG-TIP")]
    [InlineData("RRG", "TEG-RR")]
    [InlineData("Taskforce on Planning and Preparedness", "TFPP")]
    [InlineData("Regional Support Office", "RSO")]
    [InlineData("AHEG II", "AHEG-II")]
    public void Resolve_KnownNameOrVariant_GivesItsCode(string text, string code)
    {
        Catalog.Resolve(text).ShouldNotBeNull().Code.ShouldBe(code);
    }

    [Theory]
    [InlineData("Sri Lankan")]
    [InlineData("Indonesian")]
    [InlineData("us")]
    [InlineData("uae")]
    [InlineData("France")]
    [InlineData("AHG members")]
    [InlineData("")]
    public void Resolve_AdjectiveLowerCaseAcronymOrUnknown_ReturnsNull(string text)
    {
        Catalog.Resolve(text).ShouldBeNull();
    }

    [Fact]
    public void FindAll_AttendeeSentence_FindsEachNameOnceInOrderLongestFirst()
    {
        const string sentence = "Attended by Afghanistan, DPR Korea, the Republic of Korea, Hong Kong SAR China, China, the Office of the United Nations High Commissioner for Refugees, Afghanistan again, and the ASEAN Secretariat.";

        Catalog.FindAll(sentence).Select(e => e.Code).ShouldBe(new[] { "AFG", "PRK", "KOR", "HKG", "CHN", "UNHCR", "ASEAN" });
    }

    [Fact]
    public void FindAll_AdjectivesAndPronouns_MatchNothing()
    {
        Catalog.FindAll("Sri Lankans and Afghans told us about Indonesian and Thai practice.").ShouldBeEmpty();
    }

    [Fact]
    public void FindAll_NameBrokenAcrossLines_StillMatches()
    {
        Catalog.FindAll("representatives of New\nZealand and Viet  Nam").Select(e => e.Code).ShouldBe(new[] { "NZL", "VNM" });
    }

    [Fact]
    public void FindAll_CurlyApostrophe_MatchesStraightApostropheVariant()
    {
        Catalog.FindAll("the Bali Process Senior Officials’ Meeting").ShouldHaveSingleItem().Code.ShouldBe("SOM");
    }

    [Fact]
    public void FromReferenceJson_ObserversOrganisationsAndBodies_AreFlagged()
    {
        Catalog.Resolve("ASEAN Secretariat").ShouldSatisfyAllConditions(
            e => e!.IsObserver.ShouldBeTrue(),
            e => e!.IsOrganisation.ShouldBeTrue(),
            e => e!.IsBody.ShouldBeFalse());
        Catalog.Resolve("Canada").ShouldSatisfyAllConditions(e => e!.IsObserver.ShouldBeTrue(), e => e!.IsOrganisation.ShouldBeFalse());
        Catalog.Resolve("IOM").ShouldSatisfyAllConditions(e => e!.IsObserver.ShouldBeFalse(), e => e!.IsOrganisation.ShouldBeTrue());
        Catalog.Resolve("Thailand").ShouldSatisfyAllConditions(e => e!.IsObserver.ShouldBeFalse(), e => e!.IsOrganisation.ShouldBeFalse());
        Catalog.Resolve("Ad Hoc Group")!.IsBody.ShouldBeTrue();
    }

    [Fact]
    public void FromReferenceJson_RsoIsBothMemberAndBody_IsOneEntryWithBothSetsOfNames()
    {
        Catalog.Entries.Count(e => e.Code == "RSO").ShouldBe(1);
        Catalog.Resolve("Bali Process Regional Support Office")!.Code.ShouldBe("RSO");
    }

    [Fact]
    public void Constructor_HandBuiltEntries_MatchCaseSensitiveAcronymsOnlyInCapitals()
    {
        var catalog = new NameCatalog(
        [
            new NameEntry("USA", "United States of America", ["US"], IsObserver: false, IsOrganisation: false),
            new NameEntry("XYZ", "Example Body", [], IsObserver: false, IsOrganisation: false, IsBody: true),
        ]);

        catalog.FindAll("Tell us about the US and the example body.").Select(e => e.Code).ShouldBe(new[] { "USA", "XYZ" });
    }

    [Fact]
    public void FromReferenceJson_MinimalDocument_BuildsCatalog()
    {
        const string json = """{ "members": [ { "code": "IDN", "kind": "MemberState", "name": "Indonesia", "variants": ["Republic of Indonesia"], "memberSince": 2002 } ], "bodies": [] }""";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        var catalog = NameCatalog.FromReferenceJson(stream);

        catalog.Resolve("Republic of Indonesia")!.Code.ShouldBe("IDN");
        catalog.Entries.ShouldHaveSingleItem();
    }
}

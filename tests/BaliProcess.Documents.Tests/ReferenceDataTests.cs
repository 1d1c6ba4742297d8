using System.Text.Json;

namespace BaliProcess.Documents.Tests;

/// <summary>
/// The Directory module's reference data is the single source of truth for members and bodies; these tests hold it
/// to the schema the web app reads and to the facts the importer relies on.
/// </summary>
public class ReferenceDataTests
{
    private static readonly string[] MemberKinds = ["MemberState", "MemberOrganisation", "ObserverState", "ObserverOrganisation", "SupportOffice"];
    private static readonly string[] BodyKinds = ["Ministerial", "Governance", "WorkingGroup", "ExpertGroup", "TaskForce", "Forum", "Office", "Network"];
    private static readonly string[] Statuses = ["Active", "Dormant", "Historical"];

    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(TestFiles.ReferenceDataPath)));

    private static List<JsonElement> Members => [.. Document.Value.RootElement.GetProperty("members").EnumerateArray()];

    private static List<JsonElement> Bodies => [.. Document.Value.RootElement.GetProperty("bodies").EnumerateArray()];

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString()!;

    private static JsonElement Body(string code) => Bodies.Single(b => Text(b, "code") == code);

    [Fact]
    public void ReferenceData_MemberStates_AreTheFortyFiveStatesAndTerritories()
    {
        var codes = Members.Where(m => Text(m, "kind") == "MemberState").Select(m => Text(m, "code")).Order(StringComparer.Ordinal);

        codes.ShouldBe(new[]
        {
            "AFG", "ARE", "AUS", "BGD", "BRN", "BTN", "CHN", "FJI", "HKG", "IDN", "IND", "IRN", "IRQ", "JOR", "JPN",
            "KHM", "KIR", "KOR", "LAO", "LKA", "MAC", "MDV", "MMR", "MNG", "MYS", "NCL", "NPL", "NRU", "NZL", "PAK",
            "PHL", "PLW", "PNG", "PRK", "SGP", "SLB", "SYR", "THA", "TLS", "TON", "TUR", "USA", "VNM", "VUT", "WSM",
        });
    }

    [Fact]
    public void ReferenceData_MemberOrganisationsObserversAndRso_HaveTheirKinds()
    {
        string KindOf(string code) => Text(Members.Single(m => Text(m, "code") == code), "kind");

        new[] { "IOM", "UNHCR", "UNODC", "ILO" }.Select(KindOf).ShouldAllBe(kind => kind == "MemberOrganisation");
        KindOf("ASEAN").ShouldBe("ObserverOrganisation");
        KindOf("RSO").ShouldBe("SupportOffice");
        Members.ShouldContain(m => Text(m, "kind") == "ObserverState");
    }

    [Fact]
    public void ReferenceData_EveryMember_HasUniqueCodeKnownKindNameAndVariants()
    {
        Members.Select(m => Text(m, "code")).ShouldBeUnique();
        Members.ShouldAllBe(m => MemberKinds.Contains(Text(m, "kind")) && Text(m, "name").Length > 0);
        Members.ShouldAllBe(m => m.GetProperty("variants").ValueKind == JsonValueKind.Array);
    }

    [Fact]
    public void ReferenceData_MemberSince_IsOnlyGivenForKnownOriginalMembers()
    {
        // Membership years are recorded only where certain (2002 founding participants); unknown stays null.
        var years = Members.Where(m => m.GetProperty("memberSince").ValueKind != JsonValueKind.Null)
            .ToDictionary(m => Text(m, "code"), m => m.GetProperty("memberSince").GetInt32());

        years.Values.ShouldAllBe(year => year == 2002);
        years.Keys.ShouldContain("IDN");
        years.Keys.ShouldContain("AUS");
    }

    [Fact]
    public void ReferenceData_Variants_DoNotIncludeAdjectives()
    {
        var variants = Members.SelectMany(m => m.GetProperty("variants").EnumerateArray().Select(v => v.GetString()!)).ToList();

        variants.ShouldNotContain("Sri Lankan");
        variants.ShouldAllBe(v => !v.EndsWith("ese", StringComparison.Ordinal) && !v.EndsWith("ian", StringComparison.Ordinal));
    }

    [Fact]
    public void ReferenceData_Bodies_AreTheKnownBodiesWithValidKindsAndStatuses()
    {
        Bodies.Select(b => Text(b, "code")).Order(StringComparer.Ordinal).ShouldBe(new[]
        {
            "AHEG-I", "AHEG-II", "AHG", "BPMC", "CO-CHAIRS", "GABF", "RILON", "RSO", "SG", "SOM", "TEG-RR", "TEWG", "TFPP", "WG-D", "WG-TIP",
        });
        Bodies.ShouldAllBe(b => BodyKinds.Contains(Text(b, "kind")) && Statuses.Contains(Text(b, "status")) && Text(b, "description").Length > 0);
    }

    [Theory]
    [InlineData("AHEG-I", "Historical")]
    [InlineData("AHEG-II", "Historical")]
    [InlineData("TEWG", "Dormant")]
    [InlineData("RILON", "Dormant")]
    [InlineData("AHG", "Active")]
    [InlineData("WG-TIP", "Active")]
    public void ReferenceData_BodyStatus_MatchesTheRecord(string code, string status)
    {
        Text(Body(code), "status").ShouldBe(status);
    }

    [Fact]
    public void ReferenceData_BodyChairsAndMembers_ReferToKnownMembers()
    {
        var memberCodes = Members.Select(m => Text(m, "code")).ToHashSet(StringComparer.Ordinal);

        foreach (var body in Bodies)
        {
            var referenced = body.GetProperty("chairs").EnumerateArray().Concat(body.GetProperty("members").EnumerateArray()).Select(e => e.GetString()!);
            referenced.ShouldAllBe(code => memberCodes.Contains(code), $"body {Text(body, "code")}");
        }

        Body("AHG").GetProperty("chairs").EnumerateArray().Select(e => e.GetString()).ShouldBe(new[] { "IDN", "AUS" });
    }

    [Fact]
    public void ReferenceData_NamedVariants_ResolveThroughTheCatalog()
    {
        var catalog = TestFiles.Catalog;

        catalog.Resolve("WG-TIP")!.Code.ShouldBe("WG-TIP");
        catalog.Resolve("TEG-RR")!.Code.ShouldBe("TEG-RR");
        catalog.Resolve("Government and Business Forum")!.Code.ShouldBe("GABF");
        catalog.Resolve("Working Group on the Disruption of People Smuggling and Trafficking in Persons Networks")!.Code.ShouldBe("WG-D");
        catalog.Resolve("Technical Experts Working Group on Irregular Movements")!.Code.ShouldBe("TEWG");
        catalog.Resolve("Regional Immigration Liaison Officer Networks")!.Code.ShouldBe("RILON");
        catalog.Resolve("Senior Officials Meeting")!.Code.ShouldBe("SOM");
        catalog.Resolve("Bali Process Ministerial Conference")!.Code.ShouldBe("BPMC");
    }

    [Theory]
    [InlineData("The U.N. High Commissioner for Refugees sent a delegation.", "UNHCR")]
    [InlineData("Officials of the U.N. Office on Drugs and Crime attended.", "UNODC")]
    [InlineData("Delegasi Komisariat Tinggi PBB untuk Pengungsi hadir.", "UNHCR")]
    [InlineData("Perwakilan Banglades hadir.", "BGD")]
    public void ReferenceData_NewsAndIndonesianNames_FindTheMember(string text, string code)
    {
        TestFiles.Catalog.FindAll(text).Select(e => e.Code).ShouldContain(code);
    }
}

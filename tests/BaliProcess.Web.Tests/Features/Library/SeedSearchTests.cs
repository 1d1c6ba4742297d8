using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BaliProcess.Web.Tests.Infrastructure;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>
/// The query language and the facets of docs/adr/0002-search-engine.md on the five seed documents, through the API
/// and the search page; and a private record that matches the same queries changes nothing that others get.
/// </summary>
public abstract partial class SeedSearchTests(SeededPlatform platform)
{
    private static readonly string[] FacetNames = ["kind", "body", "member", "year", "language"];

    private async Task<JsonElement> SearchAsync(string query, HttpClient? client = null)
    {
        await platform.DrainSearchAsync();
        return await GetJsonAsync(client ?? platform.Anonymous(), "/api/search?" + query);
    }

    private static int Total(JsonElement results) => results.GetProperty("total").GetInt32();

    private static IEnumerable<JsonElement> Hits(JsonElement results) => results.GetProperty("hits").EnumerateArray();

    private static Dictionary<string, int> Facet(JsonElement results, string name) =>
        results.GetProperty("facets").GetProperty(name).EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt32());

    private async Task<Guid> Statement2009Async() =>
        (await GetJsonAsync(platform.Anonymous(), "/api/documents?year=2009&kind=CoChairsStatement")).EnumerateArray().Single().GetProperty("id").GetGuid();

    [Fact]
    public async Task Search_PrefixTraffick_FindsEveryWordThatStartsWithItThroughApiAndPage()
    {
        var prefix = await SearchAsync("q=traffick*&take=100");
        var trafficking = await SearchAsync("q=trafficking&take=100");
        var traffickers = await SearchAsync("q=traffickers&take=100");

        Total(traffickers).ShouldBeGreaterThan(0);
        Total(prefix).ShouldBeLessThan(100);
        Hits(trafficking).Concat(Hits(traffickers)).Select(h => h.GetProperty("id").GetString()).Distinct().Count().ShouldBe(Total(prefix));
        Hits(prefix).ShouldAllBe(h => MarkedTraffick().IsMatch(h.GetProperty("snippet").GetString()!));
        var page = await platform.Anonymous().GetStringAsync("/Search?q=traffick*");
        page.ShouldContain($"{Total(prefix)} results");
        page.ShouldContain("<mark>trafficking</mark>", Case.Insensitive);
    }

    [Fact]
    public async Task Search_TypoRakine_FindsThe2009StatementWithRakhineMarked()
    {
        var statement = await Statement2009Async();

        var typo = await SearchAsync("q=Rakine");
        var exact = await SearchAsync("q=Rakhine");

        Hits(typo).Select(h => h.GetProperty("url").GetString()).ShouldContain($"/Library/Documents/{statement}");
        Hits(typo).Select(h => h.GetProperty("id").GetString()).ShouldBe(Hits(exact).Select(h => h.GetProperty("id").GetString()));
        Hits(typo).ShouldAllBe(h => h.GetProperty("snippet").GetString()!.Contains("<mark>Rakhine</mark>"));
        (await platform.Anonymous().GetStringAsync("/Search?q=Rakine")).ShouldContain($"/Library/Documents/{statement}");
        Total(await SearchAsync("q=Rkaine")).ShouldBe(0, "A typo in the first letter is not corrected.");
    }

    [Fact]
    public async Task Search_Phrase_FindsTheWordsOnlyNextToEachOtherAndInOrder()
    {
        var statement = await Statement2009Async();

        var phrase = await SearchAsync("q=" + Uri.EscapeDataString("\"northern Rakhine State\""));
        var reversed = await SearchAsync("q=" + Uri.EscapeDataString("\"State Rakhine northern\""));
        var words = await SearchAsync("q=" + Uri.EscapeDataString("regional cooperation"));
        var wordsAsPhrase = await SearchAsync("q=" + Uri.EscapeDataString("\"regional cooperation\""));

        Hits(phrase).Select(h => h.GetProperty("url").GetString()).ShouldContain($"/Library/Documents/{statement}");
        Hits(phrase).First().GetProperty("snippet").GetString()!.ShouldContain("<mark>northern Rakhine State</mark>");
        Total(reversed).ShouldBe(0);
        Total(wordsAsPhrase).ShouldBeGreaterThan(0);
        Total(wordsAsPhrase).ShouldBeLessThan(Total(words), "Records with both words apart are found by the words, not by the phrase.");
        (await platform.Anonymous().GetStringAsync("/Search?q=" + Uri.EscapeDataString("\"northern Rakhine State\""))).ShouldContain($"/Library/Documents/{statement}");
    }

    [Fact]
    public async Task Search_Facets_CountTheSeededDocumentsByKindBodyMemberYearAndLanguage()
    {
        var documents = (await GetJsonAsync(platform.Anonymous(), "/api/documents")).EnumerateArray().ToList();

        var all = await SearchAsync("kind=document");

        Total(all).ShouldBe(documents.Count);
        Facet(all, "kind").ShouldBe(new Dictionary<string, int> { ["document"] = documents.Count });
        Facet(all, "language").ShouldBe(new Dictionary<string, int> { ["en"] = documents.Count });
        Facet(all, "year").ShouldBe(documents.Where(d => d.GetProperty("date").ValueKind == JsonValueKind.String)
            .GroupBy(d => d.GetProperty("date").GetString()![..4]).ToDictionary(g => g.Key, g => g.Count()), ignoreOrder: true);
        // A document's body and members are those of the meeting it reports: AHG 2009 and 2022, SOM 2016.
        Facet(all, "body").ShouldBe(new Dictionary<string, int> { ["AHG"] = 2, ["SOM"] = 1 }, ignoreOrder: true);
        var members = Facet(all, "member");
        members["IDN"].ShouldBe(2);
        members["ASEAN"].ShouldBe(1);
        members["PHL"].ShouldBe(1);
        members["AFG"].ShouldBe(1);

        var meetings = await SearchAsync("kind=meeting");
        Facet(meetings, "body").ShouldBe(new Dictionary<string, int> { ["AHG"] = 2, ["SOM"] = 1 }, ignoreOrder: true);
        Facet(meetings, "year").ShouldBe(new Dictionary<string, int> { ["2022"] = 1, ["2016"] = 1, ["2009"] = 1 }, ignoreOrder: true);
        Facet(await SearchAsync("kind=activity&body=AHEG-I"), "kind")["activity"].ShouldBe(5);

        // Drill-down: every facet is counted after all the filters.
        var ahg2009 = await SearchAsync("kind=document&body=AHG&year=2009");
        Total(ahg2009).ShouldBe(1);
        Hits(ahg2009).Single().GetProperty("url").GetString().ShouldBe($"/Library/Documents/{await Statement2009Async()}");
        Facet(ahg2009, "member")["ASEAN"].ShouldBe(1);
        Facet(ahg2009, "member").ShouldNotContainKey("PHL");

        var page = await platform.Anonymous().GetStringAsync("/Search?kind=document");
        page.ShouldContain($"{documents.Count} results");
        // Facets show names, not codes: the body's name and the language's own name.
        page.ShouldContain(WebUtility.HtmlEncode("/Search?q=&kind=document&body=AHG") + "\">Ad Hoc Group</a> (2)");
        page.ShouldContain(WebUtility.HtmlEncode("/Search?q=&kind=document&language=en") + $"\">English</a> ({documents.Count})");
    }

    [Fact]
    public async Task Search_PrivateRecordMatchingTheSameQueries_ChangesNoHitCountFacetOrSnippetOthersGet()
    {
        string[] queries =
        [
            "q=traffick*", "q=Rakine", "q=Rakhine", "q=" + Uri.EscapeDataString("\"northern Rakhine State\""), "kind=document", "kind=meeting",
            "member=IDN", "year=2011", "q=traffick*&kind=document&member=ASEAN",
        ];
        var australia = await platform.SignInNewUserAsync("AUS");
        var before = await Task.WhenAll(queries.Select(q => SearchAsync(q)));
        var beforeAustralia = await Task.WhenAll(queries.Select(q => SearchAsync(q, australia)));
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Hidden");
        var (content, start) = Statement(marker);
        var text = Encoding.UTF8.GetString(content) + $"\n\nThe Meeting noted {marker} trafficking and traffickers in northern Rakhine State, and Rakine {marker}.\n";
        var id = await ImportAsync(indonesia, "hidden-statement.txt", Encoding.UTF8.GetBytes(text), scope: "OwnMember");
        start.Year.ShouldBeGreaterThanOrEqualTo(2010);

        var after = await Task.WhenAll(queries.Select(q => SearchAsync(q)));
        var afterAustralia = await Task.WhenAll(queries.Select(q => SearchAsync(q, australia)));
        var own = await SearchAsync("q=traffick*&take=100", indonesia);

        for (var i = 0; i < queries.Length; i++)
        {
            Summary(after[i]).ShouldBe(Summary(before[i]), $"The public's results for {queries[i]} changed.");
            Summary(afterAustralia[i]).ShouldBe(Summary(beforeAustralia[i]), $"Australia's results for {queries[i]} changed.");
        }

        Hits(own).Select(h => h.GetProperty("url").GetString()).ShouldContain($"/Library/Documents/{id}", "The control: its owner finds it.");
        Total(own).ShouldBeGreaterThan(Total(before[0]));
        string[] paths = [.. queries.Select(q => "/api/search?" + q), .. queries.Select(q => "/Search?" + q)];
        await AccessProbe.AssertInvisibleAsync(australia, id, marker, paths);
        await AccessProbe.AssertInvisibleAsync(platform.Anonymous(), id, marker, paths);
    }

    /// <summary>Everything a reader gets: the total, every facet value with its count, and each hit with its snippet.</summary>
    private static string Summary(JsonElement results) =>
        $"{Total(results)} | " + string.Join(" | ", FacetNames.Select(f => $"{f}: {string.Join(", ", Facet(results, f).Select(v => $"{v.Key}={v.Value}"))}"))
        + " | " + string.Join(" | ", Hits(results).Select(h => $"{h.GetProperty("id").GetString()}: {h.GetProperty("snippet").GetString()}"));

    [GeneratedRegex("<mark>traffick[a-z]*</mark>", RegexOptions.IgnoreCase)]
    private static partial Regex MarkedTraffick();
}

[Collection(SeededSqliteCollection.Name)]
public sealed class SeedSearchSqliteTests(SeededSqlitePlatform platform) : SeedSearchTests(platform);

[Collection(SeededPostgresCollection.Name)]
public sealed class SeedSearchPostgresTests(SeededPostgresPlatform platform) : SeedSearchTests(platform);

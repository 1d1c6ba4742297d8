namespace BaliProcess.Search.Tests;

/// <summary>
/// One segment large enough for the vectorised counts, with facet values on each counting path against a
/// large (bitset) result: common values (their own bitset), mid-frequency values (a counting bitset built
/// from their list) and rare values (their documents tested one by one).
/// </summary>
public sealed class FacetCountingTests
{
    /// <summary>
    /// "common": a bitset result (≈ 70 % of the segment), counted against the values' bitsets. "mid":
    /// ≈ 120 documents and "tiny": two documents, list results counted document by document.
    /// </summary>
    [Theory]
    [InlineData("common")]
    [InlineData("mid")]
    [InlineData("tiny")]
    public void Search_ResultOfEachSizeWithCommonMidAndRareFacetValues_CountsEqualBruteForce(string word)
    {
        const int count = 6000;
        var random = new Random(7);
        var documents = new List<SearchDocument>();
        for (int i = 0; i < count; i++)
        {
            // Members: "AU" common (≈ 40 %), "NZ" mid (≈ 1 %: between maxDoc/256 and maxDoc/32), "FJ" rare (5 documents).
            var members = new List<string>();
            if (random.NextDouble() < 0.4)
            {
                members.Add("AU");
            }

            if (random.NextDouble() < 0.01)
            {
                members.Add("NZ");
            }

            if (i % 1200 == 3)
            {
                members.Add("FJ");
            }

            int year = random.NextDouble() < 0.02 ? 2001 : 2015 + random.Next(3);
            string body = (random.NextDouble() < 0.7 ? "common " : string.Empty)
                + (random.NextDouble() < 0.025 ? "mid " : string.Empty)
                + (i is 17 or 4242 ? "tiny " : string.Empty)
                + "filler";
            string[] tokens = random.NextDouble() < 0.8 ? ["public"] : ["members"];
            documents.Add(new SearchDocument("d" + i, i % 3 == 0 ? "meeting" : "document", "T", body, "en", year, null, ["SOM"], members, tokens, "/d/" + i));
        }

        using var index = SearchIndex.InMemory();
        index.Upsert(documents);
        index.Commit();
        index.Optimize();

        var results = index.Search(new SearchQuery(word, ["public"]));

        var expected = documents.Where(d => d.AccessTokens.Contains("public") && d.Body.Split(' ').Contains(word)).ToList();
        expected.Count.ShouldBeGreaterThan(0);
        results.Total.ShouldBe(expected.Count);
        Facet(results, "member").ShouldBe(Count(expected.SelectMany(d => d.Members)));
        Facet(results, "year").ShouldBe(Count(expected.Select(d => d.Year!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Facet(results, "kind").ShouldBe(Count(expected.Select(d => d.Kind)));
        Facet(results, "language").ShouldBe(Count(expected.Select(d => d.Language)));
        Facet(results, "body").ShouldBe(Count(expected.SelectMany(d => d.Bodies)));
        if (word == "common")
        {
            Facet(results, "member").ShouldContain(v => v.StartsWith("FJ=", StringComparison.Ordinal));
            Facet(results, "member").ShouldContain(v => v.StartsWith("NZ=", StringComparison.Ordinal));
        }
    }

    private static List<string> Facet(SearchResults results, string key) =>
        results.Facets[key].Select(v => v.Value + "=" + v.Count).Order(StringComparer.Ordinal).ToList();

    private static List<string> Count(IEnumerable<string> values) =>
        values.GroupBy(v => v).Select(g => g.Key + "=" + g.Count()).Order(StringComparer.Ordinal).ToList();
}

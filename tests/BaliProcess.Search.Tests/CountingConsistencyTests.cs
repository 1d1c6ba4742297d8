namespace BaliProcess.Search.Tests;

/// <summary>
/// Totals and facet counts against a brute-force count over the same documents. The corpus is sized
/// so that document sets take both the dense (bitset) and the sparse (list) paths, across several
/// segments and with deletions.
/// </summary>
public sealed class CountingConsistencyTests(CountingConsistencyTests.Corpus corpus) : IClassFixture<CountingConsistencyTests.Corpus>
{
    private static readonly string[] Vocabulary = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "sigma", "omega", "rare"];
    private static readonly string[] Kinds = ["meeting", "outcome", "activity", "document"];
    private static readonly string[] BodyCodes = ["SOM", "AHG", "RSO"];
    private static readonly string[] MemberCodes = ["AU", "ID", "TH", "MY", "NZ"];
    private static readonly string[][] TokenSets = [["public"], ["members"], ["member:TH"], ["group:AHG"], ["user:1"]];

    /// <summary>Built once for all cases: five committed batches (segments), then deletions.</summary>
    public sealed class Corpus : IDisposable
    {
        public SearchIndex Index { get; } = SearchIndex.InMemory();

        public List<SearchDocument> Documents { get; } = [];

        public Corpus()
        {
            var random = new Random(42);
            for (int batch = 0; batch < 5; batch++)
            {
                var docs = new List<SearchDocument>();
                for (int i = 0; i < 120; i++)
                {
                    int n = (batch * 120) + i;
                    // Skewed word frequencies: "alpha" in most documents, "rare" in a few.
                    var words = Vocabulary.Where((_, rank) => random.NextDouble() < 0.9 / (rank + 1) || (rank == 11 && random.NextDouble() < 0.02)).ToList();
                    words.Add("filler");
                    var doc = new SearchDocument(
                        "d" + n,
                        Kinds[random.Next(Kinds.Length)],
                        "Title " + n,
                        string.Join(' ', words.OrderBy(_ => random.Next())),
                        random.NextDouble() < 0.8 ? "en" : "id",
                        2015 + random.Next(5),
                        null,
                        BodyCodes.Where(_ => random.NextDouble() < 0.4).ToList(),
                        MemberCodes.Where(_ => random.NextDouble() < 0.3).ToList(),
                        TokenSets[random.NextDouble() < 0.6 ? 0 : random.Next(TokenSets.Length)],
                        "/d/" + n);
                    docs.Add(doc);
                }

                Index.Upsert(docs);
                Index.Commit();
                Documents.AddRange(docs);
            }

            var deleted = Documents.Where((_, i) => i % 7 == 0).Select(d => d.Id).ToList();
            Index.Delete(deleted);
            Index.Commit();
            Documents.RemoveAll(d => deleted.Contains(d.Id));
        }

        public void Dispose() => Index.Dispose();
    }

    public static TheoryData<string, string[], string?> Cases => new()
    {
        { "alpha", ["public"], null },
        { "alpha", ["public", "members", "member:TH"], null },
        { "alpha beta", ["public", "group:AHG"], null },
        { "gamma", ["members"], "meeting" },
        { "rare", ["public", "members", "member:TH", "group:AHG", "user:1"], null },
        { "filler", ["public"], null },
        { "filler", ["user:1"], null },
        { "alpha beta gamma delta", ["public", "members"], null },
        { "", ["public", "members"], "outcome" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Search_AnyQueryAndViewer_TotalAndFacetsEqualBruteForceCount(string text, string[] viewer, string? kind)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = corpus.Documents
            .Where(d => d.AccessTokens.Any(viewer.Contains))
            .Where(d => kind is null || d.Kind == kind)
            .Where(d => words.All(w => d.Body.Split(' ').Contains(w)))
            .ToList();

        var results = corpus.Index.Search(new SearchQuery(text, viewer, Kind: kind, Take: 100));

        results.Total.ShouldBe(expected.Count);
        results.Hits.Select(h => h.Id).ShouldBeSubsetOf(expected.Select(d => d.Id));
        results.Hits.Count.ShouldBe(Math.Min(100, expected.Count));
        Facet(results, "kind").ShouldBe(Count(expected.Select(d => d.Kind)));
        Facet(results, "body").ShouldBe(Count(expected.SelectMany(d => d.Bodies)));
        Facet(results, "member").ShouldBe(Count(expected.SelectMany(d => d.Members)));
        Facet(results, "year").ShouldBe(Count(expected.Select(d => d.Year!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Facet(results, "language").ShouldBe(Count(expected.Select(d => d.Language)));
    }

    private static List<string> Facet(SearchResults results, string key) =>
        results.Facets[key].Select(v => v.Value + "=" + v.Count).Order(StringComparer.Ordinal).ToList();

    private static List<string> Count(IEnumerable<string> values) =>
        values.GroupBy(v => v).Select(g => g.Key + "=" + g.Count()).Order(StringComparer.Ordinal).ToList();
}

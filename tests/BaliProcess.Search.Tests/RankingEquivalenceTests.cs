namespace BaliProcess.Search.Tests;

/// <summary>
/// Large result sets are ranked with the threshold algorithm over per-clause best-document lists; small
/// ones by scoring every match. Both must give the same hits in the same order. Two indexes over the
/// same documents force one path each (short lists make the threshold path run out and fall back too).
/// </summary>
public sealed class RankingEquivalenceTests(RankingEquivalenceTests.Indexes indexes) : IClassFixture<RankingEquivalenceTests.Indexes>
{
    private static readonly string[] Words = ["the", "and", "of", "people", "smuggling", "border", "visa", "rescue", "trafficking", "persons"];

    private readonly SearchIndex _threshold = indexes.Threshold;
    private readonly SearchIndex _scan = indexes.Scan;

    /// <summary>Two indexes over the same documents, built once for all cases.</summary>
    public sealed class Indexes : IDisposable
    {
        public Indexes()
        {
            var random = new Random(7);
            for (int batch = 0; batch < 3; batch++)
            {
                var docs = Enumerable.Range(0, 200).Select(i =>
                {
                    int n = (batch * 200) + i;
                    int length = 5 + random.Next(60);
                    string body = string.Join(' ', Enumerable.Range(0, length).Select(_ => Words[Math.Min(Words.Length - 1, (int)(random.NextDouble() * random.NextDouble() * Words.Length))]));
                    string title = string.Join(' ', Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Words[random.Next(Words.Length)]));
                    string[] tokens = random.NextDouble() < 0.7 ? ["public"] : ["members"];
                    return new SearchDocument("d" + n, n % 3 == 0 ? "meeting" : "document", title, body, "en", 2020 + (n % 5), null, ["SOM"], ["ID"], tokens, "/d/" + n);
                }).ToList();
                Threshold.Upsert(docs);
                Scan.Upsert(docs);
                Threshold.Commit();
                Scan.Commit();
            }
        }

        public SearchIndex Threshold { get; } = SearchIndex.InMemory(new SearchIndexOptions { ThresholdMinResults = 1, TopListLength = 40 });

        public SearchIndex Scan { get; } = SearchIndex.InMemory(new SearchIndexOptions { ThresholdMinResults = int.MaxValue });

        public void Dispose()
        {
            Threshold.Dispose();
            Scan.Dispose();
        }
    }

    [Theory]
    [InlineData("the")]
    [InlineData("the and")]
    [InlineData("people smuggling")]
    [InlineData("\"people smuggling\"")]
    [InlineData("\"the and of\"")]
    [InlineData("traffick*")]
    [InlineData("border visa rescue")]
    public void Search_LargeAndSmallResultPaths_GiveSameRanking(string text)
    {
        foreach (string[] viewer in new[] { new[] { "public" }, new[] { "public", "members" } })
        {
            foreach (int take in new[] { 5, 30 })
            {
                var query = new SearchQuery(text, viewer, Take: take);

                var expected = _scan.Search(query);
                var actual = _threshold.Search(query);

                actual.Total.ShouldBe(expected.Total);
                actual.Hits.Select(h => (h.Id, h.Score)).ShouldBe(expected.Hits.Select(h => (h.Id, h.Score)));
            }
        }
    }
}

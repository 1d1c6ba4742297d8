namespace BaliProcess.Search.Tests;

/// <summary>
/// Ranking must not reveal documents a viewer cannot see: adding, merging or re-indexing documents outside what
/// everyone may see changes nobody else's scores, order, prefix errors or typo expansions, and tied hits keep
/// an order that belongs to the documents rather than to where the index happens to store them.
/// </summary>
public sealed class RankingIsolationTests : IDisposable
{
    private static readonly string[] Public = ["public"];
    private static readonly string[] Member = ["public", "members"];
    private static readonly string[] Owner = ["public", "members", "member:ID"];
    private static readonly string[] Queries = ["traffick*", "trafficking", "trafficking smuggling", "\"people smuggling\"", "trafficing", "smug*"];

    private readonly SearchIndex _index = SearchIndex.InMemory();

    public void Dispose() => _index.Dispose();

    private static SearchDocument Doc(string id, string title, string body, string[] tokens, DateTime? date = null) =>
        new(id, "document", title, body, "en", 2024, date ?? new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc), ["SOM"], ["ID"], tokens, "/documents/" + id);

    private void Index(params SearchDocument[] documents)
    {
        _index.Upsert(documents);
        _index.Commit();
    }

    private List<(string Id, float Score)> Ranking(string text, string[] viewer) =>
        _index.Search(new SearchQuery(text, viewer, Take: 50)).Hits.Select(h => (h.Id, h.Score)).ToList();

    /// <summary>Public documents whose order depends on document frequencies and average lengths: title against body, long against short, one expansion against the other.</summary>
    private void IndexPublicAndMembersDocuments()
    {
        Index(
            Doc("p-title", "Trafficking", "Report on smuggling of people at sea and border cooperation in the region.", Public),
            Doc("p-body", "Annual report", "Trafficking trafficking trafficking of persons, people smuggling and border work.", Public),
            Doc("p-trafficked", "Victims", "Persons trafficked across borders; people smuggling networks and trafficked children.", Public),
            Doc("p-long", "Regional review", string.Join(' ', Enumerable.Repeat("cooperation workshop ministers", 20)) + " trafficking trafficked people smuggling", Public),
            Doc("p-short", "Note", "trafficking smuggling", Public),
            Doc("m-members", "Members only", "Trafficking in persons and people smuggling, members only.", ["members"]));
    }

    [Fact]
    public void Search_PrivateDocumentAddedMatchingTheQuery_LeavesOthersScoresAndOrderUnchanged()
    {
        IndexPublicAndMembersDocuments();
        var before = Queries.SelectMany(q => new[] { Public, Member }.Select(v => (q, v, Ranking(q, v)))).ToList();

        // Only Indonesia sees it; it holds a lot of one expansion of "traffick*" and long text, moving every statistic of the whole index.
        Index(Doc(
            "private-id",
            "Trafficked trafficked trafficked",
            string.Join(' ', Enumerable.Repeat("trafficked trafficked people smuggling smuggler", 40)) + " " + string.Join(' ', Enumerable.Range(0, 300).Select(i => "word" + i)),
            ["member:ID"]));

        foreach (var (query, viewer, ranking) in before)
        {
            Ranking(query, viewer).ShouldBe(ranking, $"{query} for {string.Join(",", viewer)}");
        }

        Ranking("traffick*", Owner).Select(h => h.Id).ShouldContain("private-id");
    }

    [Fact]
    public void Search_PrivateDocumentsMergedOrDeleted_LeaveOthersScoresUnchanged()
    {
        IndexPublicAndMembersDocuments();
        var before = Queries.Select(q => (q, Ranking(q, Member))).ToList();

        for (int i = 0; i < 5; i++)
        {
            Index(Doc("private-" + i, "Trafficking " + i, "trafficking trafficked smuggling " + string.Join(' ', Enumerable.Repeat("trafficking", i + 1)), ["member:ID"]));
        }

        _index.Delete(["private-0", "private-3"]);
        _index.Optimize();

        foreach (var (query, ranking) in before)
        {
            Ranking(query, Member).ShouldBe(ranking, query);
        }
    }

    [Fact]
    public void Search_PrivateDocumentWithManyWordsOfThePrefix_DoesNotMakeOthersPrefixQueryFail()
    {
        IndexPublicAndMembersDocuments();

        Index(Doc("private-id", "Word list", string.Join(' ', Enumerable.Range(0, 1100).Select(i => "traffick" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))), ["member:ID"]));

        var publicResults = _index.Search(new SearchQuery("traffick*", Public));
        publicResults.Error.ShouldBeNull();
        publicResults.Hits.Count.ShouldBe(5);
        var ownerResults = _index.Search(new SearchQuery("traffick*", Owner));
        ownerResults.Error.ShouldBeNull();
        ownerResults.Hits.Select(h => h.Id).ShouldContain("private-id");
    }

    [Fact]
    public void Search_PrivateDocumentWithManyWordsNearATypo_LeavesOthersCorrectionsUnchanged()
    {
        IndexPublicAndMembersDocuments();
        var before = Ranking("trafficing", Public);
        before.ShouldNotBeEmpty();

        // Every word one letter away from the typo, on both sides of "trafficking" in word order: as close as it, they would take every place among the typo's expansions.
        const string typo = "trafficing";
        var nearMisses = Enumerable.Range(1, typo.Length - 1)
            .SelectMany(i => "abcdefghijklmnopqrstuvwxyz".Where(c => c != typo[i]).Select(c => typo[..i] + c + typo[(i + 1)..]));
        Index(Doc("private-id", "Near misses", string.Join(' ', nearMisses), ["member:ID"]));
        // One new segment, so that nothing computed for the old ones is reused.
        _index.Optimize();

        Ranking("trafficing", Public).ShouldBe(before);
        Ranking("trafficing", Owner).Select(h => h.Id).ShouldContain("private-id");
    }

    [Fact]
    public void Search_TiedHitsIndexedInAnotherOrder_KeepTheirOrder()
    {
        string[] ids = ["tie-a", "tie-b", "tie-c", "tie-d", "tie-e"];
        var forward = Tied(ids);
        using var reversed = SearchIndex.InMemory();
        foreach (string id in ids.Reverse())
        {
            reversed.Upsert([Doc(id, "Border report", "people smuggling at sea", Public)]);
            reversed.Commit();
        }

        reversed.Search(new SearchQuery("smuggling", Public)).Hits.Select(h => h.Id).ShouldBe(forward);
    }

    [Fact]
    public void Search_TiedHitReindexedUnchangedAndSegmentsMerged_KeepsItsPlace()
    {
        string[] ids = ["tie-a", "tie-b", "tie-c", "tie-d", "tie-e"];
        var before = Tied(ids);

        // Re-indexing moves the document to a new segment; unrelated documents and a merge move the others.
        Index(Doc(before[0], "Border report", "people smuggling at sea", Public));
        Index(Doc("unrelated", "Budget", "catering and venue", Public));
        _index.Optimize();
        Index(Doc(before[1], "Border report", "people smuggling at sea", Public));

        _index.Search(new SearchQuery("smuggling", Public)).Hits.Select(h => h.Id).ShouldBe(before);
    }

    /// <summary>Indexes identical documents (same score, same date) one segment each and returns their order.</summary>
    private List<string> Tied(string[] ids)
    {
        foreach (string id in ids)
        {
            Index(Doc(id, "Border report", "people smuggling at sea", Public));
        }

        var hits = _index.Search(new SearchQuery("smuggling", Public)).Hits;
        hits.Select(h => h.Score).Distinct().Count().ShouldBe(1);
        return hits.Select(h => h.Id).ToList();
    }
}

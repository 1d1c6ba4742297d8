namespace BaliProcess.Search.Tests;

public sealed class SearchIndexTests : IDisposable
{
    private static readonly string[] Public = ["public"];
    private readonly SearchIndex _index = SearchIndex.InMemory();

    public void Dispose() => _index.Dispose();

    private static SearchDocument Doc(
        string id,
        string title,
        string body,
        string language = "en",
        string kind = "document",
        string[]? tokens = null,
        string[]? bodies = null,
        string[]? members = null,
        int? year = 2024,
        DateTime? date = null) =>
        new(id, kind, title, body, language, year, date, bodies ?? ["SOM"], members ?? ["ID"], tokens ?? Public, "/documents/" + id);

    private void Index(params SearchDocument[] documents)
    {
        _index.Upsert(documents);
        _index.Commit();
    }

    private SearchResults Find(string text, string[]? tokens = null, string? kind = null, string? body = null, string? member = null, int? year = null, string? language = null, int skip = 0, int take = 20) =>
        _index.Search(new SearchQuery(text, tokens ?? Public, kind, body, member, year, language, skip, take));

    private static int FacetCount(SearchResults results, string facet, string value) =>
        results.Facets[facet].SingleOrDefault(v => v.Value == value)?.Count ?? 0;

    [Theory]
    [InlineData("en", "The Ministers discussed people smuggling across the region.", "smuggling")]
    [InlineData("id", "Para menteri membahas penyelundupan manusia di kawasan.", "penyelundupan")]
    [InlineData("th", "รัฐมนตรีหารือเรื่องการค้ามนุษย์ในภูมิภาคอย่างจริงจัง", "การค้ามนุษย์")]
    [InlineData("km", "ការជួញដូរមនុស្សគឺជាបទឧក្រិដ្ឋធ្ងន់ធ្ងរនៅក្នុងតំបន់", "ជួញដូរមនុស្ស")]
    [InlineData("lo", "ການຄ້າມະນຸດແມ່ນອາຊະຍາກຳຮ້າຍແຮງ", "ການຄ້າມະນຸດ")]
    [InlineData("my", "လူကုန်ကူးမှုသည်ပြင်းထန်သောရာဇဝတ်မှုဖြစ်သည်", "လူကုန်ကူးမှု")]
    [InlineData("vi", "Các bộ trưởng thảo luận về buôn bán người trong khu vực.", "buôn bán người")]
    [InlineData("zh", "部长们讨论了该地区的人口贩运问题。", "人口贩运")]
    public void Search_WordInsideSentenceOfEachLanguage_FindsDocument(string language, string body, string query)
    {
        Index(
            Doc("target", "Meeting record", body, language),
            Doc("other", "Unrelated", "Budget tables for the workshop venue and catering.", "en"));

        var results = Find(query);

        results.Error.ShouldBeNull();
        results.Hits.Select(h => h.Id).ShouldBe(["target"]);
        results.Hits[0].Snippet.ShouldContain("<mark>");
    }

    [Fact]
    public void Search_ThaiWordAfterPdfLostItsMarks_StillFindsDocument()
    {
        // PdfPig can lose Thai tone marks and vowel signs; folding drops them on both sides.
        Index(Doc("th", "รายงาน", "รัฐมนตรีหารือเรื่องการคามนษยในภูมิภาค", "th"));

        Find("การค้ามนุษย์").Total.ShouldBe(1);
    }

    [Fact]
    public void Search_VietnameseWordWithoutDiacritics_FindsTextWithDiacritics()
    {
        Index(Doc("vi", "Hội nghị", "Hợp tác khu vực chống buôn bán người.", "vi"));

        var results = Find("buon ban nguoi");

        results.Total.ShouldBe(1);
        results.Hits[0].Snippet.ShouldContain("<mark>buôn</mark>");
    }

    [Fact]
    public void Search_QuotedPhrase_MatchesOnlyAdjacentWords()
    {
        Index(
            Doc("adjacent", "A", "Networks of people smuggling were discussed."),
            Doc("apart", "B", "People were concerned about smuggling of goods."));

        Find("\"people smuggling\"").Hits.Select(h => h.Id).ShouldBe(["adjacent"]);
        Find("people smuggling").Total.ShouldBe(2);
    }

    [Fact]
    public void Search_ThreeWordPhrase_RequiresAllWordsInOrder()
    {
        Index(
            Doc("phrase", "A", "Combating trafficking in persons remains a priority."),
            // Holds both pairs ("trafficking in", "in persons") but not the three words together.
            Doc("pairs", "B", "Trafficking in drugs differs; interest in persons matters."));

        Find("\"trafficking in persons\"").Hits.Select(h => h.Id).ShouldBe(["phrase"]);
    }

    [Fact]
    public void Search_PhraseAcrossTitleAndBody_DoesNotMatch()
    {
        Index(Doc("split", "Regional people", "smuggling overview"));

        Find("\"people smuggling\"").Total.ShouldBe(0);
    }

    [Fact]
    public void Search_PrefixQuery_MatchesWordsStartingWithIt()
    {
        Index(
            Doc("a", "A", "Victims were trafficked by sea."),
            Doc("b", "B", "Traffickers were prosecuted."),
            Doc("c", "C", "Traffic rules at the border."));

        Find("traffick*").Hits.Select(h => h.Id).Order().ShouldBe(["a", "b"]);
    }

    [Fact]
    public void Search_PrefixOfOneLetter_ReturnsError()
    {
        Index(Doc("a", "A", "trafficking"));

        var results = Find("t*");

        results.Error.ShouldNotBeNull();
        results.Total.ShouldBe(0);
    }

    [Fact]
    public void Search_MisspelledWord_FindsByOneEditFallback()
    {
        Index(
            Doc("a", "A", "Irregular migration in the region."),
            Doc("b", "B", "Budget of the workshop."));

        var results = Find("migraton");

        results.Hits.Select(h => h.Id).ShouldBe(["a"]);
        results.Hits[0].Snippet.ShouldContain("<mark>migration</mark>");
    }

    [Fact]
    public void Search_WordPresentInVisibleDocuments_IsNotExpandedToNeighbours()
    {
        Index(
            Doc("exact", "A", "Ministers met in Bali."),
            Doc("neighbour", "B", "Minister met in Bali."));

        Find("ministers").Hits.Select(h => h.Id).ShouldBe(["exact"]);
    }

    [Fact]
    public void Search_MisspellingMatchingOnlyHiddenWord_DoesNotUseHiddenDocumentToSkipFallback()
    {
        // "trafficing" exists only in a hidden document; the viewer must still get the fallback.
        Index(
            Doc("hidden", "A", "A trafficing typo in a restricted note.", tokens: ["staff"]),
            Doc("visible", "B", "Public report on trafficking."));

        Find("trafficing").Hits.Select(h => h.Id).ShouldBe(["visible"]);
    }

    [Fact]
    public void Search_HiddenDocument_ChangesNoHitTotalOrFacetCount()
    {
        Index(
            Doc("p1", "Smuggling report", "people smuggling", kind: "outcome", bodies: ["AHG"], members: ["AU"], year: 2020),
            Doc("p2", "Smuggling notes", "people smuggling", kind: "meeting", bodies: ["SOM"], members: ["ID"], year: 2021));
        var before = Find("smuggling");

        Index(Doc("secret", "Smuggling secret", "people smuggling", kind: "restricted-kind", bodies: ["SECRET-BODY"], members: ["XX"], year: 1999, language: "fr", tokens: ["member:XX"]));
        var after = Find("smuggling");

        after.Total.ShouldBe(before.Total);
        after.Hits.Select(h => h.Id).ShouldBe(before.Hits.Select(h => h.Id));
        foreach (string facet in new[] { "kind", "body", "member", "year", "language" })
        {
            after.Facets[facet].ShouldBe(before.Facets[facet]);
        }

        Find("smuggling", ["public", "member:XX"]).Total.ShouldBe(3);
    }

    [Fact]
    public void Search_EmptyViewerTokens_SeesNothing()
    {
        Index(Doc("a", "A", "people smuggling"));

        var results = Find("smuggling", tokens: []);

        results.Total.ShouldBe(0);
        results.Hits.ShouldBeEmpty();
        results.Facets["kind"].ShouldBeEmpty();
    }

    [Fact]
    public void Search_FilterByKind_CountsOnlyFilteredVisibleDocuments()
    {
        Index(
            Doc("m1", "A", "border management", kind: "meeting", year: 2019),
            Doc("m2", "B", "border management", kind: "meeting", year: 2020),
            Doc("o1", "C", "border management", kind: "outcome", year: 2020),
            Doc("m3", "D", "border management", kind: "meeting", year: 2020, tokens: ["staff"]));

        var results = Find("border", kind: "Meeting");

        results.Total.ShouldBe(2);
        results.Facets["kind"].ShouldBe([new FacetValue("meeting", 2)]);
        FacetCount(results, "year", "2020").ShouldBe(1);
        FacetCount(results, "year", "2019").ShouldBe(1);
        results.Facets["year"].Select(v => v.Value).ShouldBe(["2020", "2019"]);
    }

    [Fact]
    public void Search_FiltersByBodyMemberYearAndLanguage_AllApply()
    {
        Index(
            Doc("match", "A", "capacity building", bodies: ["AHG"], members: ["TH", "ID"], year: 2022, language: "en"),
            Doc("wrong-body", "B", "capacity building", bodies: ["SOM"], members: ["TH"], year: 2022),
            Doc("wrong-member", "C", "capacity building", bodies: ["AHG"], members: ["AU"], year: 2022),
            Doc("wrong-year", "D", "capacity building", bodies: ["AHG"], members: ["TH"], year: 2021),
            Doc("wrong-language", "E", "capacity building", bodies: ["AHG"], members: ["TH"], year: 2022, language: "id"));

        var results = Find("capacity", body: "AHG", member: "TH", year: 2022, language: "EN");

        results.Hits.Select(h => h.Id).ShouldBe(["match"]);
    }

    [Fact]
    public void Search_UnbalancedQuote_ReturnsErrorInsteadOfThrowing()
    {
        Index(Doc("a", "A", "people smuggling"));

        var results = Find("\"people smuggling");

        results.Error.ShouldNotBeNull();
        results.Error.ShouldContain("quotation");
        results.Total.ShouldBe(0);
    }

    [Theory]
    [InlineData("***")]
    [InlineData("(((")]
    [InlineData("AND OR NOT")]
    [InlineData("title:foo^2 ~bar")]
    [InlineData("\"\"")]
    public void Search_OddInput_NeverThrows(string text)
    {
        Index(Doc("a", "A", "people smuggling and foo bar"));

        Should.NotThrow(() => Find(text));
    }

    [Fact]
    public void Search_BlankText_ListsVisibleDocumentsNewestFirst()
    {
        Index(
            Doc("old", "A", "x", date: new DateTime(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            Doc("new", "B", "y", date: new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc)),
            Doc("hidden", "C", "z", tokens: ["staff"], date: new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        var results = Find("  ");

        results.Error.ShouldBeNull();
        results.Hits.Select(h => h.Id).ShouldBe(["new", "old"]);
    }

    [Fact]
    public void Search_TitleMatch_RanksAboveBodyOnlyMatch()
    {
        Index(
            Doc("body", "Annual overview", "The report covers detention and other topics of the year."),
            Doc("title", "Detention practices", "The report covers several topics of the year in the region."));

        Find("detention").Hits.Select(h => h.Id).ShouldBe(["title", "body"]);
    }

    [Fact]
    public void Search_MoreOccurrencesInSameLength_RanksHigher()
    {
        Index(
            Doc("once", "A", "asylum one two three four five six"),
            Doc("thrice", "B", "asylum one asylum two asylum three four"));

        Find("asylum").Hits.Select(h => h.Id).ShouldBe(["thrice", "once"]);
    }

    [Fact]
    public void Search_AllWordsRequired_ExcludesDocumentsMissingOne()
    {
        Index(
            Doc("both", "A", "maritime rescue"),
            Doc("one", "B", "maritime patrol"));

        Find("maritime rescue").Hits.Select(h => h.Id).ShouldBe(["both"]);
    }

    [Fact]
    public void Search_Snippet_EscapesHtmlAndMarksMatches()
    {
        Index(Doc("a", "A", "Use <script>alert('x')</script> & protect refugees."));

        string snippet = Find("refugees").Hits[0].Snippet;

        snippet.ShouldContain("&lt;script&gt;");
        snippet.ShouldContain("&amp;");
        snippet.ShouldContain("<mark>refugees</mark>");
        snippet.ShouldNotContain("<script>");
    }

    [Fact]
    public void Search_SnippetOfLongText_ShowsWindowAroundMatch()
    {
        string filler = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 200));
        Index(Doc("a", "A", filler + " the reintegration programme " + filler));

        string snippet = Find("reintegration").Hits[0].Snippet;

        snippet.ShouldStartWith("…");
        snippet.ShouldEndWith("…");
        snippet.ShouldContain("<mark>reintegration</mark>");
        snippet.Length.ShouldBeLessThan(400);
    }

    [Fact]
    public void Search_SkipAndTake_PagesWithoutOverlap()
    {
        Index(Enumerable.Range(0, 30).Select(i => Doc("d" + i, "T", "workshop " + string.Join(' ', Enumerable.Repeat("x", i)))).ToArray());

        var first = Find("workshop", take: 10);
        var second = Find("workshop", skip: 10, take: 10);

        first.Total.ShouldBe(30);
        second.Total.ShouldBe(30);
        first.Hits.Count.ShouldBe(10);
        second.Hits.Count.ShouldBe(10);
        first.Hits.Select(h => h.Id).Intersect(second.Hits.Select(h => h.Id)).ShouldBeEmpty();
        first.Hits[^1].Score.ShouldBeGreaterThanOrEqualTo(second.Hits[0].Score);
    }

    [Fact]
    public void Upsert_SameIdAgain_ReplacesDocument()
    {
        Index(Doc("a", "A", "old words"));
        Index(Doc("a", "A", "new words"));

        Find("old").Total.ShouldBe(0);
        Find("new").Total.ShouldBe(1);
        _index.Count.ShouldBe(1);
    }

    [Fact]
    public void Delete_ById_RemovesFromResults()
    {
        Index(Doc("a", "A", "visa fraud"), Doc("b", "B", "visa fraud"));

        _index.Delete(["a"]);
        _index.Commit();

        Find("visa").Hits.Select(h => h.Id).ShouldBe(["b"]);
        _index.Count.ShouldBe(1);
    }

    [Fact]
    public void DeleteAll_ThenCommit_LeavesEmptyIndex()
    {
        Index(Doc("a", "A", "visa"), Doc("b", "B", "visa"));

        _index.DeleteAll();
        _index.Commit();

        _index.Count.ShouldBe(0);
        Find("visa").Total.ShouldBe(0);
    }

    [Fact]
    public void Search_HitFields_ComeFromIndexedDocument()
    {
        var date = new DateTime(2023, 3, 14, 0, 0, 0, DateTimeKind.Utc);
        Index(new SearchDocument("m-1", "meeting", "Senior Officials Meeting", "Agenda on biometrics.", "en", 2023, date, ["SOM"], ["AU"], Public, "/meetings/1"));

        var hit = Find("biometrics").Hits.ShouldHaveSingleItem();

        hit.ShouldBe(hit with { Id = "m-1", Kind = "meeting", Title = "Senior Officials Meeting", Url = "/meetings/1", Language = "en", Year = 2023, Date = date });
        hit.Score.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void OpenOrCreate_ReopenedAfterCommit_KeepsDocuments()
    {
        string path = Path.Combine(Path.GetTempPath(), "bali-search-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var index = SearchIndex.OpenOrCreate(path))
            {
                index.Upsert([Doc("a", "A", "screening")]);
                index.Commit();
            }

            using var reopened = SearchIndex.OpenOrCreate(path);
            reopened.Count.ShouldBe(1);
            reopened.Search(new SearchQuery("screening", Public)).Total.ShouldBe(1);
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }

    [Fact]
    public async Task Search_WhileAnotherThreadWrites_ReturnsConsistentResults()
    {
        Index(Enumerable.Range(0, 50).Select(i => Doc("base" + i, "T", "stable words")).ToArray());
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (int i = 0; i < 200 && !stop.IsCancellationRequested; i++)
            {
                _index.Upsert([Doc("w" + i, "T", "changing words " + i)]);
                if (i % 20 == 0)
                {
                    _index.Commit();
                }
            }
        });
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!writer.IsCompleted)
            {
                try
                {
                    Find("stable").Total.ShouldBe(50);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                    return;
                }
            }
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);
        _index.Commit();

        failures.ShouldBeEmpty();
        Find("changing").Total.ShouldBe(200);
    }

    [Fact]
    public void Search_FilterAfterADeletionReopenedTheSegment_ReadsFromTheOpenReader()
    {
        // After a deletion a segment is read through a clone that shares the segment's core; the first search sees
        // the segment through that clone but needs none of its facets; the next deletion replaces the clone and
        // closes it. Facet data must not be read later through the closed clone.
        Index(
            Doc("a", "Alpha", "regional cooperation", members: ["IDN"]),
            Doc("b", "Beta", "regional cooperation", members: ["AUS"]),
            Doc("c", "Gamma", "regional cooperation", members: ["AUS"]));
        _index.Delete(["c"]);
        _index.Commit();
        Find("nothingmatchesthis").Total.ShouldBe(0);
        _index.Delete(["b"]);
        _index.Commit();

        var results = Find("regional", member: "IDN");

        results.Error.ShouldBeNull();
        results.Hits.Select(h => h.Id).ShouldBe(["a"]);
    }
}

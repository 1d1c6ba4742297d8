using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace BaliProcess.Search.Tests;

/// <summary>The on-disk layout: schema version in the commit data, hit fields in doc values, long texts.</summary>
public sealed class IndexFormatTests : IDisposable
{
    private static readonly string[] Public = ["public"];
    private readonly string _path = Path.Combine(Path.GetTempPath(), "bali-search-format-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_path))
        {
            System.IO.Directory.Delete(_path, recursive: true);
        }
    }

    private static SearchDocument Doc(string id, string title, string body, int? year = 2024, DateTime? date = null, string language = "en") =>
        new(id, "document", title, body, language, year, date, ["SOM"], ["ID"], Public, "/documents/" + id);

    /// <summary>Writes an index the way schema version 1 did: hit fields as stored fields, no version in the commit data.</summary>
    private void WriteVersionOneIndex()
    {
        using var directory = FSDirectory.Open(new DirectoryInfo(_path));
        using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer()));
        writer.AddDocument(new Document
        {
            new StringField("id", "old-1", Field.Store.YES),
            new StringField("acl", "public", Field.Store.NO),
            new TextField("t.all", "screening", Field.Store.NO),
            new StoredField("s.title", "Old title"),
            new StoredField("s.text", "screening"),
        });
        writer.Commit();
    }

    [Fact]
    public void OpenOrCreate_IndexOfEarlierSchema_StartsEmptyAndReportsReset()
    {
        WriteVersionOneIndex();

        using var index = SearchIndex.OpenOrCreate(_path);

        index.SchemaReset.ShouldBeTrue();
        index.Count.ShouldBe(0);
        index.Search(new SearchQuery("screening", Public)).Total.ShouldBe(0);
    }

    [Fact]
    public void OpenOrCreate_AfterResetAndRebuild_KeepsCurrentIndex()
    {
        WriteVersionOneIndex();
        using (var index = SearchIndex.OpenOrCreate(_path))
        {
            index.Upsert([Doc("new-1", "New", "screening")]);
            index.Commit();
        }

        using var reopened = SearchIndex.OpenOrCreate(_path);

        reopened.SchemaReset.ShouldBeFalse();
        reopened.Count.ShouldBe(1);
        reopened.Search(new SearchQuery("screening", Public)).Hits.ShouldHaveSingleItem().Id.ShouldBe("new-1");
    }

    [Fact]
    public void OpenOrCreate_CommitAfterDeleteAllAndOptimize_KeepsSchemaVersion()
    {
        using (var index = SearchIndex.OpenOrCreate(_path))
        {
            index.Upsert([Doc("a", "A", "screening"), Doc("b", "B", "screening")]);
            index.Commit();
            index.DeleteAll();
            index.Upsert([Doc("c", "C", "screening")]);
            index.Optimize();
        }

        using var reopened = SearchIndex.OpenOrCreate(_path);

        reopened.SchemaReset.ShouldBeFalse();
        reopened.Count.ShouldBe(1);
    }

    [Fact]
    public void OpenOrCreate_EmptyFolder_IsNotAReset()
    {
        using var index = SearchIndex.OpenOrCreate(_path);

        index.SchemaReset.ShouldBeFalse();
        index.Count.ShouldBe(0);
    }

    [Fact]
    public void Search_HitWithoutYearOrDateAndNonAsciiFields_RoundTripsThroughDocValues()
    {
        using var index = SearchIndex.InMemory();
        var document = new SearchDocument("ID-ñ-1", "Outcome", "Hội nghị – <b>Bali</b> 🙂", "Hợp tác khu vực chống buôn bán người.", "vi", null, null, [], [], Public, "/o/ñ?a=1&b=2");
        index.Upsert([document]);
        index.Commit();

        var hit = index.Search(new SearchQuery("buon", Public)).Hits.ShouldHaveSingleItem();

        hit.ShouldBe(hit with { Id = "ID-ñ-1", Kind = "Outcome", Title = "Hội nghị – <b>Bali</b> 🙂", Url = "/o/ñ?a=1&b=2", Language = "vi", Year = null, Date = null });
        hit.Snippet.ShouldContain("<mark>buôn</mark>");
    }

    [Fact]
    public void Search_DateWithLocalKind_ComesBackAsUtc()
    {
        using var index = SearchIndex.InMemory();
        var local = new DateTime(2022, 6, 1, 12, 30, 0, DateTimeKind.Local);
        index.Upsert([Doc("d", "Dated", "screening", 2022, local)]);
        index.Commit();

        var hit = index.Search(new SearchQuery("screening", Public)).Hits.ShouldHaveSingleItem();

        hit.Date.ShouldBe(local.ToUniversalTime());
        hit.Date!.Value.Kind.ShouldBe(DateTimeKind.Utc);
    }

    public static TheoryData<int, string> LongTexts => new()
    {
        // Match inside the kept prefix, text longer than it: the snippet shows the match and ends with an ellipsis.
        { 50_000, "en" },
        // Match near the end of the scanned part (100,000 characters): the window reaches past it.
        { 99_950, "en" },
        // Match only beyond the scanned part: the snippet is the opening, as on the whole text.
        { 150_000, "en" },
        // Thai: three UTF-8 bytes a character, several hundred kilobytes in one doc value.
        { 120_000, "th" },
    };

    [Theory]
    [MemberData(nameof(LongTexts))]
    public void Search_TextLongerThanKeptPrefix_SnippetEqualsSnippetOfWholeText(int matchAt, string language)
    {
        string filler = language == "th" ? "รัฐมนตรีหารือเรื่องภูมิภาค " : "lorem ipsum dolor sit amet ";
        string needle = language == "th" ? "การค้ามนุษย์" : "needle";
        var text = new System.Text.StringBuilder();
        while (text.Length < matchAt)
        {
            text.Append(filler);
        }

        text.Append(' ').Append(needle).Append(' ');
        while (text.Length < 200_000)
        {
            text.Append(filler);
        }

        string body = text.ToString();
        using var index = SearchIndex.InMemory();
        index.Upsert([Doc("long", "Long", body, language: language), Doc("other", "Other", needle)]);
        index.Commit();
        string query = needle;

        var results = index.Search(new SearchQuery(query, Public));

        var hit = results.Hits.Single(h => h.Id == "long");
        var parsed = UserQueryParser.Parse(query);
        var resolved = parsed.Clauses.Select(c => new QueryExecutor.ResolvedClause(c.Key, [], [], c.Tokens)).ToList();
        string expected = new SnippetBuilder(parsed.Clauses, resolved).Build(body);
        hit.Snippet.ShouldBe(expected);
        hit.Snippet.ShouldEndWith("…");
    }
}

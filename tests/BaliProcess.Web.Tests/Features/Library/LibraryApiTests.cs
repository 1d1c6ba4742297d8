using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>The Library API: uploads, the access rule on every read path, and search in the region's scripts.</summary>
public abstract class LibraryApiTests(PlatformFactory platform)
{
    [Fact]
    public async Task UploadDocuments_ThaiAndKhmerTexts_AreFoundByAWordInsideThemThroughSearch()
    {
        var officer = await platform.SignInNewUserAsync("THA");
        var marker = Marker("Script");
        // Thai and Khmer are written without spaces between words: the search must find a word inside a run.
        var thai = $"การประชุมกระบวนการบาหลีว่าด้วยการลักลอบขนคนเข้าเมืองและการค้ามนุษย์ได้หารือเรื่องความร่วมมือระดับภูมิภาค\n\n{marker}";
        var khmer = $"កិច្ចប្រជុំដំណើរការបាលីស្តីពីការរត់ពន្ធមនុស្សនិងការជួញដូរមនុស្សបានពិភាក្សាអំពីកិច្ចសហប្រតិបត្តិការតំបន់\n\n{marker}";

        var thaiId = await ImportAsync(officer, "guide-th.txt", Encoding.UTF8.GetBytes(thai));
        var khmerId = await ImportAsync(officer, "guide-km.txt", Encoding.UTF8.GetBytes(khmer));
        await platform.DrainSearchAsync();

        var thaiHits = await GetJsonAsync(platform.Anonymous(), $"/api/search?q={Uri.EscapeDataString("ค้ามนุษย์")}");
        var khmerHits = await GetJsonAsync(platform.Anonymous(), $"/api/search?q={Uri.EscapeDataString("ជួញដូរ")}");

        thaiHits.GetProperty("hits").EnumerateArray().ShouldContain(h => h.GetProperty("url").GetString() == $"/Library/Documents/{thaiId}" && h.GetProperty("language").GetString() == "th");
        khmerHits.GetProperty("hits").EnumerateArray().ShouldContain(h => h.GetProperty("url").GetString() == $"/Library/Documents/{khmerId}" && h.GetProperty("language").GetString() == "km");
        (await GetJsonAsync(platform.Anonymous(), $"/api/documents/{thaiId}")).GetProperty("document").GetProperty("language").GetString().ShouldBe("th");
        (await GetJsonAsync(platform.Anonymous(), "/api/documents?language=km")).EnumerateArray().ShouldContain(d => d.GetProperty("id").GetGuid() == khmerId);
    }

    [Fact]
    public async Task OwnMemberDocument_OtherMember_CannotSeeItOrItsMeetingOnAnyPath()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var australia = await platform.SignInNewUserAsync("AUS");
        var marker = Marker("Private");
        var countBefore = (await GetJsonAsync(australia, "/api/documents/count")).GetProperty("count").GetInt32();
        var id = await ImportAsync(indonesia, "restricted.txt", Statement(marker).Content, scope: "OwnMember");
        var detail = await GetJsonAsync(indonesia, $"/api/documents/{id}");
        var meetingId = detail.GetProperty("meetingId").GetGuid();
        await platform.DrainSearchAsync();

        string[] documentPaths =
        [
            "/api/documents/{id}", "/api/documents/{id}/file", "/Library/Documents/{id}",
            "/api/documents", "/api/documents?language=en", "/Library", "/Library?kind=CoChairsStatement",
            $"/api/search?q={marker}", "/Search?member=IDN", "/Search?kind=document", "/api/search?member=IDN", "/api/search?kind=document",
        ];
        string[] meetingPaths = ["/api/meetings/{id}", "/Meetings/{id}", "/api/meetings", "/api/meetings?body=AHG", "/Meetings", "/api/activities", "/Activities"];
        await AccessProbe.AssertVisibleAsync(indonesia, id, marker, "/api/documents/{id}", "/api/documents/{id}/file", "/Library/Documents/{id}", $"/api/search?q={marker}");
        await AccessProbe.AssertVisibleAsync(indonesia, meetingId, marker, "/api/meetings/{id}", "/Meetings/{id}", $"/api/search?q={marker}&kind=outcome");
        await AccessProbe.AssertInvisibleAsync(australia, id, marker, documentPaths);
        await AccessProbe.AssertInvisibleAsync(australia, meetingId, marker, meetingPaths);
        await AccessProbe.AssertInvisibleAsync(platform.Anonymous(), id, marker, documentPaths);
        await AccessProbe.AssertInvisibleAsync(platform.Anonymous(), meetingId, marker, meetingPaths);
        (await GetJsonAsync(australia, "/api/documents/count")).GetProperty("count").GetInt32().ShouldBe(countBefore);
        var search = await GetJsonAsync(australia, $"/api/search?q={marker}");
        search.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task OwnMemberDocument_ApiKeys_NeedTheLibraryReadScopeAndTheOwnersMember()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Keyed");
        var id = await ImportAsync(indonesia, "keyed.txt", Statement(marker).Content, scope: "OwnMember");
        var directoryKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.DirectoryRead));
        var otherMembersKey = platform.WithApiKey(await platform.CreateApiKeyAsync("MYS", ApiScopes.LibraryRead));
        var libraryKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.LibraryRead));

        await AccessProbe.AssertInvisibleAsync(directoryKey, id, marker, "/api/documents/{id}", "/api/documents/{id}/file", "/api/documents");
        await AccessProbe.AssertInvisibleAsync(otherMembersKey, id, marker, "/api/documents/{id}", "/api/documents/{id}/file", "/api/documents");
        await AccessProbe.AssertVisibleAsync(libraryKey, id, marker, "/api/documents/{id}", "/api/documents/{id}/file");
    }

    [Fact]
    public async Task UploadDocuments_NotMultipart_AnswersProblemDetails()
    {
        var officer = await platform.SignInNewUserAsync("IDN");

        var response = await officer.PostAsJsonAsync("/api/documents", new { title = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("multipart/form-data");
    }

    [Fact]
    public async Task UploadDocuments_OnlyAnUnsupportedFile_AnswersProblemDetailsAndStoresNothing()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var before = (await GetJsonAsync(officer, "/api/documents/count")).GetProperty("count").GetInt32();

        var response = await UploadAsync(officer, "Public", ("minutes.exe", [0x4D, 0x5A]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("'minutes.exe' cannot be imported: use a .txt, .md, .html, .pdf or .docx file.");
        (await GetJsonAsync(officer, "/api/documents/count")).GetProperty("count").GetInt32().ShouldBe(before);
    }

    [Fact]
    public async Task UploadDocuments_SavedEventPage_IsReadWithoutItsScriptAndServedBackOnlyAsADownload()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Html");
        var (statement, start) = Statement(marker);
        var body = System.Net.WebUtility.HtmlEncode(System.Text.Encoding.UTF8.GetString(statement)).Replace("\n", "</p>\n<p>", StringComparison.Ordinal);
        var html = $"<!DOCTYPE html><html><head><title>Event</title><script>document.cookie='{marker}-script'</script></head><body><p>{body}</p></body></html>";

        var response = await UploadAsync(officer, "Public", ($"event-{marker}.html", System.Text.Encoding.UTF8.GetBytes(html)));
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("results")[0].GetProperty("documentId").GetGuid();
        var detail = await GetJsonAsync(officer, $"/api/documents/{id}");
        detail.GetProperty("text").GetString()!.ShouldContain($"workshop on {marker}");
        detail.GetProperty("text").GetString()!.ShouldNotContain($"{marker}-script");
        detail.GetProperty("meetingId").ValueKind.ShouldBe(JsonValueKind.String);
        var file = await officer.GetAsync($"/api/documents/{id}/file");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        start.Year.ShouldBeGreaterThan(2009);
    }

    [Fact]
    public async Task UploadDocuments_NoFileOrUnknownScope_AnswersProblemDetails()
    {
        var officer = await platform.SignInNewUserAsync("IDN");

        var empty = await UploadAsync(officer, "Public");
        var badScope = await UploadAsync(officer, "Everyone", ("a.txt", Encoding.UTF8.GetBytes("Some text " + Marker("Scope"))));

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Send at least one file");
        badScope.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badScope.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await badScope.Content.ReadAsStringAsync()).ShouldContain("Choose who may see the documents");
    }

    [Fact]
    public async Task UploadDocuments_MixedBatch_ReportsEachFileAndKeepsTheGoodOnes()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Mixed");

        var response = await UploadAsync(officer, "AllMembers",
            ("good.md", Encoding.UTF8.GetBytes($"# Handbook on {marker}\n\nA handbook for officials.")),
            ("broken.docx", Encoding.UTF8.GetBytes("not a zip")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        results[0].GetProperty("status").GetString().ShouldBe("Imported");
        results[0].GetProperty("kind").GetString().ShouldBe("Handbook");
        results[1].GetProperty("status").GetString().ShouldBe("Failed");
        results[1].GetProperty("message").GetString()!.ShouldContain("not a readable Word document");
        (await GetJsonAsync(await platform.SignInNewUserAsync("FJI"), $"/api/documents/{results[0].GetProperty("documentId").GetGuid()}"))
            .GetProperty("document").GetProperty("scope").GetString().ShouldBe("AllMembers");
    }

    [Fact]
    public async Task UploadDocuments_WithoutAnImporterRoleOrWriteScope_IsForbidden()
    {
        var analyst = await platform.SignInNewUserAsync("IDN", [Roles.Analyst]);
        var readKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.LibraryRead));
        var file = ("x.txt", Encoding.UTF8.GetBytes("Text " + Marker("Role")));

        (await UploadAsync(analyst, "Public", file)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await UploadAsync(readKey, "Public", file)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await UploadAsync(platform.Anonymous(), "Public", file)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.LibraryWrite)).GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DocumentReader_Translation_ShowsTheLanguagesOfItsGuide()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Guide");
        var original = await ImportAsync(officer, "guide.md", Encoding.UTF8.GetBytes($"# Policy Guide on {marker}\n\nCriminalising migrant smuggling."));
        var indonesian = await ImportTranslationAsync(officer, original, "panduan.md", $"# Panduan Kebijakan {marker}\n\nPanduan ini untuk para pejabat dan untuk kerja sama yang lebih baik.");
        // A second guide in three languages, so that the matrix has a column the first guide lacks.
        var other = await ImportAsync(officer, "guide-2.md", Encoding.UTF8.GetBytes($"# Quick Reference Guide on {marker}\n\nIdentifying victims of trafficking."));
        var otherIndonesian = await ImportTranslationAsync(officer, other, "panduan-2.md", $"# Panduan Ringkas {marker}\n\nPanduan ini untuk para pejabat dan untuk kerja sama yang lebih baik.");
        var otherThai = await ImportTranslationAsync(officer, other, "guide-2-th.md", $"# คู่มือ {marker}\n\nการประชุมกระบวนการบาหลีว่าด้วยการลักลอบขนคนเข้าเมืองและการค้ามนุษย์");
        // A Thai translation of the first guide that only Indonesia may see.
        var privateThai = await ImportTranslationAsync(officer, original, "guide-th.md", $"# คู่มือนโยบาย {marker}\n\nการประชุมกระบวนการบาหลีว่าด้วยความร่วมมือระดับภูมิภาค", scope: "OwnMember");

        var detail = await GetJsonAsync(officer, $"/api/documents/{original}");
        var page = await officer.GetStringAsync($"/Library/Documents/{indonesian}");
        var publicPage = await platform.Anonymous().GetStringAsync($"/Library/Documents/{indonesian}");

        detail.GetProperty("translations").EnumerateArray().Select(t => t.GetProperty("language").GetString()).ShouldBe(["en", "id", "th"]);
        page.ShouldContain("This document in 3 languages");
        ReaderLanguages(page).ShouldBe([("en", original), ("id", null), ("th", privateThai)]);
        ReaderLanguages(publicPage).ShouldBe([("en", original), ("id", null)]);
        publicPage.ShouldContain("This document in 2 languages");
        publicPage.ShouldNotContain(privateThai.ToString());

        var matrix = MatrixRows(await officer.GetStringAsync("/Library"));
        matrix[original].ShouldBe(Cells(matrix[original], ("en", original), ("id", indonesian), ("th", privateThai)));
        matrix[other].ShouldBe(Cells(matrix[other], ("en", other), ("id", otherIndonesian), ("th", otherThai)));
        var publicLibrary = await platform.Anonymous().GetStringAsync("/Library");
        var publicMatrix = MatrixRows(publicLibrary);
        publicMatrix[original].ShouldBe(Cells(publicMatrix[original], ("en", original), ("id", indonesian)));
        publicMatrix[original]["th"].ShouldBeNull("A translation the reader may not see is shown as missing.");
        publicLibrary.ShouldNotContain(privateThai.ToString());
    }

    private static async Task<Guid> ImportTranslationAsync(HttpClient client, Guid original, string fileName, string text, string scope = "Public")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(scope), "scope" },
            { new StringContent(original.ToString()), "translationOf" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "files", fileName },
        };
        var response = await client.PostAsync("/api/documents", form);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("results")[0].GetProperty("documentId").GetGuid();
    }

    /// <summary>The document reader's languages table: each row's language tag and the document it links to (null for the page itself).</summary>
    private static List<(string Language, Guid? Link)> ReaderLanguages(string html)
    {
        var table = Between(html, "<h2 id=\"translations\">", "</table>");
        return Regex.Matches(table, "<tr>\\s*<th scope=\"row\" lang=\"(?<language>[^\"]+)\">.*?</th>(?<rest>.*?)</tr>", RegexOptions.Singleline)
            .Select(row => (row.Groups["language"].Value, FirstLink(row.Groups["rest"].Value)))
            .ToList();
    }

    /// <summary>The Library's matrix: per guide (its original's id), per language column, the linked document or null when missing.</summary>
    private static Dictionary<Guid, Dictionary<string, Guid?>> MatrixRows(string html)
    {
        var table = Between(html, "<caption>Which languages each guide exists in</caption>", "</table>");
        var languages = Regex.Matches(Between(table, "<thead>", "</thead>"), "<th scope=\"col\" lang=\"(?<l>[^\"]+)\"").Select(m => m.Groups["l"].Value).ToList();
        var rows = new Dictionary<Guid, Dictionary<string, Guid?>>();
        foreach (Match row in Regex.Matches(Between(table, "<tbody>", "</tbody>"), "<tr>(?<row>.*?)</tr>", RegexOptions.Singleline))
        {
            var guide = FirstLink(Between(row.Groups["row"].Value, "<th scope=\"row\">", "</th>"))!.Value;
            var cells = Regex.Matches(row.Groups["row"].Value, "<td>(?<cell>.*?)</td>", RegexOptions.Singleline).Select(c => c.Groups["cell"].Value).ToList();
            cells.Count.ShouldBe(languages.Count);
            foreach (var cell in cells.Where(c => FirstLink(c) is null))
            {
                cell.ShouldContain("Not available");
            }

            rows[guide] = languages.Zip(cells, (l, c) => (l, FirstLink(c))).ToDictionary(x => x.l, x => x.Item2);
        }

        return rows;
    }

    /// <summary>The expected row: the given languages linked, every other column of the table missing.</summary>
    private static Dictionary<string, Guid?> Cells(Dictionary<string, Guid?> actual, params (string Language, Guid Id)[] present) =>
        actual.Keys.ToDictionary(l => l, l => present.Any(p => p.Language == l) ? present.Single(p => p.Language == l).Id : (Guid?)null);

    private static Guid? FirstLink(string html) =>
        Regex.Match(html, "href=\"/Library/Documents/(?<id>[0-9a-f-]{36})\"") is { Success: true } m ? Guid.Parse(m.Groups["id"].Value) : null;

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        from.ShouldBeGreaterThan(-1, $"The page has no {start}.");
        var to = html.IndexOf(end, from, StringComparison.Ordinal);
        return html[from..to];
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LibraryApiSqliteTests(SqlitePlatform platform) : LibraryApiTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class LibraryApiPostgresTests(PostgresPlatform platform) : LibraryApiTests(platform);

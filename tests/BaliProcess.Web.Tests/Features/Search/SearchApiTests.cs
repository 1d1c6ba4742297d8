using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Tests.Infrastructure;

namespace BaliProcess.Web.Tests.Features.Search;

public abstract class SearchApiTests(PlatformFactory platform)
{
    [Fact]
    public async Task Search_PublicRecord_FoundByAnonymousWithFacetCounts()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var marker = $"Lantern{Guid.NewGuid():N}"[..20];
        (await indonesia.PostAsJsonAsync("/api/focal-points", new { personName = marker, role = "Liaison officer", scope = "Public", bodyCode = "RILON" })).EnsureSuccessStatusCode();
        await platform.DrainSearchAsync();

        var results = await platform.Anonymous().GetFromJsonAsync<JsonElement>($"/api/search?q={marker}");

        results.GetProperty("total").GetInt32().ShouldBe(1);
        results.GetProperty("hits")[0].GetProperty("snippet").GetString()!.ShouldContain("<mark>");
        results.GetProperty("facets").GetProperty("member")[0].GetProperty("value").GetString().ShouldBe("IDN");
        (await platform.Anonymous().GetStringAsync($"/Search?q={marker}")).ShouldContain(marker);
    }

    [Fact]
    public async Task Search_CountsAndFacets_ExcludeRecordsTheViewerMayNotSee()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var word = $"Harbour{Guid.NewGuid():N}"[..20];
        (await indonesia.PostAsJsonAsync("/api/focal-points", new { personName = word + " One", role = "Delegate", scope = "Public" })).EnsureSuccessStatusCode();
        (await indonesia.PostAsJsonAsync("/api/focal-points", new { personName = word + " Two", role = "Delegate", scope = "OwnMember" })).EnsureSuccessStatusCode();
        await platform.DrainSearchAsync();

        var own = await indonesia.GetFromJsonAsync<JsonElement>($"/api/search?q={word}");
        var other = await (await platform.SignInNewUserAsync("AUS")).GetFromJsonAsync<JsonElement>($"/api/search?q={word}");

        own.GetProperty("total").GetInt32().ShouldBe(2);
        other.GetProperty("total").GetInt32().ShouldBe(1);
        other.GetProperty("facets").GetProperty("member")[0].GetProperty("count").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Search_UnbalancedQuote_AnswersValidationProblem()
    {
        var response = await platform.Anonymous().GetAsync("/api/search?q=%22people%20smuggling");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Search_OverlongQuery_AnswersValidationProblem()
    {
        var response = await platform.Anonymous().GetAsync("/api/search?q=" + new string('a', 600));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("longer than 500 characters");
    }

    [Fact]
    public async Task SearchRebuild_AfterTheIndexIsLost_FindsRecordsAgain()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var marker = $"Rebuild{Guid.NewGuid():N}"[..20];
        (await indonesia.PostAsJsonAsync("/api/focal-points", new { personName = marker, role = "Delegate", scope = "Public" })).EnsureSuccessStatusCode();
        await platform.DrainSearchAsync();
        var indexer = platform.Services.GetService(typeof(BaliProcess.Web.Infrastructure.Search.SearchIndexer)) as BaliProcess.Web.Infrastructure.Search.SearchIndexer;
        var index = (BaliProcess.Web.Infrastructure.Search.PlatformSearchIndex)platform.Services.GetService(typeof(BaliProcess.Web.Infrastructure.Search.PlatformSearchIndex))!;
        index.Index.DeleteAll();
        index.Index.Commit();
        (await platform.Anonymous().GetFromJsonAsync<JsonElement>($"/api/search?q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);

        var rebuilt = await indexer!.RebuildAsync(default);

        rebuilt.ShouldBeGreaterThan(0);
        (await platform.Anonymous().GetFromJsonAsync<JsonElement>($"/api/search?q={marker}")).GetProperty("total").GetInt32().ShouldBe(1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SearchApiSqliteTests(SqlitePlatform platform) : SearchApiTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class SearchApiPostgresTests(PostgresPlatform platform) : SearchApiTests(platform);

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BaliProcess.Search;

namespace BaliProcess.Web.Tests.Infrastructure.Cli;

/// <summary>
/// 'search rebuild' as the README describes it: the platform is stopped, the index folder is gone, the verb runs
/// in a process of its own, and the restarted platform finds the records again.
/// </summary>
public abstract partial class SearchRebuildTests<TPlatform>
    where TPlatform : PlatformFactory, new()
{
    [Fact]
    public async Task SearchRebuild_IndexFolderDeleted_RebuildsItSoRecordsAreFoundAgain()
    {
        var marker = $"Rebuilt{Guid.NewGuid():N}"[..20];
        var first = new TPlatform();
        var (provider, connectionString, index) = (first.Provider, first.ConnectionString, first.SearchIndexPath);
        await using (first)
        {
            var officer = await first.SignInNewUserAsync("IDN");
            (await officer.PostAsJsonAsync("/api/focal-points", new { personName = marker, role = "Liaison officer", scope = "Public" })).EnsureSuccessStatusCode();
            await first.DrainSearchAsync();
            (await TotalAsync(first, marker)).ShouldBe(1);
        }

        Directory.Delete(index, recursive: true);
        var run = await CliProcess.RunAsync(provider, connectionString, index, "search", "rebuild");

        run.Exit.ShouldBe(0, run.Err + run.Out);
        var rebuilt = int.Parse(RebuiltCount().Match(run.Out).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        rebuilt.ShouldBeGreaterThan(0);
        using (var reopened = SearchIndex.OpenOrCreate(index))
        {
            // Read before the platform starts again: at start it would rebuild an empty index by itself.
            reopened.Count.ShouldBe(rebuilt);
        }

        await using var restarted = new StandalonePlatform(provider, connectionString, index);
        (await TotalAsync(restarted, marker)).ShouldBe(1);
    }

    private static async Task<int> TotalAsync(PlatformFactory platform, string marker) =>
        (await platform.Anonymous().GetFromJsonAsync<JsonElement>($"/api/search?q={marker}")).GetProperty("total").GetInt32();

    [GeneratedRegex(@"Search index rebuilt: (\d+) records\.")]
    private static partial Regex RebuiltCount();
}

public sealed class SearchRebuildSqliteTests : SearchRebuildTests<SqlitePlatform>;

public sealed class SearchRebuildPostgresTests : SearchRebuildTests<PostgresPlatform>;

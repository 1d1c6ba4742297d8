using System.Net;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>A new installation without ../shared/seeds beside it starts, says so once in its log, and works with an empty library.</summary>
public abstract class NoSeedsTests(DatabaseProvider provider)
{
    [Fact]
    public async Task FirstStart_SeedsFolderMissing_StartsWithAnEmptyLibraryAndEveryPageAnswers()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bp-no-seeds-{Guid.NewGuid():N}");
        await using var platform = new StandalonePlatform(provider) { ExtraSettings = [new("Library:SeedsPath", folder)] };
        var client = platform.Anonymous();

        (await GetJsonAsync(client, "/api/documents")).GetArrayLength().ShouldBe(0);
        (await GetJsonAsync(client, "/api/search?q=x")).GetProperty("total").GetInt32().ShouldBe(0);
        foreach (var path in new[] { "/Search?q=x", "/Library", "/Meetings", "/Activities", "/" })
        {
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }

        platform.Logs.ShouldContain(e => e.Level == LogLevel.Information && e.Message == $"No seed documents at {folder}; the library starts empty.");
        platform.Logs.Where(e => e.Category == "Library" && e.Level >= LogLevel.Warning).ShouldBeEmpty();
        // EF Core logs its probe for the migrations table of a new PostgreSQL database as an error; nothing else may fail.
        platform.Logs.Where(e => e.Level >= LogLevel.Error && !e.Message.Contains("__EFMigrationsHistory", StringComparison.Ordinal)).ShouldBeEmpty();
        System.IO.Directory.Exists(folder).ShouldBeFalse("A missing seeds folder is not created.");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NoSeedsSqliteTests() : NoSeedsTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class NoSeedsPostgresTests() : NoSeedsTests(DatabaseProvider.Postgres);

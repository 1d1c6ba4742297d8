using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Infrastructure.Data;
using Npgsql;

namespace BaliProcess.Web.Tests.Infrastructure.Data;

/// <summary>
/// PostgreSQL is migrated by the operator ('migrate'), never silently at start unless Database:MigrateOnStart says so.
/// Each test starts from an empty database of its own.
/// </summary>
public sealed class PostgresMigrationTests
{
    [Fact]
    public async Task Start_PendingMigrationsAndMigrateOnStartFalse_RefusesNamingTheMigrateCommandAndCreatesNothing()
    {
        var connectionString = PlatformFactory.CreateDatabase(DatabaseProvider.Postgres);
        await using var platform = new StandalonePlatform(DatabaseProvider.Postgres, connectionString, PlatformFactory.NewSearchIndexPath()) { ExtraSettings = StandalonePlatform.NoMigrationOnStart };

        Should.Throw<Exception>(() => platform.CreateClient());

        platform.Logs.ShouldContain(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Critical && l.Message.Contains("The PostgreSQL database is not up to date. Run the 'migrate' command first"));
        (await TablesAsync(connectionString)).ShouldBeEmpty();
    }

    /// <summary>The web host itself (no verb, as 'dotnet run' starts it: it must stop before it listens), and a verb other than migrate.</summary>
    [Theory]
    [InlineData("The PostgreSQL database is not up to date. Run the 'migrate' command first", "--urls", "http://127.0.0.1:0")]
    [InlineData("The database is not up to date: run 'migrate' first.", "search", "rebuild")]
    public async Task Process_UnmigratedPostgres_ExitsNonZeroAskingForMigrateAndCreatesNothing(string message, params string[] args)
    {
        var connectionString = PlatformFactory.CreateDatabase(DatabaseProvider.Postgres);

        var run = await CliProcess.RunAsync(DatabaseProvider.Postgres, connectionString, PlatformFactory.NewSearchIndexPath(), args);

        run.Exit.ShouldNotBe(0);
        run.Err.ShouldContain(message);
        // Only the message: an expected refusal is not a crash.
        (run.Out + run.Err).ShouldNotContain("Unhandled exception");
        (run.Out + run.Err).ShouldNotContain("   at ");
        (await TablesAsync(connectionString)).ShouldBeEmpty();
    }

    [Fact]
    public async Task MigrateVerb_FreshDatabase_CreatesTheSchemaAndThePlatformThenStartsWithoutMigrating()
    {
        var connectionString = PlatformFactory.CreateDatabase(DatabaseProvider.Postgres);
        var index = PlatformFactory.NewSearchIndexPath();

        var run = await CliProcess.RunAsync(DatabaseProvider.Postgres, connectionString, index, "migrate");

        run.Exit.ShouldBe(0, run.Err + run.Out);
        run.Out.ShouldContain("Database is up to date; reference data present.");
        (await TablesAsync(connectionString)).ShouldContain("__EFMigrationsHistory");
        await using var platform = new StandalonePlatform(DatabaseProvider.Postgres, connectionString, index) { ExtraSettings = StandalonePlatform.NoMigrationOnStart };
        var members = await platform.Anonymous().GetFromJsonAsync<List<JsonElement>>("/api/members");
        members!.Count(m => m.GetProperty("kind").GetString() == "MemberState").ShouldBe(45);
        var officer = await platform.SignInNewUserAsync("IDN");
        (await officer.GetAsync("/Accounts/Manage")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}

/// <summary>The embedded database migrates itself whatever Database:MigrateOnStart says (README).</summary>
public sealed class SqliteStartupTests
{
    [Fact]
    public async Task Start_FreshSqliteAndMigrateOnStartFalse_MigratesItselfAndServes()
    {
        await using var platform = new StandalonePlatform(DatabaseProvider.Sqlite, PlatformFactory.CreateDatabase(DatabaseProvider.Sqlite), PlatformFactory.NewSearchIndexPath()) { ExtraSettings = StandalonePlatform.NoMigrationOnStart };

        var members = await platform.Anonymous().GetFromJsonAsync<List<JsonElement>>("/api/members");

        members!.Count(m => m.GetProperty("kind").GetString() == "MemberState").ShouldBe(45);
    }
}

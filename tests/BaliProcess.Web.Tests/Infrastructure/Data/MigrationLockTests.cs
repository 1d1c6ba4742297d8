using BaliProcess.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace BaliProcess.Web.Tests.Infrastructure.Data;

/// <summary>
/// A process killed while it held EF Core's SQLite migration lock (a row in __EFMigrationsLock, which only the migrating
/// process deletes) left every later start and CLI verb waiting for it forever. The platform's migrators hold an
/// operating-system file lock while they migrate, so a lock row found under it is left over, and is removed. SQLite
/// only: PostgreSQL's migration lock is a session advisory lock, released when the killed process's connection drops.
/// </summary>
public sealed class MigrationLockTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Start_MigrationLockLeftByAKilledProcess_RemovesItAndStarts()
    {
        StandalonePlatform restarted;
        await using (var first = new StandalonePlatform(DatabaseProvider.Sqlite))
        {
            _ = first.Services;
            restarted = first.Restart();
        }

        await LeaveLockAsync(restarted.ConnectionString);

        // A start that waits for the lock never ends: bounded here, so that the test fails instead of hanging.
        using var client = await Task.Run(restarted.CreateClient).WaitAsync(StartLimit);
        try
        {
            (await client.GetStringAsync("/health")).ShouldBe("Healthy");
            (await LockRowsAsync(restarted.ConnectionString)).ShouldBe(0);
            restarted.Logs.ShouldContain(l => l.Message.Contains("Removed a migration lock left by a process that ended while migrating the database."));
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task CliVerb_MigrationLockLeftByAKilledProcess_RemovesItAndSucceeds()
    {
        var connectionString = PlatformFactory.CreateDatabase(DatabaseProvider.Sqlite);
        var index = PlatformFactory.NewSearchIndexPath();
        (await CliProcess.RunAsync(DatabaseProvider.Sqlite, connectionString, index, "migrate")).Exit.ShouldBe(0);
        await LeaveLockAsync(connectionString);

        // CliProcess gives up (TimeoutException) after two minutes: a verb waiting for the left-over lock fails the test.
        var run = await CliProcess.RunAsync(DatabaseProvider.Sqlite, connectionString, index, "migrate");

        run.Exit.ShouldBe(0, run.Out + run.Err);
        run.Out.ShouldContain("Database is up to date; reference data present.");
        (await LockRowsAsync(connectionString)).ShouldBe(0);
    }

    /// <summary>What a process killed between taking the lock and releasing it leaves: the lock row, committed.</summary>
    private static async Task LeaveLockAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """INSERT INTO "__EFMigrationsLock"("Id", "Timestamp") VALUES(1, '2026-12-07 12:00:00+00:00')""";
        (await command.ExecuteNonQueryAsync()).ShouldBe(1, "the first start created EF Core's lock table and left it empty");
    }

    private static async Task<long> LockRowsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "__EFMigrationsLock" """;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

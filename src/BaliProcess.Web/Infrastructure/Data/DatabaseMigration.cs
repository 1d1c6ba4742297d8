using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Infrastructure.Data;

/// <summary>
/// Applies the migrations, for the web host's start and the CLI. On SQLite, EF Core's migration lock is a row in
/// <c>__EFMigrationsLock</c> that only the migrating process deletes: a process killed while it holds the row (even
/// during a start with nothing to migrate, which embedded SQLite runs at every start) leaves it behind, and every later
/// start then waits for it forever (the crash test found this). So the platform's migrators first take an operating
/// system lock on a file beside the database, which the kernel drops when its process dies: whoever holds that lock
/// knows that a lock row is left over from a dead process, and removes it. PostgreSQL's migration lock is a session
/// advisory lock that dies with its connection, so it needs none of this.
/// </summary>
public static class DatabaseMigration
{
    private const string LockTable = "__EFMigrationsLock";

    public static async Task MigrateAsync(AppDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite() || LockFilePath(db) is not { } lockPath)
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        await using var fileLock = await AcquireAsync(lockPath, logger, cancellationToken);
        await RemoveLeftOverLockAsync(db, logger, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The lock file beside the database file; null for an in-memory database, which no other process can open.</summary>
    private static string? LockFilePath(AppDbContext db)
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
        {
            return null;
        }

        return Path.GetFullPath(builder.DataSource) + ".migration-lock";
    }

    /// <summary>
    /// An exclusive open of the lock file (on Linux and macOS .NET takes it with flock, released when the process ends
    /// however it ends); waits while another live process of the platform is migrating.
    /// </summary>
    private static async Task<FileStream> AcquireAsync(string path, ILogger logger, CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!waited)
                {
                    logger.LogInformation("Another process is migrating the database ({LockFile} is locked); waiting for it.", path);
                    waited = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private static async Task RemoveLeftOverLockAsync(AppDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{LockTable}'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return;
            }

            await using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM \"{LockTable}\"";
            if (await delete.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                logger.LogWarning("Removed a migration lock left by a process that ended while migrating the database.");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

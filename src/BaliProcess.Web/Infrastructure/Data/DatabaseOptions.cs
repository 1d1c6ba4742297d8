namespace BaliProcess.Web.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, defaults to a file under <c>data/</c>; for PostgreSQL it is required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Embedded SQLite migrates at start; PostgreSQL only through the <c>migrate</c> verb unless this is set.</summary>
    public bool MigrateOnStart { get; set; }

    public const string SqliteMigrationsAssembly = "BaliProcess.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "BaliProcess.Migrations.Postgres";
}

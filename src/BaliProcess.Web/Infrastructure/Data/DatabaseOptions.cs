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

    /// <summary>
    /// The folder of the embedded database, the search index and other local files: absolute, or relative to the
    /// content root (the folder the platform starts in; the published folder or src/BaliProcess.Host). Never relative
    /// to the source tree, so a published build finds it where it is deployed.
    /// </summary>
    public string DataPath { get; set; } = "data";

    /// <summary>For SQLite, defaults to a file in <see cref="DataPath"/>; for PostgreSQL it is required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Embedded SQLite migrates at start; PostgreSQL only through the <c>migrate</c> verb unless this is set.</summary>
    public bool MigrateOnStart { get; set; }

    public const string SqliteMigrationsAssembly = "BaliProcess.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "BaliProcess.Migrations.Postgres";
}

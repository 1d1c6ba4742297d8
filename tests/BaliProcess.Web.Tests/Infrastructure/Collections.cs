namespace BaliProcess.Web.Tests.Infrastructure;

/// <summary>One shared platform per provider; the classes of a collection run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqlitePlatform>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresPlatform>
{
    public const string Name = "postgres";
}

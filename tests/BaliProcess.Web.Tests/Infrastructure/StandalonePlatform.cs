using System.Collections.Concurrent;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BaliProcess.Web.Tests.Infrastructure;

/// <summary>
/// A platform a test owns, for tests that stop it and start it again: on a new database, or (<see cref="Restart"/>) on
/// the database and index folder an earlier one left behind. It can run without the background search indexer (as
/// the CLI does, and as a platform whose indexer had not got to its outbox yet), with extra services and settings,
/// and keep what it logs.
/// </summary>
public sealed class StandalonePlatform : PlatformFactory
{
    public StandalonePlatform(DatabaseProvider provider)
        : base(provider)
    {
    }

    /// <summary>A platform on an existing database and index folder, as a restart (or another process) finds them.</summary>
    public StandalonePlatform(DatabaseProvider provider, string connectionString, string searchIndexPath)
        : base(provider, connectionString, searchIndexPath)
    {
    }

    /// <summary>False leaves the outbox to explicit <see cref="PlatformFactory.DrainSearchAsync"/> calls.</summary>
    public bool BackgroundIndexing { get; init; } = true;

    public IReadOnlyList<KeyValuePair<string, string?>> ExtraSettings { get; init; } = [];

    public Action<IServiceCollection>? ExtraServices { get; init; }

    /// <summary>Every log entry the platform wrote (the console sink is replaced by this list).</summary>
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => ExtraSettings;

    /// <summary>A new platform on this one's database and index folder; dispose this one first.</summary>
    public StandalonePlatform Restart(bool backgroundIndexing = true, Action<IServiceCollection>? extraServices = null) =>
        new(Provider, ConnectionString, SearchIndexPath) { BackgroundIndexing = backgroundIndexing, ExtraSettings = ExtraSettings, ExtraServices = extraServices };

    /// <summary>Settings for a platform that must not migrate the database at start, as PostgreSQL in production.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> NoMigrationOnStart { get; } = [new("Database:MigrateOnStart", "false")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerFactory>(new LoggerFactory([new ListLoggerProvider(Logs)]));
            if (!BackgroundIndexing)
            {
                var indexer = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is Func<IServiceProvider, SearchIndexer>).ToList();
                indexer.Count.ShouldBe(1, "The search indexer's hosted-service registration was not found.");
                services.Remove(indexer[0]);
            }

            ExtraServices?.Invoke(services);
        });
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<(LogLevel, string, string)> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(entries, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(ConcurrentQueue<(LogLevel, string, string)> entries, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : $" {exception}")));
            }
        }
    }
}

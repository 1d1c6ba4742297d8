using BaliProcess.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Infrastructure.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddPlatformData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton<AuditChain>();
        services.AddSingleton<StartupHooks>();
        services.AddSingleton<Search.SearchNotifier>();
        services.AddSingleton<Jobs.NodeIdentity>();
        services.AddSingleton<Jobs.JobLeases>();

        services.AddDbContext<AppDbContext>(builder => Configure(builder, options, environment.ContentRootPath));
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string contentRoot)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");
                }

                builder.UseNpgsql(options.ConnectionString, o => o.MigrationsAssembly(DatabaseOptions.PostgresMigrationsAssembly));
                break;
            default:
                builder.UseSqlite(SqliteConnectionString(options, contentRoot), o => o.MigrationsAssembly(DatabaseOptions.SqliteMigrationsAssembly));
                break;
        }
    }

    public static string SqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        return $"Data Source={Path.Combine(DataDirectory(options, contentRoot), "baliprocess.db")}";
    }

    /// <summary>The configured data folder (Database:DataPath, relative to the content root unless absolute), created when missing.</summary>
    public static string DataDirectory(DatabaseOptions options, string contentRoot)
    {
        var dataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.DataPath) ? "data" : options.DataPath, contentRoot);
        Directory.CreateDirectory(dataDirectory);
        return dataDirectory;
    }
}

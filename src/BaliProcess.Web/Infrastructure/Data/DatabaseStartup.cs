using BaliProcess.Web.Features.Accounts;
using BaliProcess.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Infrastructure.Data;

public static class DatabaseStartup
{
    /// <summary>
    /// Embedded SQLite migrates itself; PostgreSQL is migrated by the <c>migrate</c> verb (an operator's decision),
    /// unless Database:MigrateOnStart says otherwise. Then reference data and, on a new installation, the setup link.
    /// False (after saying why, once, without a stack trace) when the database is not ready: the host then exits non-zero.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = services.GetRequiredService<AppDbContext>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Startup");

        if (options.Provider == DatabaseProvider.Sqlite || options.MigrateOnStart)
        {
            await DatabaseMigration.MigrateAsync(db, logger, cancellationToken);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            logger.LogCritical(NotMigratedMessage);
            await Console.Error.WriteLineAsync(NotMigratedMessage);
            return false;
        }

        await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync(cancellationToken);
        await services.GetRequiredService<StartupHooks>().RunAsync(services, cancellationToken);

        var setup = services.GetRequiredService<FirstAdministratorSetup>();
        var link = await setup.IssueLinkIfNewInstallationAsync(cancellationToken);
        if (link is not null)
        {
            var baseUrl = app.Urls.FirstOrDefault() ?? app.Configuration["urls"]?.Split(';')[0] ?? "http://localhost:5080";
            var url = $"{baseUrl.TrimEnd('/')}/Accounts/Setup?token={link}";
            logger.LogWarning("New installation: create the first administrator at {SetupUrl} (the link works once and expires in 24 hours).", url);
            // Also plainly on standard output, where the person who started the platform is looking.
            Console.WriteLine($"{Environment.NewLine}  New installation: create the first administrator at{Environment.NewLine}  {url}{Environment.NewLine}");
        }

        return true;
    }

    public const string NotMigratedMessage = "The PostgreSQL database is not up to date. Run the 'migrate' command first (see README and docs/deployment.md).";
}

/// <summary>Work that later modules run once the schema is ready (for example the first-start import of the seed documents).</summary>
public sealed class StartupHooks
{
    private readonly List<(int Stage, Func<IServiceProvider, CancellationToken, Task> Hook)> hooks = [];

    /// <param name="stage">Hooks run by stage, then in the order added: a hook that reads what the seed import wrote uses <see cref="AfterImport"/>.</param>
    public void Add(Func<IServiceProvider, CancellationToken, Task> hook, int stage = 0) => hooks.Add((stage, hook));

    public const int AfterImport = 1;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var (_, hook) in hooks.OrderBy(h => h.Stage))
        {
            await hook(services, cancellationToken);
        }
    }
}

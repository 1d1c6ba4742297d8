using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BaliProcess.Migrations.Sqlite;

/// <summary>Lets 'dotnet ef' build the model for this provider without starting the web host; no connection is opened.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder,
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" }, AppContext.BaseDirectory);
        builder.UseApplicationServiceProvider(AppDbContext.DesignTimeIdentityServices());
        return new AppDbContext(builder.Options, new AuditChain(), new SearchNotifier());
    }
}

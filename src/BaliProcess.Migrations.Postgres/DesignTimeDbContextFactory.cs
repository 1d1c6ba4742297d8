using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BaliProcess.Migrations.Postgres;

/// <summary>Lets 'dotnet ef' build the model for this provider without starting the web host; no connection is opened.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder,
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=baliprocess_design;Username=postgres" }, AppContext.BaseDirectory);
        builder.UseApplicationServiceProvider(AppDbContext.DesignTimeIdentityServices());
        return new AppDbContext(builder.Options, new AuditChain(), new SearchNotifier());
    }
}

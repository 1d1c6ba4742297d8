using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Infrastructure.Data;

/// <summary>
/// The one database context. Modules contribute their entities through <see cref="IEntityTypeConfiguration{TEntity}"/>
/// classes in their own folder; they are picked up from this assembly.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, AuditChain auditChain, SearchNotifier searchNotifier)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring every node shares (encrypted with the key file; see PlatformDataProtection).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        SearchLog.ConfigureModel(builder, Database.IsNpgsql());
    }

    /// <summary>
    /// Identity reads its schema version (3: with the passkey table) from the application's Identity options; the
    /// design-time factories of the migrations projects have no application, so they pass these services instead.
    /// </summary>
    public static IServiceProvider DesignTimeIdentityServices() =>
        new ServiceCollection().Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3).BuildServiceProvider();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Both providers store UTC instants; SQLite cannot order DateTimeOffset in SQL.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(4000);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pendingAudit = ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
        var queuesSearchWork = ChangeTracker.Entries<SearchOutboxEntry>().Any(e => e.State == EntityState.Added);
        if (Database.IsSqlite())
        {
            // A single-statement save runs without a transaction by default; when another writer holds the lock, its
            // INSERT ... RETURNING meets SQLITE_BUSY while the result is read, where Microsoft.Data.Sqlite 10 does not
            // wait and retry (dotnet/efcore#36295). In a transaction the lock is taken by BEGIN IMMEDIATE, which waits.
            Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }

        // Audit rows are chained: each row's hash covers the previous one, so the chain must be extended
        // by one writer at a time and inside the same transaction as the change it records.
        var written = pendingAudit.Count == 0
            ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : await auditChain.AppendAsync(this, pendingAudit, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);
        if (queuesSearchWork && Database.CurrentTransaction is null)
        {
            searchNotifier.Notify();
        }

        return written;
    }

    /// <summary>
    /// Only for writers that cannot be asynchronous and record nothing audited or searchable (the data-protection key
    /// ring, which ASP.NET Core stores synchronously); anything else must use <see cref="SaveChangesAsync(bool, CancellationToken)"/>.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries().Any(e => e.State != EntityState.Unchanged && e.Entity is not DataProtectionKey))
        {
            throw new NotSupportedException("Use SaveChangesAsync: audit rows are chained asynchronously.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }
}

using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Jobs;

/// <summary>
/// Who runs a periodic job now. On several nodes over one PostgreSQL database only the holder of an unexpired lease
/// runs the job, so digests and pruning happen once, not once per node. (SQLite means one node: the lease still
/// works, it simply never has a competitor.)
/// </summary>
public sealed class JobLease
{
    public string Job { get; set; } = "";

    public string Holder { get; set; } = "";

    public DateTime ExpiresAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("job_leases");
        builder.HasKey(l => l.Job);
        builder.Property(l => l.Job).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}

/// <summary>This process's name in leases and in the search node table: host, process id and a random suffix.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.CreateVersion7():N}");

    private static string Truncate(string value) => value.Length <= 100 ? value : value[^100..];
}

public sealed class JobLeases(IServiceScopeFactory scopes, NodeIdentity node, TimeProvider time)
{
    /// <summary>
    /// Takes or renews the lease of <paramref name="job"/> for <paramref name="duration"/>: true when this node holds it.
    /// One conditional UPDATE (or the INSERT of a missing row) decides, so two nodes can never both succeed: the
    /// database's row lock serialises them and the loser's WHERE no longer matches.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string job, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        var updated = await db.Set<JobLease>()
            .Where(l => l.Job == job && (l.Holder == node.Id || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, node.Id).SetProperty(l => l.ExpiresAt, expires), cancellationToken);
        if (updated == 1)
        {
            return true;
        }

        if (await db.Set<JobLease>().AnyAsync(l => l.Job == job, cancellationToken))
        {
            return false;
        }

        db.Add(new JobLease { Job = job, Holder = node.Id, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node inserted the row first (primary key): it holds the lease.
            return false;
        }
    }

    /// <summary>Gives the lease up early (after the job ran), so another node need not wait for the expiry.</summary>
    public async Task ReleaseAsync(string job, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<JobLease>().Where(l => l.Job == job && l.Holder == node.Id).ExecuteDeleteAsync(cancellationToken);
    }
}

using BaliProcess.Search;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Jobs;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Infrastructure.Search;

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Folder of the Lucene index; relative paths are under the data folder.</summary>
    public string IndexPath { get; set; } = "search-index";
}

/// <summary>Wakes the indexer when a transaction that queued search work commits, instead of waiting for its next poll.</summary>
public sealed class SearchNotifier
{
    private readonly SemaphoreSlim signal = new(0);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>The one Lucene index of the platform, opened once per process.</summary>
public sealed class PlatformSearchIndex(string path) : IDisposable
{
    private readonly Lock gate = new();
    private SearchIndex? index;

    /// <summary>
    /// The index, opened on first use. A failed open (another process holds the folder's write lock) is not
    /// remembered: the next use tries again, so the platform recovers once that process has stopped.
    /// </summary>
    public SearchIndex Index
    {
        get
        {
            var opened = Volatile.Read(ref index);
            if (opened is not null)
            {
                return opened;
            }

            lock (gate)
            {
                // Ranking statistics come from what the anonymous viewer sees (every viewer holds the public token), so a
                // restricted record never moves the scores or order of anyone else's hits.
                return index ??= SearchIndex.OpenOrCreate(path, new SearchIndexOptions { RankingTokens = [AccessRule.PublicToken] });
            }
        }
    }

    public string Path => path;

    /// <summary>Opens the index now: false when another process (a running platform) holds the folder's write lock.</summary>
    public bool TryOpen()
    {
        try
        {
            _ = Index;
            return true;
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            index?.Dispose();
            index = null;
        }
    }
}

/// <summary>
/// Feeds this node's index from the search change log: at start (catching up after a crash or rebuilding a lost or
/// fallen-behind index) and then whenever changes arrive or <see cref="PollInterval"/> passes. The applied position is
/// stored in the index's own commit, so index and position move together; applying an entry twice is harmless.
/// </summary>
public sealed class SearchIndexer(IServiceScopeFactory scopes, PlatformSearchIndex index, IEnumerable<ISearchSource> sources,
    SearchNotifier notifier, JobLeases leases, TimeProvider time, ILogger<SearchIndexer> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private const string NodeKey = "bp.search-node";
    private const string PruneJob = "search.log-prune";

    /// <summary>How often a node looks for changes written through other nodes (its own wake it at once).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>A node silent this long is taken for gone: the log is pruned past it and it rebuilds if it returns.</summary>
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromHours(1);

    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim drainGate = new(1, 1);
    private readonly Dictionary<string, ISearchSource> byName = sources.ToDictionary(s => s.Name, StringComparer.Ordinal);
    private DateTime lastHeartbeat = DateTime.MinValue;
    private DateTime lastPrune = DateTime.MinValue;
    private bool registered;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (index.Index.SchemaReset)
        {
            // An index of an older format was opened empty and without a log position: the first drain rebuilds it.
            logger.LogWarning("The search index was written in another format: it was emptied and is rebuilt from the database.");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
                await PruneIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The position stays where the index was last committed; the entries are applied at the next turn.
                logger.LogError(e, "Search indexing failed; will retry.");
            }

            try
            {
                await notifier.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>This node's name in <c>search_nodes</c>: kept in the index, so it survives restarts with the index it names.</summary>
    private string NodeId
    {
        get
        {
            if (index.Index.CommitValue(NodeKey) is { } id)
            {
                return id;
            }

            var created = Guid.CreateVersion7().ToString("N");
            index.Index.Commit(new Dictionary<string, string>(StringComparer.Ordinal) { [NodeKey] = created });
            return created;
        }
    }

    /// <summary>Applies every log entry committed so far. Tests call it to make search consistent before they assert.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        await drainGate.WaitAsync(cancellationToken);
        try
        {
            if (SearchLog.Read(index.Index) is not { } position || !await IsRegisteredAsync(cancellationToken))
            {
                // No position (a new, lost or reformatted index) or a node the pruner gave up on: the log no longer
                // holds everything this index misses, so it is built again from the records.
                logger.LogInformation("The search index has no usable log position: building it from the database.");
                await RebuildCoreAsync(cancellationToken);
                return 0;
            }

            var applied = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var horizon = await SearchLog.HorizonAsync(db, cancellationToken);
                var batch = await SearchLog.ReadAfterAsync(db, position, horizon, BatchSize, cancellationToken);
                if (batch.Count == 0)
                {
                    await HeartbeatAsync(db, position, force: applied > 0, cancellationToken);
                    return applied;
                }

                position = new LogPosition(batch[^1].TransactionId, batch[^1].Id);
                await ApplyAsync(db, batch.GroupBy(e => e.Source).ToDictionary(g => g.Key, g => (IReadOnlyCollection<Guid>)g.Select(e => e.RecordId).Distinct().ToList()),
                    position, cancellationToken);
                applied += batch.Count;
            }
        }
        finally
        {
            drainGate.Release();
        }
    }

    /// <summary>
    /// Applies every entry committed before the call, waiting up to <paramref name="timeout"/> for transactions that
    /// started earlier and still run (they hold the horizon back). Tests call it to make search consistent before they
    /// assert; the background loop does not need it.
    /// </summary>
    public async Task<int> CatchUpAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        LogPosition? target;
        await using (var scope = scopes.CreateAsyncScope())
        {
            target = await SearchLog.LastAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var applied = 0;
        while (true)
        {
            applied += await DrainAsync(cancellationToken);
            if (target is not { } wanted || SearchLog.Read(index.Index) is { } reached && reached >= wanted || waited.Elapsed > timeout)
            {
                return applied;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>Drops the index and builds it again from the database: the <c>search rebuild</c> verb.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        await drainGate.WaitAsync(cancellationToken);
        try
        {
            return await RebuildCoreAsync(cancellationToken);
        }
        finally
        {
            drainGate.Release();
        }
    }

    private async Task<int> RebuildCoreAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var nodeId = NodeId;
        // Registered first, at the position the rebuild starts from: the pruner keeps every entry from there on.
        var start = await SearchLog.RebuildStartAsync(db, cancellationToken);
        await HeartbeatAsync(db, start, force: true, cancellationToken);
        index.Index.DeleteAll();
        var total = 0;
        foreach (var source in byName.Values)
        {
            var ids = await source.AllIdsAsync(db, cancellationToken);
            foreach (var chunk in ids.Chunk(BatchSize))
            {
                index.Index.Upsert(await source.LoadAsync(db, chunk, cancellationToken));
                total += chunk.Length;
            }
        }

        var data = new Dictionary<string, string>(start.ToCommitData(), StringComparer.Ordinal) { [NodeKey] = nodeId };
        index.Index.Commit(data);
        return total;
    }

    /// <summary>Whether this node's row is still in <c>search_nodes</c>; a missing row means the log may have been pruned past it.</summary>
    private async Task<bool> IsRegisteredAsync(CancellationToken cancellationToken)
    {
        if (registered)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var nodeId = NodeId;
        registered = await db.Set<SearchNode>().AnyAsync(n => n.NodeId == nodeId, cancellationToken);
        return registered;
    }

    /// <summary>Reports the applied position; an update that finds no row means the pruner removed this node, which then rebuilds.</summary>
    private async Task HeartbeatAsync(AppDbContext db, LogPosition position, bool force, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!force && now - lastHeartbeat < HeartbeatInterval)
        {
            return;
        }

        var nodeId = NodeId;
        var updated = await db.Set<SearchNode>().Where(n => n.NodeId == nodeId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.AppliedTransactionId, position.TransactionId).SetProperty(n => n.AppliedId, position.Id)
                .SetProperty(n => n.HeartbeatAt, now), cancellationToken);
        if (updated == 0)
        {
            if (registered)
            {
                // Pruned as silent: entries this index still needed may be gone, so the next drain rebuilds.
                registered = false;
                index.Index.Commit(new Dictionary<string, string>(StringComparer.Ordinal) { [LogPosition.TransactionKey] = "", [LogPosition.IdKey] = "" });
                return;
            }

            db.Add(new SearchNode { NodeId = nodeId, AppliedTransactionId = position.TransactionId, AppliedId = position.Id, HeartbeatAt = now });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        registered = true;
        lastHeartbeat = now;
    }

    /// <summary>
    /// Removes log entries every live node has applied, once across the nodes (a lease), and forgets nodes silent for
    /// <see cref="NodeTimeout"/>. Never past the lowest reported position, so no live node loses an entry it needs.
    /// </summary>
    public async Task<int> PruneIfDueAsync(CancellationToken cancellationToken, bool force = false)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!force && now - lastPrune < PruneInterval)
        {
            return 0;
        }

        lastPrune = now;
        if (!await leases.TryAcquireAsync(PruneJob, TimeSpan.FromMinutes(2), cancellationToken))
        {
            return 0;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var silentSince = now - NodeTimeout;
            await db.Set<SearchNode>().Where(n => n.HeartbeatAt < silentSince).ExecuteDeleteAsync(cancellationToken);
            var lowest = await db.Set<SearchNode>().AsNoTracking().OrderBy(n => n.AppliedTransactionId).ThenBy(n => n.AppliedId)
                .Select(n => new { n.AppliedTransactionId, n.AppliedId }).FirstOrDefaultAsync(cancellationToken);
            if (lowest is null)
            {
                return 0;
            }

            return await db.Set<SearchOutboxEntry>()
                .Where(e => e.TransactionId < lowest.AppliedTransactionId || (e.TransactionId == lowest.AppliedTransactionId && e.Id <= lowest.AppliedId))
                .ExecuteDeleteAsync(cancellationToken);
        }
        finally
        {
            await leases.ReleaseAsync(PruneJob, CancellationToken.None);
        }
    }

    private async Task ApplyAsync(AppDbContext db, Dictionary<string, IReadOnlyCollection<Guid>> bySource, LogPosition position, CancellationToken cancellationToken)
    {
        foreach (var (name, ids) in bySource)
        {
            if (!byName.TryGetValue(name, out var source))
            {
                logger.LogWarning("The search log names an unknown source '{Source}'; its entries are skipped.", name);
                continue;
            }

            var documents = await source.LoadAsync(db, ids, cancellationToken);
            var found = documents.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            index.Index.Delete(ids.Select(id => SearchIds.For(name, id)).Where(id => !found.Contains(id)));
            index.Index.Upsert(documents);
        }

        index.Index.Commit(position.ToCommitData());
    }
}

using BaliProcess.Search;
using BaliProcess.Web.Infrastructure.Data;
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
                return index ??= SearchIndex.OpenOrCreate(path);
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
/// Applies the search outbox to the index: at start (catching up after a crash) and then whenever changes arrive.
/// At-least-once: the index is committed before the outbox rows are deleted, and indexing the same record twice is harmless.
/// </summary>
public sealed class SearchIndexer(IServiceScopeFactory scopes, PlatformSearchIndex index, IEnumerable<ISearchSource> sources,
    SearchNotifier notifier, ILogger<SearchIndexer> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private readonly SemaphoreSlim drainGate = new(1, 1);
    private readonly Dictionary<string, ISearchSource> byName = sources.ToDictionary(s => s.Name, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await RebuildIfLostAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Checking the search index at start failed.");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The rows stay in the outbox and are tried again at the next turn.
                logger.LogError(e, "Search indexing failed; will retry.");
            }

            try
            {
                await notifier.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Applies every pending outbox row. Tests call it to make search consistent before they assert.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        await drainGate.WaitAsync(cancellationToken);
        try
        {
            var applied = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var batch = await db.Set<SearchOutboxEntry>().AsNoTracking().OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    return applied;
                }

                await ApplyAsync(db, batch.GroupBy(e => e.Source).ToDictionary(g => g.Key, g => (IReadOnlyCollection<Guid>)g.Select(e => e.RecordId).Distinct().ToList()), cancellationToken);
                await DeleteAppliedAsync(db, batch.Select(e => e.Id).ToList(), cancellationToken);
                applied += batch.Count;
            }
        }
        finally
        {
            drainGate.Release();
        }
    }

    /// <summary>An empty index beside a database with records means the index folder was lost: build it again.</summary>
    private async Task RebuildIfLostAsync(CancellationToken cancellationToken)
    {
        if (index.Index.SchemaReset)
        {
            // An index of an older format was opened empty; the check below rebuilds it from the database.
            logger.LogWarning("The search index was written in another format: it was emptied and is rebuilt from the database.");
        }

        if (index.Index.Count > 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var source in byName.Values)
        {
            if ((await source.AllIdsAsync(db, cancellationToken)).Count > 0)
            {
                logger.LogWarning("The search index is empty but the database has records: rebuilding it.");
                await RebuildAsync(cancellationToken);
                return;
            }
        }
    }

    /// <summary>Drops the index and builds it again from the database: the <c>search rebuild</c> verb.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        await drainGate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // The rows already committed are covered by the records read below; rows committed later stay for the indexer.
            var covered = await db.Set<SearchOutboxEntry>().Select(e => e.Id).ToListAsync(cancellationToken);
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

            index.Index.Commit();
            await DeleteAppliedAsync(db, covered, cancellationToken);
            return total;
        }
        finally
        {
            drainGate.Release();
        }
    }

    /// <summary>
    /// Deletes exactly the outbox rows that were read and applied. Not "every id up to the last one read": on PostgreSQL
    /// identity values are handed out when a transaction inserts, not when it commits, so a row with a lower id can
    /// become visible after the read and must stay for the next turn.
    /// </summary>
    private static async Task DeleteAppliedAsync(AppDbContext db, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            await db.Set<SearchOutboxEntry>().Where(e => chunk.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private async Task ApplyAsync(AppDbContext db, Dictionary<string, IReadOnlyCollection<Guid>> bySource, CancellationToken cancellationToken)
    {
        foreach (var (name, ids) in bySource)
        {
            if (!byName.TryGetValue(name, out var source))
            {
                logger.LogWarning("Search outbox names an unknown source '{Source}'; its rows are dropped.", name);
                continue;
            }

            var documents = await source.LoadAsync(db, ids, cancellationToken);
            var found = documents.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            index.Index.Delete(ids.Select(id => SearchIds.For(name, id)).Where(id => !found.Contains(id)));
            index.Index.Upsert(documents);
        }

        index.Index.Commit();
    }
}

using System.Text;
using System.Text.Json;
using BaliProcess.Search;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Infrastructure.Search;

/// <summary>
/// The index beside the database stays consistent with it: no outbox row is lost to a race, rows left behind by a stop
/// are applied by the next start, applying them twice is harmless, and the <c>search rebuild</c> verb restores a lost
/// index. Each test owns its platform, since it stops and starts it.
/// </summary>
public abstract class SearchIndexerTests(DatabaseProvider provider)
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Drain_WriteCommittedWhileTheDrainRuns_IsAppliedByTheNextDrain()
    {
        var (platform, interrupt, marker) = await LateWriterAsync();
        await using var _ = platform;
        var indexer = platform.Services.GetRequiredService<SearchIndexer>();

        await indexer.DrainAsync(default);
        interrupt.Step.ShouldBeNull("The drain never reached the interrupting source.");
        // Caught up to the log's last entry, not one drain: on PostgreSQL a drain reads only below the cluster's oldest
        // running transaction, which other databases' tests on the same cluster may hold back for a moment.
        await indexer.CatchUpAsync(CatchUpTimeout, default);

        (await SearchTotalAsync(platform, marker)).ShouldBe(1, "A record committed while the indexer applied earlier entries was lost.");
        (await OutboxAsync(platform)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Rebuild_WriteCommittedWhileItRuns_IsAppliedByTheNextDrain()
    {
        var (platform, interrupt, marker) = await LateWriterAsync(duringRebuild: true);
        await using var _ = platform;
        var indexer = platform.Services.GetRequiredService<SearchIndexer>();

        await indexer.RebuildAsync(default);
        interrupt.Step.ShouldBeNull("The rebuild never reached the interrupting source.");
        // Caught up to the log's last entry, not one drain: on PostgreSQL a drain reads only below the cluster's oldest
        // running transaction, which other databases' tests on the same cluster may hold back for a moment.
        await indexer.CatchUpAsync(CatchUpTimeout, default);

        (await SearchTotalAsync(platform, marker)).ShouldBe(1, "A record committed while the rebuild read the records was lost.");
        (await OutboxAsync(platform)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Log_AfterEveryNodeAppliedIt_IsPrunedOnlyUpToTheSlowestNode()
    {
        await using var nodeA = new StandalonePlatform(provider) { BackgroundIndexing = false };
        await using var nodeB = new StandalonePlatform(provider, nodeA.ConnectionString, PlatformFactory.NewSearchIndexPath()) { BackgroundIndexing = false };
        var officer = await nodeA.SignInNewUserAsync("IDN");
        string first = Marker("PruneFirst"), second = Marker("PruneSecond");
        await ImportAsync(officer, "first.md", Handbook(first));
        await nodeA.DrainSearchAsync();
        await nodeB.DrainSearchAsync();
        await ImportAsync(officer, "second.md", Handbook(second));
        await nodeA.DrainSearchAsync();

        // B has not applied the second record yet: pruning must keep its entries.
        await nodeA.Services.GetRequiredService<SearchIndexer>().PruneIfDueAsync(default, force: true);
        await nodeB.DrainSearchAsync();

        (await SearchTotalAsync(nodeB, second)).ShouldBe(1, "The pruner removed entries a live node had not applied.");
        (await SearchTotalAsync(nodeB, first)).ShouldBe(1);
        await nodeA.Services.GetRequiredService<SearchIndexer>().PruneIfDueAsync(default, force: true);
        var lowest = await nodeA.WithDbAsync(db => db.Set<SearchNode>().AsNoTracking().ToListAsync());
        lowest.Count.ShouldBeGreaterThanOrEqualTo(2);
        var left = await nodeA.WithDbAsync(db => db.Set<SearchOutboxEntry>().AsNoTracking().ToListAsync());
        left.ShouldNotContain(e => new LogPosition(e.TransactionId, e.Id) <= lowest.Min(n => new LogPosition(n.AppliedTransactionId, n.AppliedId)),
            "Entries every node had applied were kept.");
        
    }

    [Fact]
    public async Task Indexer_ManyWritersAtOnceWhileItDrains_LosesNoRecord()
    {
        await using var platform = new StandalonePlatform(provider);
        // The accounts one after another: only the records are written at once.
        var officers = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            officers.Add(await platform.SignInNewUserAsync("IDN"));
        }

        var word = Marker("Together");
        using var stop = new CancellationTokenSource();
        var drains = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await platform.DrainSearchAsync();
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            ImportAsync(officers[i % officers.Count], $"handbook-{i}.md", Encoding.UTF8.GetBytes($"# Handbook {i} on {word}\n\nA handbook for officials, number {i}."))));
        await stop.CancelAsync();
        await drains;
        await platform.DrainSearchAsync();

        (await SearchTotalAsync(platform, word)).ShouldBe(16);
    }

    [Fact]
    public async Task NextStart_OutboxRowsLeftPendingByAStop_AreIndexedWithoutAnyStep()
    {
        string indexed = Marker("Indexed"), pending = Marker("Pending");
        var first = new StandalonePlatform(provider) { BackgroundIndexing = false };
        await using (first)
        {
            var officer = await first.SignInNewUserAsync("IDN");
            await ImportAsync(officer, "indexed.md", Handbook(indexed));
            await first.DrainSearchAsync();
            await ImportAsync(officer, "pending.md", Handbook(pending));
            (await OutboxAsync(first)).ShouldNotBeEmpty();
            (await SearchTotalAsync(first, pending)).ShouldBe(0);
        }

        // The index is not empty, so the start does not rebuild it: only the outbox can bring the pending record in.
        await using var second = first.Restart();

        await EventuallyAsync(async () => await SearchTotalAsync(second, pending) == 1, "The next start did not apply the pending outbox rows.");
        (await SearchTotalAsync(second, indexed)).ShouldBe(1);
        (await second.Anonymous().GetStringAsync($"/Search?q={pending}")).ShouldContain($"Handbook on {pending}");
        await EventuallyAsync(async () => (await OutboxAsync(second)).Count == 0, "The pending rows were not applied.");
    }

    [Fact]
    public async Task NextStart_IndexCommittedButOutboxRowsNotDeleted_IndexesAgainWithoutDuplicates()
    {
        var marker = Marker("Twice");
        var first = new StandalonePlatform(provider) { BackgroundIndexing = false };
        await using (first)
        {
            var officer = await first.SignInNewUserAsync("IDN");
            await ImportAsync(officer, "twice.md", Handbook(marker));
            var rows = await OutboxAsync(first);
            await first.DrainSearchAsync();
            (await SearchTotalAsync(first, marker)).ShouldBe(1);

            // The state a crash between the index commit and the outbox delete leaves: the same rows, still queued.
            foreach (var row in rows)
            {
                await EnqueueAsync(first, row.Source, row.RecordId);
            }
        }

        await using var second = first.Restart();

        await EventuallyAsync(async () => (await OutboxAsync(second)).Count == 0, "The next start did not apply the rows again.");
        var results = await SearchAsync(second, marker);
        results.GetProperty("total").GetInt32().ShouldBe(1);
        results.GetProperty("hits").GetArrayLength().ShouldBe(1);
        results.GetProperty("facets").GetProperty("kind").EnumerateArray().ShouldHaveSingleItem().GetProperty("count").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task SearchRebuildVerb_WhileARunningPlatformHoldsTheIndex_RefusesWithAClearMessageAndChangesNothing()
    {
        var marker = Marker("InUse");
        await using var running = new StandalonePlatform(provider);
        var officer = await running.SignInNewUserAsync("IDN");
        await ImportAsync(officer, "in-use.md", Handbook(marker));
        await running.DrainSearchAsync();
        await using var cli = running.Restart(backgroundIndexing: false);
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await PlatformCli.RunAsync(cli.Services, ["search", "rebuild"], TextReader.Null, output, errors);

        exit.ShouldBe(1, output.ToString());
        errors.ToString().ShouldContain($"The search index at {running.SearchIndexPath} is in use by a running platform: stop it, then run 'search rebuild' again.");
        (await SearchTotalAsync(running, marker)).ShouldBe(1);
    }

    [Fact]
    public async Task SearchRebuildVerb_RefusedWhileAnotherPlatformHeldTheIndex_SucceedsOnceThatPlatformStopped()
    {
        var marker = Marker("Freed");
        var running = new StandalonePlatform(provider);
        var officer = await running.SignInNewUserAsync("IDN");
        await ImportAsync(officer, "freed.md", Handbook(marker));
        await running.DrainSearchAsync();
        await using var cli = running.Restart(backgroundIndexing: false);
        (await PlatformCli.RunAsync(cli.Services, ["search", "rebuild"], TextReader.Null, new StringWriter(), new StringWriter())).ShouldBe(1);

        // The failed open is not remembered: once the folder is free, the same process opens the index.
        await running.DisposeAsync();
        var output = new StringWriter();
        var exit = await PlatformCli.RunAsync(cli.Services, ["search", "rebuild"], TextReader.Null, output, new StringWriter());

        exit.ShouldBe(0, output.ToString());
        (await SearchTotalAsync(cli, marker)).ShouldBe(1);
    }

    /// <summary>
    /// A platform without the background indexer, one log entry for the indexer to read, and a writer that imports a
    /// document marked <c>Marker</c> while the indexer works (between reading the log and committing the index), or
    /// while a rebuild reads the records.
    /// </summary>
    private async Task<(StandalonePlatform Platform, InterruptingSource Interrupt, string Marker)> LateWriterAsync(bool duringRebuild = false)
    {
        var interrupt = new InterruptingSource();
        var platform = new StandalonePlatform(provider) { BackgroundIndexing = false, ExtraServices = s => s.AddSingleton<ISearchSource>(interrupt) };
        var officer = await platform.SignInNewUserAsync("IDN");
        await platform.DrainSearchAsync();
        if (!duringRebuild)
        {
            await EnqueueAsync(platform, InterruptingSource.SourceName, Guid.NewGuid());
        }

        var marker = Marker("Late");
        interrupt.Step = async () => await ImportAsync(officer, "late.md", Handbook(marker));
        return (platform, interrupt, marker);
    }

    private static byte[] Handbook(string marker) => Encoding.UTF8.GetBytes($"# Handbook on {marker}\n\nA handbook for officials.");

    private static async Task<JsonElement> SearchAsync(PlatformFactory platform, string q) => await GetJsonAsync(platform.Anonymous(), $"/api/search?q={Uri.EscapeDataString(q)}");

    protected static async Task<int> SearchTotalAsync(PlatformFactory platform, string q) => (await SearchAsync(platform, q)).GetProperty("total").GetInt32();

    /// <summary>The change-log entries this platform's index has not applied yet (the log itself is append-only).</summary>
    protected static Task<List<SearchOutboxEntry>> OutboxAsync(PlatformFactory platform)
    {
        var position = SearchLog.Read(platform.Services.GetRequiredService<PlatformSearchIndex>().Index) ?? new LogPosition(long.MinValue, long.MinValue);
        return platform.WithDbAsync(db => db.Set<SearchOutboxEntry>().AsNoTracking()
            .Where(e => e.TransactionId > position.TransactionId || (e.TransactionId == position.TransactionId && e.Id > position.Id))
            .OrderBy(e => e.Id).ToListAsync());
    }

    protected static Task<long> EnqueueAsync(PlatformFactory platform, string source, Guid recordId) =>
        platform.WithDbAsync(async db =>
        {
            var entry = new SearchOutboxEntry { Source = source, RecordId = recordId, CreatedAt = DateTime.UtcNow };
            db.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow + CatchUpTimeout;
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, because);
            await Task.Delay(100);
        }
    }

    /// <summary>A search source without records that runs <see cref="Step"/> once, while the indexer is between reading the outbox and deleting from it.</summary>
    protected sealed class InterruptingSource : ISearchSource
    {
        public const string SourceName = "test-interrupt";
        private Func<Task>? step;

        public string Name => SourceName;

        public Func<Task>? Step
        {
            get => Volatile.Read(ref step);
            set => Volatile.Write(ref step, value);
        }

        public async Task<IReadOnlyList<SearchDocument>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
        {
            await RunStepAsync();
            return [];
        }

        public async Task<IReadOnlyList<Guid>> AllIdsAsync(AppDbContext db, CancellationToken cancellationToken)
        {
            await RunStepAsync();
            return [];
        }

        private async Task RunStepAsync()
        {
            if (Interlocked.Exchange(ref step, null) is { } run)
            {
                await run();
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SearchIndexerSqliteTests() : SearchIndexerTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class SearchIndexerPostgresTests() : SearchIndexerTests(DatabaseProvider.Postgres)
{
    /// <summary>
    /// The race itself, on PostgreSQL's identity column: a transaction takes its log id first and commits after a later
    /// entry was read. Reading "every id after the last one applied" would step over it for good. (The later entry is
    /// written without audit: audited writes wait for each other's commit on the audit chain's lock.)
    /// </summary>
    [Fact]
    public async Task Drain_TransactionThatTookItsIdFirstAndCommitsAfterALaterOne_IsIndexedOnceItCommits()
    {
        await using var platform = new StandalonePlatform(DatabaseProvider.Postgres) { BackgroundIndexing = false, ExtraServices = s => s.AddSingleton<ISearchSource>(new InterruptingSource()) };
        var indexer = platform.Services.GetRequiredService<SearchIndexer>();
        var user = await platform.CreateUserAsync("IDN");
        var viewer = new Viewer(user.Id, user.MemberId, null, new HashSet<string> { Roles.MemberOfficer });
        var slow = Marker("Slow");
        await indexer.CatchUpAsync(TimeSpan.FromSeconds(30), default);

        await using var writer = platform.Scope();
        var db = writer.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var slowCreated = await writer.ServiceProvider.GetRequiredService<DirectoryCommands>().CreateFocalPointAsync(
            new FocalPointInput(slow, "Delegate", null, null, null, DistributionScope.Public), viewer, default);
        slowCreated.Succeeded.ShouldBeTrue();
        var slowId = await db.Set<SearchOutboxEntry>().Where(e => e.RecordId == slowCreated.Value!.Id).Select(e => e.Id).SingleAsync();
        var laterId = await EnqueueAsync(platform, InterruptingSource.SourceName, Guid.NewGuid());
        laterId.ShouldBeGreaterThan(slowId);

        await indexer.DrainAsync(default);
        await transaction.CommitAsync();
        await indexer.CatchUpAsync(TimeSpan.FromSeconds(30), default);

        (await SearchTotalAsync(platform, slow)).ShouldBe(1, "The record whose log entry was numbered first but committed last was lost.");
        (await OutboxAsync(platform)).ShouldBeEmpty();
    }
}

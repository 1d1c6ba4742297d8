using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure.Deployment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BaliProcess.Web.Tests.Infrastructure.Faults;

public sealed record CrashRunSummary(DatabaseProvider Provider, int Seed, int Iterations, int StartKills, int Acknowledged, string ByKind,
    int CutOffByKills, long AuditRows, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"Crash test on {Provider}: {Iterations} SIGKILLs during writes and {StartKills} during a start (seed {Seed}), {Acknowledged} acknowledged writes all present with their content and audit rows "
        + $"({ByKind}), {CutOffByKills} requests cut off in flight, audit chain of {AuditRows} rows verified "
        + $"after every kill, in {Elapsed.TotalSeconds:F0} s ({Elapsed.TotalSeconds / Math.Max(1, Iterations):F1} s per kill).";
}

/// <summary>
/// Kills the real host with SIGKILL at random moments while several API clients write, again and again on the same
/// database and data folder. After every kill: every write the host acknowledged (2xx) is stored with its content,
/// every change has its audit row and every audit row its change (they commit together), and the keyed chain, head
/// and checkpoints verify. The host then starts again on what the dead one left (migrations, index lock, outbox) and
/// search finds the records acknowledged before the kill. About one start in three is itself killed at a random moment
/// first (a start migrates SQLite, which once left a lock that no later start got past). The kill moments come from one
/// seed, printed on failure.
/// </summary>
public sealed class CrashRun(DatabaseProvider provider, int seed)
{
    public const int WriterCount = 4;
    // Generous: on a loaded two-core machine a start (JIT, migrations check, key ring) has taken over 70 s.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan SearchCatchUp = TimeSpan.FromSeconds(30);
    private static readonly string[] KeyScopes =
        [ApiScopes.DirectoryRead, ApiScopes.DirectoryWrite, ApiScopes.ActionsRead, ApiScopes.ActionsWrite, ApiScopes.LibraryRead, ApiScopes.LibraryWrite];

    private readonly Random random = new(seed);
    private readonly List<AcknowledgedWrite> acknowledged = [];
    private int iteration;

    public async Task<CrashRunSummary> RunAsync(int iterations, Action<string> progress)
    {
        var clock = Stopwatch.StartNew();
        var dataPath = Path.Combine(Path.GetTempPath(), $"bp-crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataPath);

        // The inspector reads the database between kills, in this process; it runs no background service, so the
        // child host is the only writer. It shares the data folder, hence the audit and data-protection keys.
        await using var inspector = new StandalonePlatform(provider)
        {
            ExtraSettings = [new("Database:DataPath", dataPath), new("Library:ImportSeedsOnStart", "false")],
            ExtraServices = services =>
            {
                foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
                {
                    services.Remove(hosted);
                }
            },
            BackgroundIndexing = true,
        };
        var (apiKey, setups) = await PrepareAsync(inspector);
        var writers = setups.Select(w => new CrashWriter(w.Number, apiKey, w.ActionId, w.IndicatorId, w.Seed)).ToList();
        var host = new CrashHost(provider, inspector.ConnectionString, dataPath);
        var cutOff = 0;
        var startKills = 0;
        var firstStart = Stopwatch.StartNew();
        PublishedProcess? running = await StartAsync(host);
        var lastStart = firstStart.Elapsed;
        try
        {
            for (iteration = 1; iteration <= iterations; iteration++)
            {
                var phase = Stopwatch.StartNew();
                var log = new CrashWriteLog();
                var alive = running!;
                var round = iteration;
                var writing = writers.Select(w => Task.Run(() => w.RunAsync(alive.BaseAddress, round, log))).ToList();

                // Every kill has something to lose: it waits for an acknowledged write of one kind, each kind in turn (a
                // document import is slower than the rest and would otherwise rarely finish before the kill); then a random moment.
                var awaited = (CrashWriteKind)((iteration - 1) % Enum.GetValues<CrashWriteKind>().Length);
                await WaitUntilAsync(() => log.Acknowledged.Any(a => a.Kind == awaited) || !log.Unexpected.IsEmpty, TimeSpan.FromSeconds(120),
                    $"no {awaited} write was acknowledged", alive);
                var firstAcknowledged = phase.Elapsed;
                await Task.Delay(random.Next(0, 2500));
                log.Killed = true;
                running = null;
                await alive.DisposeAsync(); // Process.Kill(entireProcessTree): SIGKILL on Linux, no shutdown code runs.
                await Task.WhenAll(writing);

                log.Unexpected.ShouldBeEmpty($"{Context()}: every answer before the kill is a 2xx. {alive.Log}");
                var thisRound = log.Acknowledged.ToList();
                acknowledged.AddRange(thisRound);
                cutOff += log.CutOffByTheKill;

                var killed = phase.Elapsed;
                await CheckStoredAsync(inspector);
                await CheckAuditAsync(inspector);
                var checkedAt = phase.Elapsed;

                // Now and then the next start is killed too, at a random moment of its own (migrating, opening the index,
                // reading the key ring), before the start that must succeed.
                var killedStart = "";
                if (random.Next(3) == 0)
                {
                    var pause = random.Next(0, (int)Math.Max(1000, lastStart.TotalMilliseconds));
                    await using (host.Launch())
                    {
                        await Task.Delay(pause);
                    }

                    startKills++;
                    killedStart = $", a start killed after {pause / 1000.0:F1} s";
                }

                var starting = Stopwatch.StartNew();
                running = await StartAsync(host);
                lastStart = starting.Elapsed;
                var restarted = phase.Elapsed;
                await CheckSearchAsync(running, apiKey, thisRound);
                progress($"{Context()}: {thisRound.Count} acknowledged ({acknowledged.Count} in all: {Tally()}), {log.CutOffByTheKill} cut off{killedStart}; {awaited} acknowledged "
                    + $"{firstAcknowledged.TotalSeconds:F1} s, kill {killed.TotalSeconds:F1} s, checks {(checkedAt - killed).TotalSeconds:F1} s, "
                    + $"restart {(restarted - checkedAt).TotalSeconds:F1} s, search {(phase.Elapsed - restarted).TotalSeconds:F1} s; {clock.Elapsed.TotalSeconds:F0} s in all");
            }
        }
        finally
        {
            if (running is not null)
            {
                await running.DisposeAsync();
            }
        }

        var auditRows = await inspector.WithDbAsync(db => db.Set<AuditEntry>().LongCountAsync());
        TryDelete(dataPath);
        return new CrashRunSummary(provider, seed, iterations, startKills, acknowledged.Count, Tally(), cutOff, auditRows, clock.Elapsed);
    }

    private string Context() => $"{provider}, seed {seed} (set BP_CRASH_SEED={seed} to repeat the kill moments), iteration {iteration}";

    private async Task<PublishedProcess> StartAsync(CrashHost host)
    {
        try
        {
            return await host.StartAsync(StartTimeout);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new ShouldAssertException($"{Context()}: the host did not start again on the data the killed one left: {e.Message}", e);
        }
    }

    private sealed record WriterSetup(int Number, Guid ActionId, Guid IndicatorId, int Seed);

    /// <summary>An API key of Australia's with write scopes, and one action Australia leads (with an indicator) per writer.</summary>
    private async Task<(string ApiKey, IReadOnlyList<WriterSetup> Writers)> PrepareAsync(StandalonePlatform inspector)
    {
        var apiKey = await inspector.CreateApiKeyAsync("AUS", KeyScopes);
        var admin = await inspector.CreateUserAsync("RSO", [Roles.PlatformAdmin]);
        var viewer = new Viewer(admin.Id, admin.MemberId, null, new HashSet<string> { Roles.PlatformAdmin });
        await using var scope = inspector.Scope();
        var planning = scope.ServiceProvider.GetRequiredService<ActionPlanning>();
        var commands = scope.ServiceProvider.GetRequiredService<ActionCommands>();
        var theme = await planning.CreateThemeAsync(new ThemeInput(1, "Crash test", "Crash test strategy"), viewer, default);
        theme.Succeeded.ShouldBeTrue(theme.ProblemMessage);
        var writers = new List<WriterSetup>();
        for (var number = 1; number <= WriterCount; number++)
        {
            var action = await planning.CreateActionAsync(new NewActionInput(theme.Value!.Id, $"1.{number}", $"Crash test action {number}", ["AUS"]), viewer, default);
            action.Succeeded.ShouldBeTrue(action.ProblemMessage);
            var indicator = await commands.AddIndicatorAsync(action.Value, new IndicatorInput("Districts reached", "districts"), viewer, default);
            indicator.Succeeded.ShouldBeTrue(indicator.ProblemMessage);
            writers.Add(new WriterSetup(number, action.Value, indicator.Value!.Id, random.Next()));
        }

        return (apiKey, writers);
    }

    /// <summary>Every acknowledged write of every iteration so far, with the content it was sent with.</summary>
    private async Task CheckStoredAsync(StandalonePlatform inspector)
    {
        await using var scope = inspector.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var missing = new List<string>();

        var focalIds = Ids(CrashWriteKind.FocalPoint);
        var focal = await db.Set<FocalPoint>().AsNoTracking().Where(f => focalIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id);
        var updateIds = Ids(CrashWriteKind.StatusUpdate);
        var updates = await db.Set<StatusUpdate>().AsNoTracking().Where(u => updateIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        var valueIds = Ids(CrashWriteKind.IndicatorValue);
        var values = await db.Set<IndicatorValue>().AsNoTracking().Where(v => valueIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id);
        var documentIds = Ids(CrashWriteKind.Document);
        var documents = await db.Set<LibraryDocument>().AsNoTracking().Where(d => documentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.OriginalFileName, d.Text }).ToDictionaryAsync(d => d.Id);

        foreach (var write in acknowledged)
        {
            var intact = write.Kind switch
            {
                CrashWriteKind.FocalPoint => focal.TryGetValue(write.Id, out var f) && f.PersonName == write.FocalPointName && f.Email == $"{write.Marker}@example.org",
                CrashWriteKind.StatusUpdate => updates.TryGetValue(write.Id, out var u) && u.ActionId == write.ActionId && u.Narrative == write.Narrative,
                CrashWriteKind.IndicatorValue => values.TryGetValue(write.Id, out var v) && v.Note == write.Marker && v.Value == write.Value,
                _ => documents.TryGetValue(write.Id, out var d) && d.OriginalFileName == write.FileName && d.Text.Contains(write.Marker, StringComparison.Ordinal),
            };
            if (!intact)
            {
                missing.Add(write.ToString());
            }
        }

        missing.ShouldBeEmpty($"{Context()}: acknowledged writes lost or changed after the kill");
    }

    /// <summary>
    /// A change and its audit row commit together, so after any kill the two sets are equal (no change unaudited, no
    /// audit row for a change that was rolled back); and the chain, the head and the checkpoints verify.
    /// </summary>
    private async Task CheckAuditAsync(StandalonePlatform inspector)
    {
        await using var scope = inspector.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audited = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Outcome == AuditOutcome.Succeeded
                        && (e.Action == "directory.focalpoint.create" || e.Action == "library.document.import" || e.Action == "actions.update.add" || e.Action == "actions.indicator.value"))
            .Select(e => new { e.Action, e.SubjectId })
            .ToListAsync();

        var focal = await db.Set<FocalPoint>().Where(f => f.PersonName.StartsWith("Crash ")).Select(f => f.Id).ToListAsync();
        Subjects("directory.focalpoint.create").ShouldBe(focal.Select(id => id.ToString()).Order(), ignoreOrder: false, $"{Context()}: focal points and their audit rows");
        var documents = await db.Set<LibraryDocument>().Where(d => d.OriginalFileName.StartsWith("crash-")).Select(d => d.Id).ToListAsync();
        Subjects("library.document.import").ShouldBe(documents.Select(id => id.ToString()).Order(), ignoreOrder: false, $"{Context()}: documents and their audit rows");
        var updatesPerAction = await db.Set<StatusUpdate>().GroupBy(u => u.ActionId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Subjects("actions.update.add").ShouldBe(updatesPerAction.SelectMany(g => Enumerable.Repeat(g.Key.ToString(), g.Count)).Order(), ignoreOrder: false,
            $"{Context()}: status updates and their audit rows, by action");
        var valuesPerAction = await (from v in db.Set<IndicatorValue>()
                                     join i in db.Set<Indicator>() on v.IndicatorId equals i.Id
                                     select i.ActionId).ToListAsync();
        Subjects("actions.indicator.value").ShouldBe(valuesPerAction.Select(id => id.ToString()).Order(), ignoreOrder: false,
            $"{Context()}: indicator values and their audit rows, by action");

        // Rows committed but not sealed when the host died (its sealer may have been killed mid-batch) verify as
        // unsealed; sealed by the inspector, the whole log then verifies as one chain.
        var verifier = scope.ServiceProvider.GetRequiredService<AuditVerifier>();
        var verification = await verifier.VerifyAsync(default);
        verification.Intact.ShouldBeTrue($"{Context()}: the audit log does not verify after the kill: {verification.Message}");
        await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAsync(default);
        verification = await verifier.VerifyAsync(default);
        verification.Intact.ShouldBeTrue($"{Context()}: the audit log does not verify once sealed after the kill: {verification.Message}");
        verification.Unsealed.ShouldBe(0, $"{Context()}: every committed audit row is sealed");
        verification.RowsChecked.ShouldBe(await db.Set<AuditEntry>().LongCountAsync(), $"{Context()}: every audit row is in the chain");

        IEnumerable<string> Subjects(string action) => audited.Where(e => e.Action == action).Select(e => e.SubjectId!).Order();
    }

    /// <summary>The restarted host's index catches up from the outbox the killed one left: each acknowledged record is found.</summary>
    private async Task CheckSearchAsync(PublishedProcess running, string apiKey, IReadOnlyList<AcknowledgedWrite> writes)
    {
        using var client = new HttpClient { BaseAddress = running.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        foreach (var write in writes.Where(w => w.Kind is CrashWriteKind.FocalPoint or CrashWriteKind.Document))
        {
            var expected = $"{(write.Kind == CrashWriteKind.FocalPoint ? FocalPointSearchSource.SourceName : DocumentSearchSource.SourceName)}:{write.Id:N}";
            await WaitUntilAsync(async () =>
            {
                var answer = JsonDocument.Parse(await client.GetStringAsync($"/api/search?q={write.Marker}")).RootElement;
                return answer.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("id").GetString() == expected);
            }, SearchCatchUp, $"search does not find the acknowledged {write}", running);
        }
    }

    private string Tally() => string.Join(", ", acknowledged.GroupBy(a => a.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));

    private List<Guid> Ids(CrashWriteKind kind) => acknowledged.Where(a => a.Kind == kind).Select(a => a.Id).ToList();

    private Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string failure, PublishedProcess running) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, failure, running);

    private async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure, PublishedProcess running)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new ShouldAssertException($"{Context()}: {failure} within {timeout.TotalSeconds:F0} s. Host log: {running.Log}");
            }

            await Task.Delay(200);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; test.sh removes its run folder anyway.
        }
    }
}

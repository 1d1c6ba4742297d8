using System.Diagnostics;
using System.Net;
using System.Text;
using BaliProcess.Web.Features.Actions.Reminders;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Jobs;
using BaliProcess.Web.Tests.Features.Library;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Infrastructure.Nodes;

/// <summary>
/// Two platform nodes on one PostgreSQL database behave as one service: a session ended on one is ended on the other,
/// a record written through one is found by the other's search (each node has its own index, fed from the change log),
/// and a periodic job runs once, not once per node. (Sign-in limits across nodes: FailedSignInLimitTests; the shared
/// cookie key ring: SharedDataProtectionTests.) Each test starts its own two nodes on a fresh database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SeveralNodesTests(PostgresPlatform cluster)
{
    private const int Records = 5;

    [Fact]
    public async Task SearchOnNodeB_RecordsWrittenThroughNodeA_AreFoundWithinTwoSeconds()
    {
        await using var nodeA = new StandalonePlatform(cluster.Provider);
        await using var nodeB = new StandalonePlatform(cluster.Provider, nodeA.ConnectionString, PlatformFactory.NewSearchIndexPath());
        var officer = await nodeA.SignInNewUserAsync("IDN");
        var reader = nodeB.Anonymous();
        await nodeB.DrainSearchAsync();

        var delays = new List<TimeSpan>();
        for (var i = 0; i < Records; i++)
        {
            var marker = LibraryFiles.Marker("Node");
            await LibraryFiles.ImportAsync(officer, $"node-{i}.md", Encoding.UTF8.GetBytes($"# Guide on {marker}\n\nWritten through node A."));
            var clock = Stopwatch.StartNew();
            while (await TotalAsync(reader, marker) != 1)
            {
                clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), $"Node B never found record {i} written through node A.");
                await Task.Delay(50);
            }

            delays.Add(clock.Elapsed);
        }

        // The median, so that one stall of a loaded test machine does not decide; every record was found above.
        var median = delays.Order().ElementAt(delays.Count / 2);
        median.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(2), $"Delays until node B found the records: {string.Join(", ", delays.Select(d => $"{d.TotalMilliseconds:F0} ms"))}.");
    }

    [Fact]
    public async Task SessionOnNodeB_UserSignsOutOnNodeA_IsRefusedOnNodeB()
    {
        await using var nodeA = new StandalonePlatform(cluster.Provider);
        await using var nodeB = new StandalonePlatform(cluster.Provider, nodeA.ConnectionString, PlatformFactory.NewSearchIndexPath());
        var cookies = new CookieContainer();
        var user = await nodeA.CreateUserAsync("IDN");
        var onA = await nodeA.SignInAsync(user, nodeA.CreateDefaultClient(new CookieContainerHandler(cookies)));
        var onB = nodeB.CreateDefaultClient(new CookieContainerHandler(cookies));
        (await onB.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "a user signed in on node A is signed in on node B");
        // The copy an attacker would keep: the cookie header as it was before the sign-out.
        var copied = cookies.GetCookieHeader(onB.BaseAddress!);

        var page = await onA.GetStringAsync("/Accounts/SignOut");
        (await onA.PostAsync("/Accounts/SignOut", PlatformFactory.Form(page))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var replay = nodeB.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        replay.DefaultRequestHeaders.Add("Cookie", copied);
        (await replay.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "node B still accepted a session ended on node A");
    }

    [Fact]
    public async Task WeeklyDigest_DueOnTwoNodesAtOnce_IsSentOnce()
    {
        // A first start migrates the new database; then both nodes start together, as after a deployment, and find the
        // digest due at once: only the lease holder may send it.
        var setup = new StandalonePlatform(cluster.Provider);
        await using (setup)
        {
            _ = setup.Services;
        }

        KeyValuePair<string, string?>[] due = [new("Actions:Digest:Enabled", "true"), new("Actions:Digest:FirstRunDelay", "00:00:00"), .. StandalonePlatform.NoMigrationOnStart];
        var nodeA = new StandalonePlatform(cluster.Provider, setup.ConnectionString, PlatformFactory.NewSearchIndexPath()) { ExtraSettings = due };
        var nodeB = new StandalonePlatform(cluster.Provider, setup.ConnectionString, PlatformFactory.NewSearchIndexPath()) { ExtraSettings = due };
        await using (nodeA)
        await using (nodeB)
        {
            await Task.WhenAll(Task.Run(() => nodeA.Services), Task.Run(() => nodeB.Services));
            var clock = Stopwatch.StartNew();
            while (await DigestsAsync(nodeA) == 0)
            {
                clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "Neither node sent the due digest.");
                await Task.Delay(100);
            }

            // Time for the second node to send it too, if the lease did not hold it back.
            await Task.Delay(TimeSpan.FromSeconds(3));
            (await DigestsAsync(nodeA)).ShouldBe(1, "The digest went out once per node.");
        }
    }

    [Fact]
    public async Task JobLease_TwoNodesAskingAtOnce_IsHeldByExactlyOne()
    {
        await using var nodeA = new StandalonePlatform(cluster.Provider);
        await using var nodeB = new StandalonePlatform(cluster.Provider, nodeA.ConnectionString, PlatformFactory.NewSearchIndexPath());
        var leasesA = nodeA.Services.GetRequiredService<JobLeases>();
        var leasesB = nodeB.Services.GetRequiredService<JobLeases>();

        for (var round = 0; round < 20; round++)
        {
            var job = $"test.lease-{round}";
            var granted = await Task.WhenAll(
                Task.Run(() => leasesA.TryAcquireAsync(job, TimeSpan.FromMinutes(1), default)),
                Task.Run(() => leasesB.TryAcquireAsync(job, TimeSpan.FromMinutes(1), default)));

            granted.Count(g => g).ShouldBe(1, $"Round {round}: both or neither node got the lease.");
            var holder = granted[0] ? leasesA : leasesB;
            var other = granted[0] ? leasesB : leasesA;
            (await holder.TryAcquireAsync(job, TimeSpan.FromMinutes(1), default)).ShouldBeTrue("the holder could not renew its lease");
            (await other.TryAcquireAsync(job, TimeSpan.FromMinutes(1), default)).ShouldBeFalse("a lease that had not expired was taken over");
            await holder.ReleaseAsync(job, default);
            (await other.TryAcquireAsync(job, TimeSpan.FromMinutes(1), default)).ShouldBeTrue("a released lease could not be taken");
        }
    }

    private static async Task<int> TotalAsync(HttpClient client, string q)
    {
        var json = await LibraryFiles.GetJsonAsync(client, $"/api/search?q={Uri.EscapeDataString(q)}");
        return json.GetProperty("total").GetInt32();
    }

    private static Task<int> DigestsAsync(PlatformFactory node) =>
        node.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().CountAsync(e => e.Action == ActionDigest.AuditAction));
}

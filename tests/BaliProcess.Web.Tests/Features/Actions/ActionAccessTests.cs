using System.Net;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>The platform's access rule on every read path of the Actions module: API, pages, reports, search.</summary>
public abstract class ActionAccessTests(PlatformFactory platform)
{
    private static readonly string[] Paths =
    [
        "/api/actions/{id}",
        "/Actions/{id}",
        "/api/actions",
        "/api/actions?lead=IDN",
        "/Actions",
        "/Actions/Report?from=2026-01-01&to=2026-10-31",
        "/api/progress-reports?from=2026-01-01&to=2026-10-31&format=html",
    ];

    private async Task<(Guid Id, string Marker, TestUser Owner)> MemberScopedActionAsync()
    {
        var indonesia = await platform.CreateUserAsync("IDN");
        var marker = Marker("Scoped");
        var (content, _) = Report(platform, marker, "Indonesia", "<p>The toolkit is under development.</p>");
        var id = await ImportReportAsync(platform, content, DistributionScope.OwnMember, indonesia);
        await platform.DrainSearchAsync();
        return (id, marker, indonesia);
    }

    [Fact]
    public async Task OwnMemberScope_OtherMember_CannotSeeTheActionOnAnyPath()
    {
        var (id, marker, owner) = await MemberScopedActionAsync();
        var australia = await platform.SignInNewUserAsync("AUS");

        await AccessProbe.AssertVisibleAsync(await platform.SignInAsync(owner), id, marker, [.. Paths, $"/api/search?q={marker}"]);
        await AccessProbe.AssertInvisibleAsync(australia, id, marker, [.. Paths, $"/api/search?q={marker}", "/api/search?member=IDN&kind=action"]);
    }

    [Fact]
    public async Task OwnMemberScope_Anonymous_CannotSeeTheActionOnAnyPath()
    {
        var (id, marker, _) = await MemberScopedActionAsync();

        await AccessProbe.AssertInvisibleAsync(platform.Anonymous(), id, marker,
            ["/api/actions/{id}", "/Actions/{id}", "/api/actions", "/Actions", "/Actions/Report?from=2026-01-01&to=2026-10-31", $"/api/search?q={marker}"]);
    }

    [Fact]
    public async Task OwnMemberScope_OtherMembersApiKey_CannotSeeTheAction()
    {
        var (id, marker, _) = await MemberScopedActionAsync();
        var thailand = platform.WithApiKey(await platform.CreateApiKeyAsync("THA", ApiScopes.ActionsRead));
        var indonesiaWithoutScope = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.DirectoryRead));
        var indonesia = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.ActionsRead));

        await AccessProbe.AssertInvisibleAsync(thailand, id, marker, "/api/actions/{id}", "/api/actions", "/api/progress-reports?from=2026-01-01&to=2026-10-31&format=html");
        await AccessProbe.AssertInvisibleAsync(indonesiaWithoutScope, id, marker, "/api/actions/{id}", "/api/actions");
        await AccessProbe.AssertVisibleAsync(indonesia, id, marker, "/api/actions/{id}", "/api/actions");
    }

    [Fact]
    public async Task OwnMemberScope_OtherMember_CannotAddAnUpdate()
    {
        var (id, _, _) = await MemberScopedActionAsync();
        var before = await UpdateCountAsync(platform, id);

        var response = await PostUpdateAsync(await platform.SignInNewUserAsync("AUS"), id, new { status = "Ongoing", narrative = "Probing." });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await UpdateCountAsync(platform, id)).ShouldBe(before);
    }

    [Fact]
    public async Task PublicReport_Anonymous_SeesTheActionAndItsChart()
    {
        var marker = Marker("Public");
        var (content, _) = Report(platform, marker, "Indonesia", "<p>In May 2026, 91 participants from 37 Bali Process member countries attended a workshop.</p>");
        var id = await ImportReportAsync(platform, content, DistributionScope.Public);

        var html = await platform.Anonymous().GetStringAsync($"/Actions/{id}");

        html.ShouldContain($"Develop the {marker} toolkit");
        html.ShouldContain("<svg");
        html.ShouldContain("role=\"img\"");
        html.ShouldContain("Participants over time");
        html.ShouldNotContain("Add a status update");
        (await platform.Anonymous().GetStringAsync("/Actions")).ShouldContain(marker);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ActionAccessSqliteTests(SqlitePlatform platform) : ActionAccessTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ActionAccessPostgresTests(PostgresPlatform platform) : ActionAccessTests(platform);

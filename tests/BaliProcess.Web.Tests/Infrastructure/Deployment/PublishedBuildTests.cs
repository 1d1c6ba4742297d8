using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Infrastructure.Data;
using Npgsql;

namespace BaliProcess.Web.Tests.Infrastructure.Deployment;

/// <summary>
/// The published folder is a deployable application: no source tree, no post-build copies. It starts on SQLite with
/// its defaults (data under its own content root), and on PostgreSQL it runs 'migrate' and every operator verb, then
/// serves. One class, so the two processes run one after the other on the one published folder.
/// </summary>
public sealed class PublishedBuildTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task PublishedHost_SqliteDefaults_MigratesImportsTheSeedsAndServesPagesApiHealthAndStaticFiles()
    {
        var folder = await PublishedBuild.FolderAsync();
        var environment = PublishedBuild.Production(DatabaseProvider.Sqlite, null);
        environment["Library__SeedsPath"] = RepositoryPaths.Seeds;

        var token = (await Verb(environment, null, "api-key", "create", "--member", "AUS", "--name", "pdf-check", "--scopes", "actions:read")).Trim();
        await using var host = await PublishedBuild.StartAsync(environment);
        await host.WaitUntilHealthyAsync(StartTimeout);

        File.Exists(Path.Combine(folder, "data", "baliprocess.db")).ShouldBeTrue("the embedded database belongs under the content root's data/ folder");
        (await host.Client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var css = await host.Client.GetAsync("/css/site.css");
        css.StatusCode.ShouldBe(HttpStatusCode.OK, "the library's wwwroot is published and served at the site root");
        var members = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/members");
        members!.Count(m => m.GetProperty("kind").GetString() == "MemberState").ShouldBe(45);
        var actions = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/actions");
        actions!.Count.ShouldBe(29, "the seed documents are imported on first start: " + host.Log);
        using var pdfRequest = new HttpRequestMessage(HttpMethod.Get, "/api/progress-reports?from=2016-11-01&to=2017-10-31&format=pdf");
        pdfRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var pdf = await host.Client.SendAsync(pdfRequest);
        var pdfBytes = await pdf.Content.ReadAsByteArrayAsync();
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(pdfBytes) + host.Log);
        System.Text.Encoding.ASCII.GetString(pdfBytes, 0, 5).ShouldBe("%PDF-", "the published build prints PDF with the server's Chromium");
    }

    [Fact]
    public async Task PublishedFolder_BrowserDriver_OnlyLinuxX64AndNoBrowser()
    {
        var folder = await PublishedBuild.FolderAsync();

        var nodeBuilds = Directory.EnumerateDirectories(Path.Combine(folder, ".playwright", "node")).Select(Path.GetFileName).ToList();

        nodeBuilds.ShouldBe(["linux-x64"], "one driver build, for the platform deploy/ runs on");
        Directory.EnumerateFiles(folder, "chrome*", SearchOption.AllDirectories).ShouldBeEmpty("the platform never ships a browser");
    }

    [Fact]
    public async Task PublishedHost_Postgres_MigrateThenEveryVerbSucceedsThenTwoNodesServeAsOne()
    {
        var connectionString = PlatformFactory.CreateDatabase(DatabaseProvider.Postgres);
        var environment = PublishedBuild.Production(DatabaseProvider.Postgres, connectionString);
        environment["Database__DataPath"] = Path.Combine(Path.GetTempPath(), $"bp-published-data-{Guid.NewGuid():N}");
        // Production has no SMTP server here: the digest writes its mail as files (in the data folder) instead.
        environment["Mail__Sender"] = "File";

        await Verb(environment, null, "migrate").ShouldContainAsync("Database is up to date; reference data present.");
        await Verb(environment, "deploy-check-harbour-lantern", "admin", "create", "--email", "deploy-admin@example.org", "--name", "Deploy Admin", "--password-stdin")
            .ShouldContainAsync("Created deploy-admin@example.org");
        await Verb(environment, "deploy-check-mango-compass", "user", "create", "--email", "deploy-officer@example.org", "--name", "Deploy Officer", "--member", "IDN", "--password-stdin")
            .ShouldContainAsync("Created deploy-officer@example.org");
        var token = (await Verb(environment, null, "api-key", "create", "--member", "IDN", "--name", "deploy-check", "--scopes", "directory:read")).Trim();
        token.ShouldNotBeNullOrWhiteSpace();
        var keyId = await ApiKeyIdAsync(connectionString, "deploy-check");
        await Verb(environment, null, "api-key", "revoke", "--member", "IDN", "--id", keyId.ToString()).ShouldContainAsync("Revoked 'deploy-check'.");
        await Verb(environment, null, "import", RepositoryPaths.Seeds);
        await Verb(environment, null, "search", "rebuild").ShouldContainAsync("Search index rebuilt:");
        await Verb(environment, null, "actions", "digest").ShouldContainAsync("Action digest:");
        await Verb(environment, null, "audit", "verify");
        await Verb(environment, null, "help").ShouldContainAsync("Usage:");

        environment["Database__MigrateOnStart"] = "false";
        await using var host = await PublishedBuild.StartAsync(environment);
        await host.WaitUntilHealthyAsync(StartTimeout);
        (await host.Client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var members = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/members");
        members!.Count(m => m.GetProperty("kind").GetString() == "MemberState").ShouldBe(45);
        (await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/actions"))!.Count.ShouldBe(29, "the imported seeds are served: " + host.Log);

        // A second node from the same folder on the same database, with its own search index: a record written through
        // the first is found through the second's search.
        var writer = (await Verb(environment, null, "api-key", "create", "--member", "IDN", "--name", "two-nodes", "--scopes", "directory:read,directory:write")).Trim();
        var secondEnvironment = new Dictionary<string, string?>(environment) { ["Search__IndexPath"] = Path.Combine(Path.GetTempPath(), $"bp-published-index-{Guid.NewGuid():N}") };
        await using var second = await PublishedBuild.StartAsync(secondEnvironment);
        await second.WaitUntilHealthyAsync(StartTimeout);
        var marker = $"Twonodes{Guid.NewGuid():N}"[..20];
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/focal-points")
        {
            Content = JsonContent.Create(new { personName = marker, role = "Delegate", scope = "Public" }),
        };
        create.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", writer);
        var created = await host.Client.SendAsync(create);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await second.Client.GetFromJsonAsync<JsonElement>($"/api/search?q={marker}")).GetProperty("total").GetInt32() != 1)
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the second node never found the record written through the first: " + second.Log);
            await Task.Delay(100);
        }
    }

    /// <summary>Runs a verb and returns its standard output; any exit but 0 fails the test with both streams.</summary>
    private static async Task<string> Verb(IReadOnlyDictionary<string, string?> environment, string? stdin, params string[] args)
    {
        var run = await PublishedBuild.VerbAsync(environment, stdin, args);
        run.Exit.ShouldBe(0, $"'{string.Join(' ', args)}': {run.Out} {run.Err}");
        return run.Out;
    }

    private static async Task<Guid> ApiKeyIdAsync(string connectionString, string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Id\" FROM api_keys WHERE \"Name\" = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }
}

internal static class VerbOutputAssertions
{
    public static async Task ShouldContainAsync(this Task<string> output, string expected) => (await output).ShouldContain(expected);
}

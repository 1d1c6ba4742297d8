using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using BaliProcess.Web.Infrastructure.Web;

namespace BaliProcess.Web.Tests.Infrastructure.Web;

/// <summary>The OpenAPI document describes every operation and the API-key scheme; the reference page needs no other host.</summary>
public abstract partial class ApiReferenceTests(PlatformFactory platform)
{
    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await platform.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => ($"{o.Name.ToUpperInvariant()} {p.Name}", o.Value)));

    private static string Text(JsonElement operation, string property) =>
        operation.TryGetProperty(property, out var value) ? value.GetString() ?? "" : "";

    [Fact]
    public async Task OpenApi_EveryOperation_HasASummaryAndADescription()
    {
        var operations = Operations(await DocumentAsync()).ToList();

        operations.Count.ShouldBeGreaterThan(30);
        operations.Where(o => string.IsNullOrWhiteSpace(Text(o.Operation, "summary"))).Select(o => o.Name).ShouldBeEmpty("operations without a summary");
        operations.Where(o => string.IsNullOrWhiteSpace(Text(o.Operation, "description"))).Select(o => o.Name).ShouldBeEmpty("operations without a description");
        operations.Where(o => Text(o.Operation, "summary") == Text(o.Operation, "description")).Select(o => o.Name).ShouldBeEmpty("a description that only repeats the summary");
    }

    [Fact]
    public async Task OpenApi_Document_DeclaresTheBearerApiKeySchemeOnRestrictedOperations()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(PlatformOpenApi.ApiKeyScheme);
        scheme.GetProperty("type").GetString().ShouldBe("http");
        scheme.GetProperty("scheme").GetString().ShouldBe("bearer");
        var operations = Operations(document).ToDictionary(o => o.Name, o => o.Operation);
        operations["GET /api/focal-points"].GetProperty("security")[0].TryGetProperty(PlatformOpenApi.ApiKeyScheme, out _).ShouldBeTrue();
        operations["GET /api/members"].TryGetProperty("security", out _).ShouldBeFalse("the member list is public");
    }

    [Fact]
    public async Task ApiReferencePage_Anonymous_ListsEveryOperationWithItsSummary()
    {
        var response = await platform.Anonymous().GetAsync("/ApiReference");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var (_, operation) in Operations(await DocumentAsync()))
        {
            html.ShouldContain(Text(operation, "summary"));
        }

        html.ShouldContain("<code class=\"api-path\">/api/focal-points/{id}</code>");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
    }

    [Fact]
    public async Task ApiReferencePage_HtmlAndItsStylesAndScripts_ReferToNoOtherHost()
    {
        var client = platform.Anonymous();
        var html = await client.GetStringAsync("/ApiReference");
        var assets = AssetReference().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        assets.ShouldNotBeEmpty();

        foreach (var asset in assets)
        {
            asset.ShouldStartWith("/", customMessage: $"{asset} is not served by the platform");
            asset.ShouldNotStartWith("//");
            var body = await client.GetStringAsync(asset);
            OtherHost().Matches(body).Select(m => m.Value).Where(IsLoadedUrl).ShouldBeEmpty($"{asset} refers to another host");
        }

        OtherHost().Matches(html).Select(m => m.Value).Where(IsLoadedUrl).ShouldBeEmpty("the page refers to another host");
    }

    /// <summary>XML namespaces (SVG's) are names, not addresses a browser loads.</summary>
    private static bool IsLoadedUrl(string url) => url != "http://www.w3.org";

    [GeneratedRegex("<(?:link|script|img)\\b[^>]*?\\b(?:href|src)=\"([^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("(?:https?:)?//[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}")]
    private static partial Regex OtherHost();
}

[Collection(SqliteCollection.Name)]
public sealed class ApiReferenceSqliteTests(SqlitePlatform platform) : ApiReferenceTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ApiReferencePostgresTests(PostgresPlatform platform) : ApiReferenceTests(platform);

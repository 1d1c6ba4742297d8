using System.Net;
using System.Text.Json;

namespace BaliProcess.Web.Tests.Infrastructure;

[Collection(SqliteCollection.Name)]
public sealed class PlatformEndpointsTests(SqlitePlatform platform)
{
    [Fact]
    public async Task Health_Running_AnswersHealthy() =>
        (await platform.Anonymous().GetStringAsync("/health")).ShouldBe("Healthy");

    [Fact]
    public async Task OpenApi_Document_DescribesTheApi()
    {
        var document = JsonDocument.Parse(await platform.Anonymous().GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/members");
        paths.ShouldContain("/api/bodies");
        paths.ShouldContain("/api/search");
    }

    [Fact]
    public async Task Pages_SecurityHeaders_ArePresent()
    {
        var response = await platform.Anonymous().GetAsync("/");

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task UnknownPage_AnswersFriendly404()
    {
        var response = await platform.Anonymous().GetAsync("/no/such/page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Page not found");
    }
}

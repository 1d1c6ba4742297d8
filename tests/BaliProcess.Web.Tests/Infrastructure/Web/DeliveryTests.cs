using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BaliProcess.Web.Tests.Infrastructure.Web;

/// <summary>Compressed answers, long-lived caching of fingerprinted static files, and the favicon.</summary>
public abstract partial class DeliveryTests(PlatformFactory platform)
{
    /// <summary>A client that decompresses nothing and speaks HTTPS, as a browser behind TLS does.</summary>
    private HttpClient Https() => platform.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    private async Task<HttpResponseMessage> GetAsync(string path, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await Https().SendAsync(request);
    }

    private static async Task<string> DecodeAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.Single() switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            var other => throw new InvalidOperationException($"unexpected encoding {other}"),
        };
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Page_AcceptEncodingBrotliOverHttps_BodyIsBrotliCompressed()
    {
        var response = await GetAsync("/Directory", "br, gzip");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBe(["br"]);
        (await DecodeAsync(response)).ShouldContain("</html>");
    }

    [Fact]
    public async Task Api_AcceptEncodingGzip_BodyIsGzipCompressed()
    {
        var response = await GetAsync("/api/members", "gzip");

        response.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);
        (await DecodeAsync(response)).ShouldContain("\"code\":\"IDN\"");
    }

    [Fact]
    public async Task Page_NoAcceptEncoding_BodyIsPlain()
    {
        var response = await GetAsync("/Directory", "identity");

        response.Content.Headers.ContentEncoding.ShouldBeEmpty();
        (await response.Content.ReadAsStringAsync()).ShouldContain("</html>");
    }

    [Fact]
    public async Task SecretPage_AcceptEncodingBrotliOverHttps_IsNotCompressed()
    {
        // The password-reset page carries the link's token in its form: its length must not depend on it (BREACH).
        var response = await GetAsync("/Accounts/ResetPassword?token=abc", "br, gzip");

        response.Content.Headers.ContentEncoding.ShouldBeEmpty();
    }

    [Fact]
    public async Task StaticAsset_LinkedWithItsHash_IsCachedForAYearAsImmutable()
    {
        var home = await Https().GetStringAsync("/");
        var stylesheet = WebUtility.HtmlDecode(StylesheetLink().Match(home).Groups[1].Value);
        stylesheet.ShouldContain("?v=");

        var response = await GetAsync(stylesheet, "br");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Cache-Control").Single().ShouldBe(PlatformDelivery.ImmutableCacheControl);
        response.Content.Headers.ContentEncoding.ShouldBe(["br"]);
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/css/site.css?v=an-old-hash")]
    public async Task StaticAsset_WithoutItsCurrentHash_IsRevalidatedNotImmutable(string path)
    {
        var response = await GetAsync(path, "identity");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Cache-Control").Single().ShouldBe(PlatformDelivery.RevalidateCacheControl);
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    [InlineData("/favicon.png", "image/png")]
    [InlineData("/img/mark.svg", "image/svg+xml")]
    public async Task Favicon_EachFormat_IsServed(string path, string contentType)
    {
        var response = await GetAsync(path, "identity");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Layout_Head_LinksTheFaviconsAndTheHeaderShowsTheMark()
    {
        var home = await Https().GetStringAsync("/");

        home.ShouldMatch("<link rel=\"icon\" href=\"/favicon.svg\\?v=[^\"]+\" type=\"image/svg\\+xml\"");
        home.ShouldMatch("<link rel=\"icon\" href=\"/favicon.png\\?v=[^\"]+\"");
        home.ShouldMatch("<img class=\"mark\" src=\"/img/mark.svg\\?v=[^\"]+\" alt=\"\"");
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetLink();
}

[Collection(SqliteCollection.Name)]
public sealed class DeliverySqliteTests(SqlitePlatform platform) : DeliveryTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class DeliveryPostgresTests(PostgresPlatform platform) : DeliveryTests(platform);

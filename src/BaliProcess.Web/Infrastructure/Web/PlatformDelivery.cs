using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace BaliProcess.Web.Infrastructure.Web;

/// <summary>
/// What officials on slow links download: compressed pages and answers (Brotli, else gzip), and static files that a
/// browser keeps for a year when their address carries the content hash (<c>asp-append-version</c>).
/// </summary>
public static class PlatformDelivery
{
    /// <summary>Cache-Control of a static file asked for with its current content hash: the address changes with the content.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Cache-Control of a static file asked for without (or with an old) hash: the browser checks back after an hour.</summary>
    public const string RevalidateCacheControl = "public, must-revalidate, max-age=3600";

    public static IServiceCollection AddPlatformCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Over HTTPS too (BREACH): see docs/security.md, "Response compression". Pages that show a one-time secret
            // opt out with DoNotCompress.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/problem+json", "text/csv"]);
        });
        // Fastest: pages are generated per request on a two-core server; the static files are small.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>
    /// Sends this response uncompressed even over HTTPS: for pages that show a secret once (a new API key, recovery
    /// codes, an authenticator key), so that its length can never leak it through compression (BREACH).
    /// </summary>
    public static void DoNotCompress(this HttpContext context)
    {
        if (context.Features.Get<IHttpsCompressionFeature>() is { } feature)
        {
            feature.Mode = HttpsCompressionMode.DoNotCompress;
        }
    }

    public static WebApplication UsePlatformStaticFiles(this WebApplication app)
    {
        var versions = app.Services.GetRequiredService<IFileVersionProvider>();
        var contentTypes = new FileExtensionContentTypeProvider();
        contentTypes.Mappings[".ico"] = "image/x-icon";
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = contentTypes,
            OnPrepareResponse = file =>
            {
                var request = file.Context.Request;
                file.Context.Response.Headers[HeaderNames.CacheControl] = IsCurrentVersion(versions, request)
                    ? ImmutableCacheControl
                    : RevalidateCacheControl;
            },
        });
        return app;
    }

    /// <summary>True when the request's <c>v</c> is the hash of the file as it is now (an old hash must not be cached for ever).</summary>
    private static bool IsCurrentVersion(IFileVersionProvider versions, HttpRequest request)
    {
        var asked = request.Query["v"].ToString();
        if (asked.Length == 0)
        {
            return false;
        }

        var current = versions.AddFileVersionToPath(request.PathBase, request.Path.Value ?? "");
        var marker = current.IndexOf("?v=", StringComparison.Ordinal);
        return marker >= 0 && string.Equals(current[(marker + 3)..], asked, StringComparison.Ordinal);
    }
}

/// <summary>On a page model: its pages are never compressed (they show a secret once, or carry one from the link).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DoNotCompressAttribute : Microsoft.AspNetCore.Mvc.Filters.ResultFilterAttribute
{
    public override void OnResultExecuting(Microsoft.AspNetCore.Mvc.Filters.ResultExecutingContext context) => context.HttpContext.DoNotCompress();
}

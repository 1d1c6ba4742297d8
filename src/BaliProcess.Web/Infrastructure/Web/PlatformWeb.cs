using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Serilog;

namespace BaliProcess.Web.Infrastructure.Web;

/// <summary>
/// The largest request body the platform reads (Kestrel's limit and the early 413 answer). Modules that take uploads
/// raise it to what their own limits need (<c>services.Configure&lt;RequestBodyLimit&gt;</c>), so the two always agree.
/// </summary>
public sealed class RequestBodyLimit
{
    public long MaxBytes { get; set; } = PlatformWeb.DefaultMaxRequestBodyBytes;
}

public static class PlatformWeb
{
    public const long DefaultMaxRequestBodyBytes = 30 * 1024 * 1024;

    /// <param name="toStandardError">
    /// A CLI verb's standard output is its answer (a token, a report) that scripts read: its log lines go to standard
    /// error so that no warning (a migration's, say) ends up in the answer.
    /// </param>
    public static WebApplicationBuilder AddPlatformLogging(this WebApplicationBuilder builder, bool toStandardError = false)
    {
        builder.Host.UseSerilog((context, services, logger) => logger
            .ReadFrom.Configuration(context.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}",
                standardErrorFromLevel: toStandardError ? Serilog.Events.LogEventLevel.Verbose : null));
        return builder;
    }

    public static IServiceCollection AddPlatformWeb(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        // A bad public address stops the start with the setting's name, rather than the first e-mail with a broken link.
        services.AddOptions<PlatformOptions>().BindConfiguration(PlatformOptions.Section)
            .Validate(o => PublicLinks.TryParse(o.PublicBaseUrl, out _), "Platform:PublicBaseUrl must be the platform's public address: an http or https address such as https://platform.example.org, without query or fragment.")
            .ValidateOnStart();
        services.AddSingleton<PublicLinks>();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                // Every page needs a member official who completed two-factor sign-in, unless its model says [AllowAnonymous].
                o.Conventions.AuthorizeFolder("/", Security.Policies.Member);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedText)));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Supported.Select(c => new CultureInfo(c.Code)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Cultures.Default);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["requestId"] = ctx.HttpContext.TraceIdentifier;
            if (ctx.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
            {
                ctx.ProblemDetails.Detail ??= TooLargeDetail(ctx.HttpContext.RequestServices.GetRequiredService<IOptions<RequestBodyLimit>>().Value);
            }
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddPlatformOpenApi();
        services.AddPlatformCompression();
        services.AddScoped<Labels>();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
            o.Preload = false;
        });
        // Forwarded headers are believed only from the proxies an operator names; by default from nobody.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) => ConfigureForwardedHeaders(o, configuration));
        services.AddOptions<RequestBodyLimit>();
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<RequestBodyLimit>>((o, limit) => o.Limits.MaxRequestBodySize = limit.Value.MaxBytes);
        return services;
    }

    /// <summary>Reads Security:KnownProxies (addresses) and Security:KnownNetworks (CIDR), comma-separated or as lists.</summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        options.ForwardLimit = 1;
        foreach (var proxy in SettingList(configuration, "Security:KnownProxies"))
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"Security:KnownProxies: '{proxy}' is not an IP address."));
        }

        foreach (var network in SettingList(configuration, "Security:KnownNetworks"))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Security:KnownNetworks: '{network}' is not a network such as 10.0.0.0/8."));
        }
    }

    private static IEnumerable<string> SettingList(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (section.Value is { } single)
        {
            values.AddRange(single.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return values.Where(v => v.Length > 0);
    }

    private static string TooLargeDetail(RequestBodyLimit limit) =>
        $"The request is larger than the {limit.MaxBytes / 1024 / 1024} MB this platform accepts.";

    /// <summary>A return address on this site: a path, never another host ("//host", "/\\host") or a scheme.</summary>
    public static bool IsLocalReturnUrl(string? url) =>
        url is { Length: > 0 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    public static WebApplication UsePlatformWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // Browsers keep to HTTPS once they saw this over HTTPS; it is not sent over plain HTTP.
            app.UseHsts();
        }

        app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
        {
            var feature = context.Features.Get<IExceptionHandlerFeature>();
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            var status = feature?.Error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            context.Response.StatusCode = status;
            if (IsApi(context))
            {
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = status,
                        Title = status == 500 ? "Something went wrong on the server." : "The request could not be read.",
                        Detail = status == 500 ? "The error was logged with the request id below." : feature?.Error.Message,
                    },
                });
                return;
            }

            context.Response.Redirect($"/Error?code={status}&requestId={Uri.EscapeDataString(context.TraceIdentifier)}");
        }));
        app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            if (IsApi(context))
            {
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context });
                return;
            }

            // The error page is asked for as a plain GET: the body that caused the error (malformed, or too large) is never read again.
            var request = context.Request;
            var (path, query, method, contentType, contentLength) = (request.Path, request.QueryString, request.Method, request.ContentType, request.ContentLength);
            request.Path = "/Error";
            request.QueryString = new QueryString($"?code={context.Response.StatusCode}");
            request.Method = HttpMethods.Get;
            request.ContentType = null;
            request.ContentLength = null;
            context.SetEndpoint(null);
            try
            {
                await statusContext.Next(context);
            }
            finally
            {
                (request.Path, request.QueryString, request.Method, request.ContentType, request.ContentLength) = (path, query, method, contentType, contentLength);
            }
        });

        var bodyLimit = app.Services.GetRequiredService<IOptions<RequestBodyLimit>>().Value;
        app.Use(async (context, next) =>
        {
            // Kestrel enforces the limit while reading; this answers at once, for every host, when the length is declared.
            if (context.Request.ContentLength > bodyLimit.MaxBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                if (IsApi(context))
                {
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = new ProblemDetails
                        {
                            Status = StatusCodes.Status413PayloadTooLarge,
                            Title = "The request is too large.",
                            Detail = TooLargeDetail(bodyLimit),
                        },
                    });
                }

                return;
            }

            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

            using (Serilog.Context.LogContext.PushProperty("RequestId", context.TraceIdentifier))
            {
                await next();
            }
        });
        app.UseSerilogRequestLogging(o => o.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("RequestId", http.TraceIdentifier));
        app.UseResponseCompression();
        app.UsePlatformStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseRefusedCredentialChallenge();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapHealthChecks("/health");
        app.MapOpenApi();
        app.MapPost("/culture", async (HttpContext context, TimeProvider time, AppDbContext db, [FromForm] string? culture, [FromForm] string? returnUrl, CancellationToken ct) =>
        {
            if (!Cultures.Supported.Any(c => c.Code == culture))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language",
                    detail: $"'{culture}' is not a language of this platform. Languages: {string.Join(", ", Cultures.Supported.Select(c => c.Code))}.");
            }

            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions
                {
                    Expires = time.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true,
                    Secure = context.Request.IsHttps, Path = "/",
                });
            if (context.Viewer() is { UserId: { } userId, ApiKeyId: null })
            {
                // Remembered for the person, so that e-mails others cause reach them in their language.
                await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture), ct);
            }

            return Results.LocalRedirect(IsLocalReturnUrl(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();
        return app;
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}

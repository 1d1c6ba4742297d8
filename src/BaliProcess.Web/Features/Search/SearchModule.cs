using BaliProcess.Search;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Search;

public static class SearchModule
{
    public static IServiceCollection AddPlatformSearch(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<SearchOptions>(configuration.GetSection(SearchOptions.Section));
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<SearchOptions>>().Value.IndexPath;
            var path = Path.IsPathRooted(configured) ? configured : Path.Combine(DataServiceCollectionExtensions.DataDirectory(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, environment.ContentRootPath), configured);
            return new PlatformSearchIndex(path);
        });
        services.AddSingleton<SearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        services.AddScoped<PlatformSearch>();
        services.AddNavigation(new NavigationItem("Search", "/Search", 90));
        return services;
    }

    public static IEndpointRouteBuilder MapPlatformSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", async Task<Results<Ok<SearchResults>, ValidationProblem>> (
                string? q, string? kind, string? body, string? member, int? year, string? language, int? skip, int? take,
                PlatformSearch search, HttpContext http, CancellationToken ct) =>
            {
                var request = new SearchRequest(q, kind, body, member, year, language, skip ?? 0, take ?? 20);
                var results = await search.SearchAsync(request, http.Viewer(), ct);
                return results.Error is { } error
                    ? Infrastructure.Errors.Problems.Invalid("q", error)
                    : TypedResults.Ok(results);
            })
            .WithTags("Search")
            .AllowAnonymous()
            .WithSummary("Searches the platform")
            .WithDescription("Full-text search over documents, meetings, outcomes, activities, actions and focal points, counting and listing only what the caller may see. Words must all appear; \"quotes\" find a phrase, word* its beginnings. Facets: kind, body, member, year, language.");
        return app;
    }
}

public sealed record SearchRequest(string? Q, string? Kind, string? Body, string? Member, int? Year, string? Language, int Skip = 0, int Take = 20);

/// <summary>Runs a search as the viewer: the viewer's access tokens are computed on the server and filter hits, counts and facets.</summary>
public sealed class PlatformSearch(AppDbContext db, PlatformSearchIndex index)
{
    public const int MaxQueryLength = 500;

    public async Task<SearchResults> SearchAsync(SearchRequest request, Viewer viewer, CancellationToken ct)
    {
        var text = request.Q?.Trim() ?? "";
        if (text.Length > MaxQueryLength)
        {
            return new SearchResults(0, [], new Dictionary<string, IReadOnlyList<FacetValue>>(), $"The search text is longer than {MaxQueryLength} characters.");
        }

        var tokens = await AccessRule.ViewerTokensAsync(viewer, db, ct);
        return index.Index.Search(new SearchQuery(text, tokens.ToList(), Blank(request.Kind), Blank(request.Body), Blank(request.Member), request.Year,
            Blank(request.Language), Math.Max(0, request.Skip), Math.Clamp(request.Take, 1, 100)));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

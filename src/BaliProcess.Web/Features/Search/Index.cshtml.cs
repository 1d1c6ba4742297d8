using BaliProcess.Search;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Search;

[AllowAnonymous]
public sealed class IndexModel(PlatformSearch search, Labels labels) : PageModel
{
    public Labels Labels => labels;

    private static readonly string[] FilterNames = ["kind", "body", "member", "year", "language"];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Skip { get; set; }

    public SearchResults? Results { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Facet filters in the query string, in a fixed order.</summary>
    public IReadOnlyList<(string Name, string Value)> ActiveFilters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ActiveFilters = FilterNames.Select(n => (n, Request.Query[n].ToString())).Where(f => f.Item2.Length > 0).ToList();
        if (string.IsNullOrWhiteSpace(Q) && ActiveFilters.Count == 0)
        {
            return;
        }

        int? year = int.TryParse(Filter("year"), out var y) ? y : null;
        Results = await search.SearchAsync(new SearchRequest(Q, Filter("kind"), Filter("body"), Filter("member"), year, Filter("language"), Skip), HttpContext.Viewer(), ct);
        Error = Results.Error;
        await labels.LoadAsync(ct);
    }

    public string LinkWith(string facet, string value) =>
        Link(ActiveFilters.Where(f => f.Name != facet).Append((facet, value)), 0);

    public string LinkWithout() => Link([], 0);

    public string LinkToPage(int skip) => Link(ActiveFilters, skip);

    private string? Filter(string name) => ActiveFilters.FirstOrDefault(f => f.Name == name).Value;

    private string Link(IEnumerable<(string Name, string Value)> filters, int skip)
    {
        var query = new List<KeyValuePair<string, string?>> { new("q", Q) };
        query.AddRange(filters.Select(f => new KeyValuePair<string, string?>(f.Name, f.Value)));
        if (skip > 0)
        {
            query.Add(new("skip", skip.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return "/Search" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }
}

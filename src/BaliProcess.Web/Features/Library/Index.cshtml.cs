using BaliProcess.Documents;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Library;

/// <summary>The document library: the documents the reader may see, and which guides exist in which languages.</summary>
[AllowAnonymous]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public DocumentKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Skip { get; set; }

    public IReadOnlyList<DocumentSummaryView> Documents { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<string> Languages { get; private set; } = [];

    public IReadOnlyList<TranslationFamilyView> Families { get; private set; } = [];

    public bool CanImport { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        Skip = Math.Max(0, Skip);
        var filters = new LibraryFilters(Year: Year, DocumentKind: Kind, Language: Language, Skip: Skip, Take: PageSize);
        Documents = await LibraryQueries.DocumentsAsync(db, viewer, filters, ct);
        Total = await LibraryQueries.DocumentCountAsync(db, viewer, filters, ct);
        Languages = await LibraryQueries.DocumentLanguagesAsync(db, viewer, ct);
        Families = await LibraryQueries.TranslationFamiliesAsync(db, viewer, ct);
        CanImport = viewer.IsInRole(Roles.MemberOfficer) || viewer.IsInRole(Roles.MemberAdmin) || viewer.IsPlatformAdmin;
    }

    public string NextPageLink() =>
        "/Library" + QueryString.Create(new Dictionary<string, string?>
        {
            ["kind"] = Kind?.ToString(),
            ["language"] = Language,
            ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["skip"] = (Skip + PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null));
}

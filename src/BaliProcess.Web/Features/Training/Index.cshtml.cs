using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Training;

public sealed record ProviderOption(string Code, string Name, string? Country);

/// <summary>The catalogue: the courses the reader may see, filtered by theme, audience, language, delivery, provider, country and dates.</summary>
[AllowAnonymous]
public sealed class IndexModel(AppDbContext db, TimeProvider time, IStringLocalizer<ValidationText> validationText) : PageModel
{
    public const int DefaultPageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Theme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Audience { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public Delivery? Delivery { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Provider { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    // "page" is the route value Razor Pages keeps for the page's own path, so the query uses another name.
    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public int PageSize { get; set; } = DefaultPageSize;

    public CoursePage Courses { get; private set; } = new([], 0, 1, DefaultPageSize);

    public IReadOnlyList<TermView> Themes { get; private set; } = [];

    public IReadOnlyList<TermView> Audiences { get; private set; } = [];

    public IReadOnlyList<string> LanguagesInUse { get; private set; } = [];

    public IReadOnlyList<ProviderOption> Providers { get; private set; } = [];

    public bool CanList { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        Themes = await TrainingQueries.TermsAsync(db, TermList.Theme, ct);
        Audiences = await TrainingQueries.TermsAsync(db, TermList.Audience, ct);

        // Only what the reader's visible courses use: an option never names a provider of a course they cannot see.
        var visible = db.Set<Course>().VisibleTo(viewer, db);
        LanguagesInUse = (await visible.Select(c => c.Languages).ToListAsync(ct)).SelectMany(l => l).Distinct().Order(StringComparer.Ordinal).ToList();
        Providers = await db.Set<Member>().Where(m => visible.Any(c => c.OwnerMemberId == m.Id)).OrderBy(m => m.Name)
            .Select(m => new ProviderOption(m.Code, m.Name, m.Country ?? (m.Kind == MemberKind.MemberState || m.Kind == MemberKind.ObserverState ? m.Code : null)))
            .ToListAsync(ct);
        CanList = Roles.Editors.Any(viewer.IsInRole);

        var filters = new CourseFilters(Theme, Audience, Language, Delivery, Provider, Country, From, To, Math.Max(1, PageNumber), PageSize);
        var invalid = await TrainingQueries.CheckFiltersAsync(db, filters, ct);
        if (!invalid.IsValid || !ModelState.IsValid)
        {
            foreach (var (field, message) in invalid.Localized(validationText))
            {
                ModelState.AddModelError(field, message);
            }

            return;
        }

        Courses = await TrainingQueries.CoursesAsync(db, viewer, filters, TrainingModule.Today(time), ct);
    }

    public string PageLink(int page) =>
        "/Training" + QueryString.Create(new Dictionary<string, string?>
        {
            ["theme"] = Theme, ["audience"] = Audience, ["language"] = Language, ["delivery"] = Delivery?.ToString(),
            ["provider"] = Provider, ["country"] = Country, ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"),
            ["pageSize"] = PageSize == DefaultPageSize ? null : PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
}

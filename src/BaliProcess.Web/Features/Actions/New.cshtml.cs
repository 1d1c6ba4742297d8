using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions;

public sealed record OutcomeChoice(Guid Id, string Label);

public sealed record MeetingOutcomeChoices(string Meeting, IReadOnlyList<OutcomeChoice> Outcomes);

/// <summary>The RSO adds a theme (a later strategy's priority) or an action by hand, with its leads and the meeting outcome it comes from.</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class NewModel(AppDbContext db, ActionPlanning planning, IStringLocalizer<ActionsText> T) : PageModel
{
    public static readonly IReadOnlyList<DistributionScope> ScopeChoices = [DistributionScope.Public, DistributionScope.AllMembers, DistributionScope.OwnMember];

    [BindProperty]
    public NewActionForm Form { get; set; } = new();

    [BindProperty]
    public ThemeForm Theme { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ThemeAdded { get; set; }

    public IReadOnlyList<ActionThemeView> Themes { get; private set; } = [];

    public IReadOnlyList<MeetingOutcomeChoices> Outcomes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var leads = Split(Form.Leads);
        var funders = Split(Form.Funders);
        var result = await planning.CreateActionAsync(
            new NewActionInput(Form.ThemeId, Form.Number, Form.Text, leads, funders, Form.OriginOutcomeId, Form.DueDate, new ScopeInput(Form.Scope)),
            HttpContext.Viewer(), ct);
        if (result.Succeeded)
        {
            return Redirect($"/Actions/{result.Value}");
        }

        ModelState.AddFailure(result, T, nameof(Form));
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostThemeAsync(CancellationToken ct)
    {
        ModelState.Clear();
        int? number = int.TryParse(Theme.Number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        var result = await planning.CreateThemeAsync(new ThemeInput(number, Theme.Title, Theme.Strategy), HttpContext.Viewer(), ct);
        if (result.Succeeded)
        {
            return Redirect($"/Actions/New?themeAdded={Uri.EscapeDataString($"{result.Value!.Number}. {result.Value.Title}")}");
        }

        ModelState.AddFailure(result, T, nameof(Theme));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        Themes = await ActionQueries.ThemesAsync(db, HttpContext.Viewer(), ct);
        var rows = await (from o in db.Set<MeetingOutcome>().AsNoTracking()
                          join m in db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db) on o.MeetingId equals m.Id
                          orderby m.StartDate descending, m.Id, o.Sequence
                          select new { m.Id, m.Title, m.StartDate, OutcomeId = o.Id, o.Sequence, o.Text }).ToListAsync(ct);
        Outcomes = rows.GroupBy(r => r.Id)
            .Select(g => new MeetingOutcomeChoices(
                $"{g.First().StartDate:yyyy-MM-dd} {g.First().Title}",
                g.Select(r => new OutcomeChoice(r.OutcomeId, $"{r.Sequence}. {(r.Text.Length > 140 ? r.Text[..139] + "…" : r.Text)}")).ToList()))
            .ToList();
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class NewActionForm
{
    public Guid? ThemeId { get; set; }

    public string? Number { get; set; }

    public string? Text { get; set; }

    public string? Leads { get; set; }

    public string? Funders { get; set; }

    public Guid? OriginOutcomeId { get; set; }

    public string? DueDate { get; set; }

    public DistributionScope? Scope { get; set; } = DistributionScope.Public;
}

public sealed class ThemeForm
{
    public string? Number { get; set; }

    public string? Title { get; set; }

    public string? Strategy { get; set; }
}

using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Directory.Members;

[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class EditModel(AppDbContext db, DirectoryCorrections corrections, IStringLocalizer<ValidationText> validationText) : PageModel
{
    [BindProperty]
    public MemberCorrectionForm Form { get; set; } = new();

    public MemberView Member { get; private set; } = null!;

    public IReadOnlyList<DirectoryChangeView> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        Form = new MemberCorrectionForm { Name = Member.Name, Variants = string.Join(Environment.NewLine, Member.Variants), MemberSince = Member.MemberSince?.ToString() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        int? since = null;
        if (!string.IsNullOrWhiteSpace(Form.MemberSince))
        {
            if (!int.TryParse(Form.MemberSince, out var year))
            {
                ModelState.AddModelError("Form.MemberSince", validationText["Member since must be a year, such as 2002."]);
                return Page();
            }

            since = year;
        }

        var input = new MemberCorrectionInput(Form.Name, DirectoryForms.Lines(Form.Variants), since, Form.Reason);
        var result = await corrections.CorrectMemberAsync(code, input, Corrector.Of(HttpContext), ct);
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText);
            return Page();
        }

        return Redirect($"/Directory/Members/{result.Value!.Code}");
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var detail = await DirectoryQueries.MemberDetailAsync(db, code, Viewer.Anonymous, ct);
        if (detail is null)
        {
            return false;
        }

        Member = detail.Member;
        History = await DirectoryHistory.OfAsync(db, DirectorySubject.Member, Member.Id, ct);
        return true;
    }
}

public sealed class MemberCorrectionForm
{
    public string? Name { get; set; }

    public string? Variants { get; set; }

    public string? MemberSince { get; set; }

    public string? Reason { get; set; }
}

public static class DirectoryForms
{
    /// <summary>One name variant per line (a comma may be part of a name, as in "Hong Kong SAR, China").</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

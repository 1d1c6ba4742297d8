using System.Globalization;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Features.Directory.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Directory.Bodies;

/// <summary>Corrects a body: its names on one form, and one membership at a time (chosen from the list) on another.</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class EditModel(AppDbContext db, DirectoryCorrections corrections, IStringLocalizer<ValidationText> validationText, TimeProvider time) : PageModel
{
    [BindProperty]
    public BodyCorrectionForm Form { get; set; } = new();

    [BindProperty]
    public MembershipForm Membership { get; set; } = new();

    public BodyDetailView Body { get; private set; } = null!;

    public IReadOnlyList<MemberView> Members { get; private set; } = [];

    public IReadOnlyList<DirectoryChangeView> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, string? member, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        Form = new BodyCorrectionForm { Name = Body.Body.Name, Variants = string.Join(Environment.NewLine, Body.Variants) };
        var chosen = Body.Members.FirstOrDefault(m => string.Equals(m.Code, member?.Trim(), StringComparison.OrdinalIgnoreCase));
        Membership = chosen is null
            ? new MembershipForm { Role = BodyRole.Member }
            : new MembershipForm { Member = chosen.Code, Role = chosen.Role, Since = chosen.Since?.ToString("yyyy-MM-dd"), Until = chosen.Until?.ToString("yyyy-MM-dd") };
        return Page();
    }

    public async Task<IActionResult> OnPostBodyAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        var result = await corrections.CorrectBodyAsync(code, new BodyCorrectionInput(Form.Name, DirectoryForms.Lines(Form.Variants), Form.Reason), Corrector.Of(HttpContext), ct);
        return Done(result, "Form");
    }

    public async Task<IActionResult> OnPostMembershipAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        var since = ParseDate(Membership.Since, "Membership.Since");
        var until = ParseDate(Membership.Until, "Membership.Until");
        if (!ModelState.IsValid)
        {
            return Refused();
        }

        var input = new MembershipInput(Membership.Role, since, until, Membership.Reason);
        return Done(await corrections.SetMembershipAsync(code, Membership.Member, input, Corrector.Of(HttpContext), ct), "Membership");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        return Done(await corrections.RemoveMembershipAsync(code, Membership.Member, new ReasonInput(Membership.Reason), Corrector.Of(HttpContext), ct), "Membership");
    }

    private IActionResult Done(CommandResult<BodyDetailView> result, string prefix)
    {
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText, prefix);
            return Refused();
        }

        return Redirect($"/Directory/Bodies/{result.Value!.Body.Code}");
    }

    /// <summary>The page again with the refused form as posted; the other form, which was not posted, shows the stored values.</summary>
    private PageResult Refused()
    {
        if (Request.Query["handler"] == "Body")
        {
            Membership = new MembershipForm { Role = BodyRole.Member };
        }
        else
        {
            Form = new BodyCorrectionForm { Name = Body.Body.Name, Variants = string.Join(Environment.NewLine, Body.Variants) };
        }

        return Page();
    }

    private DateOnly? ParseDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        ModelState.AddModelError(field, validationText["'{0}' is not a date: write it as year-month-day, such as 2009-07-27.", text]);
        return null;
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var detail = await DirectoryQueries.BodyDetailAsync(db, code, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct);
        if (detail is null)
        {
            return false;
        }

        Body = detail;
        Members = await DirectoryQueries.MembersAsync(db, null, ct);
        History = await DirectoryHistory.OfAsync(db, DirectorySubject.Body, detail.Body.Id, ct);
        return true;
    }
}

public sealed class BodyCorrectionForm
{
    public string? Name { get; set; }

    public string? Variants { get; set; }

    public string? Reason { get; set; }
}

public sealed class MembershipForm
{
    public string? Member { get; set; }

    public BodyRole? Role { get; set; }

    public string? Since { get; set; }

    public string? Until { get; set; }

    public string? Reason { get; set; }
}

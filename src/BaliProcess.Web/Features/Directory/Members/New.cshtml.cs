using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Directory.Members;

[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class NewModel(IStringLocalizer<ValidationText> validationText, DirectoryCommands commands) : PageModel
{
    [BindProperty]
    public MemberForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        int? since = null;
        if (!string.IsNullOrWhiteSpace(Form.MemberSince))
        {
            if (!int.TryParse(Form.MemberSince, out var year))
            {
                ModelState.Clear();
                ModelState.AddModelError("Form.MemberSince", validationText["Member since must be a year, such as 2002."]);
                return Page();
            }

            since = year;
        }

        ModelState.Clear();
        var input = new MemberInput(Form.Code, Form.Kind, Form.Name,
            (Form.Variants ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), since);
        var result = await commands.CreateMemberAsync(input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText);
            return Page();
        }

        return Redirect($"/Directory/Members/{result.Value!.Code}");
    }
}

public sealed class MemberForm
{
    public string? Name { get; set; }

    public MemberKind? Kind { get; set; }

    public string? Code { get; set; }

    public string? Variants { get; set; }

    public string? MemberSince { get; set; }
}

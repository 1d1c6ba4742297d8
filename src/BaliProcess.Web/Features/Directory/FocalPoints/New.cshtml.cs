using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Directory.FocalPoints;

/// <summary>Adding a focal point is an editor's work: analysts, oversight readers and users without a role only read the directory.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.Editor)]
public sealed class NewModel(IStringLocalizer<ValidationText> validationText, AppDbContext db, DirectoryCommands commands) : PageModel
{
    [BindProperty]
    public FocalPointForm Form { get; set; } = new();

    public IReadOnlyList<BodyView> Bodies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Bodies = await DirectoryQueries.BodiesAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        var input = new FocalPointInput(Form.PersonName, Form.Role, Form.Email, Form.Phone, Form.BodyCode, Form.Scope,
            (Form.NamedMembers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        ModelState.Clear();
        var result = await commands.CreateFocalPointAsync(input, viewer, ct);
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText);
            Bodies = await DirectoryQueries.BodiesAsync(db, ct);
            return Page();
        }

        return Redirect($"/Directory/Members/{result.Value!.MemberCode}");
    }
}

public sealed class FocalPointForm
{
    public string? PersonName { get; set; }

    public string? Role { get; set; }

    public string? BodyCode { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public DistributionScope? Scope { get; set; } = DistributionScope.AllMembers;

    public string? NamedMembers { get; set; }
}

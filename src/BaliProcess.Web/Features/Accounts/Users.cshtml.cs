using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Accounts;

[Authorize(Policy = Policies.MemberAdmin)]
public sealed class UsersModel(IStringLocalizer<ValidationText> validationText, AppDbContext db, AccountCommands commands, AccountAdministration administration) : PageModel
{
    [BindProperty]
    public UserForm Form { get; set; } = new();

    public IReadOnlyList<AccountView> Accounts { get; private set; } = [];

    public bool IsPlatformAdmin { get; private set; }

    public IReadOnlyList<string> GrantableRoles { get; private set; } = [];

    public string? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        ModelState.Clear();
        var memberCode = viewer.IsPlatformAdmin && !string.IsNullOrWhiteSpace(Form.MemberCode)
            ? Form.MemberCode
            : await db.Set<Member>().Where(m => m.Id == viewer.MemberId).Select(m => m.Code).SingleAsync(ct);
        var result = await commands.CreateUserAsync(new UserInput(Form.Email, Form.DisplayName, Form.Password, memberCode, Form.Agency, Form.Roles), viewer, ct);
        if (result.Succeeded)
        {
            Created = result.Value!.Email;
            Form = new UserForm();
        }
        else
        {
            ModelState.AddFailure(result, validationText);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        IsPlatformAdmin = viewer.IsPlatformAdmin;
        GrantableRoles = IsPlatformAdmin ? Roles.All : AccountAdministration.MemberGrantableRoles;
        Accounts = await administration.ListAsync(viewer, null, ct);
    }
}

public sealed class UserForm
{
    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? MemberCode { get; set; }

    public string? Agency { get; set; }

    public List<string> Roles { get; set; } = [];

    public string? Password { get; set; }
}

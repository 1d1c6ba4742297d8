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
public sealed class UsersModel(IStringLocalizer<ValidationText> validationText, AppDbContext db, AccountCommands commands) : PageModel
{
    [BindProperty]
    public UserForm Form { get; set; } = new();

    public IReadOnlyList<UserView> Accounts { get; private set; } = [];

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
        GrantableRoles = IsPlatformAdmin ? Roles.All : [Roles.MemberAdmin, Roles.MemberOfficer, Roles.Analyst];
        var rows = await (from u in db.Users.AsNoTracking()
                          join m in db.Set<Member>() on u.MemberId equals m.Id
                          where IsPlatformAdmin || u.MemberId == viewer.MemberId
                          orderby m.Code, u.DisplayName
                          select new
                          {
                              u.Id, u.Email, u.DisplayName, m.Code, u.Agency, u.TwoFactorEnabled,
                              Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToList(),
                          }).ToListAsync(ct);
        Accounts = rows.Select(r => new UserView(r.Id, r.Email!, r.DisplayName, r.Code, r.Agency, r.Roles.Select(x => x!).ToList(), r.TwoFactorEnabled, false)).ToList();
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

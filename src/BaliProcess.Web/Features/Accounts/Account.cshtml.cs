using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>One account, as its administrator manages it. An account the caller does not administer answers 404.</summary>
[Authorize(Policy = Policies.MemberAdmin)]
public sealed class AccountModel(AccountAdministration administration, IStringLocalizer<ValidationText> validationText, IStringLocalizer<AccountsText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AccountForm Form { get; set; } = new();

    [BindProperty]
    public bool Confirm { get; set; }

    public AccountView Account { get; private set; } = null!;

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public IReadOnlyList<string> GrantableRoles { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        var current = await administration.GetAsync(Id, viewer, ct);
        if (!current.Succeeded)
        {
            return NotFound();
        }

        // The form shows only the roles this administrator gives; the others the account holds stay.
        var grantable = viewer.IsPlatformAdmin ? Roles.All : AccountAdministration.MemberGrantableRoles;
        var roles = Form.Roles.Where(grantable.Contains).Concat(current.Value!.Roles.Where(r => !grantable.Contains(r))).ToList();
        return await ActAsync(administration.UpdateAsync(Id, new AccountUpdateInput(roles, Form.Agency ?? ""), viewer, ct), "Roles and agency saved. The person was signed out everywhere.", ct);
    }

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) =>
        ActAsync(administration.DisableAsync(Id, HttpContext.Viewer(), ct), "The account is disabled and signed out everywhere.", ct);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) =>
        ActAsync(administration.EnableAsync(Id, HttpContext.Viewer(), ct), "The account can sign in again.", ct);

    public Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken ct) =>
        ActAsync(administration.ResetTwoFactorAsync(Id, new ConfirmInput(Confirm), HttpContext.Viewer(), ct), "Two-factor sign-in is reset. The person sets up an authenticator at the next sign-in.", ct);

    public Task<IActionResult> OnPostSignOutAsync(CancellationToken ct) =>
        ActAsync(administration.SignOutEverywhereAsync(Id, new ConfirmInput(Confirm), HttpContext.Viewer(), ct), "The account is signed out everywhere.", ct);

    private async Task<IActionResult> ActAsync<T>(Task<CommandResult<T>> command, string done, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await command;
        if (result.Problem?.StatusCode == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Message = text[done];
        }
        else
        {
            foreach (var (field, message) in result.Invalid?.Localized(validationText) ?? [])
            {
                ModelState.AddModelError(field switch { "confirm" => nameof(Confirm), "roles" => "Form.Roles", "agency" => "Form.Agency", _ => "" }, message);
            }

            if (result.ProblemMessage is { } problem)
            {
                ModelState.AddModelError("", validationText[problem]);
            }
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        var found = await administration.GetAsync(Id, viewer, ct);
        if (!found.Succeeded)
        {
            return false;
        }

        Account = found.Value!;
        Sessions = (await administration.SessionsAsync(Id, viewer, null, ct)).Value ?? [];
        GrantableRoles = viewer.IsPlatformAdmin ? Roles.All : AccountAdministration.MemberGrantableRoles;
        return true;
    }
}

public sealed class AccountForm
{
    public List<string> Roles { get; set; } = [];

    public string? Agency { get; set; }
}

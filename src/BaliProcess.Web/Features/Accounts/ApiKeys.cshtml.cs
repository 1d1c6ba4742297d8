using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Accounts;

[Authorize(Policy = Policies.MemberAdmin)]
[BaliProcess.Web.Infrastructure.Web.DoNotCompress]
public sealed class ApiKeysModel(IStringLocalizer<ValidationText> validationText, AccountCommands commands) : PageModel
{
    [BindProperty]
    public ApiKeyForm Form { get; set; } = new();

    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    public string? CreatedToken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        ModelState.Clear();
        int? days = int.TryParse(Form.ValidDays, out var d) ? d : string.IsNullOrWhiteSpace(Form.ValidDays) ? null : 0;
        var result = await commands.CreateApiKeyAsync(new ApiKeyInput(Form.Name, Form.Scopes, days), viewer.MemberId!.Value, viewer.UserId, ct);
        if (result.Succeeded)
        {
            CreatedToken = result.Value!.Token;
            Form = new ApiKeyForm();
        }
        else
        {
            ModelState.AddFailure(result, validationText);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var result = await commands.RevokeApiKeyAsync(id, HttpContext.Viewer().MemberId!.Value, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) => Keys = await commands.ApiKeysAsync(HttpContext.Viewer().MemberId!.Value, ct);
}

public sealed class ApiKeyForm
{
    public string? Name { get; set; }

    public List<string> Scopes { get; set; } = [];

    public string? ValidDays { get; set; } = "90";
}

using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Audit;

[Authorize(Policy = Policies.Oversight)]
public sealed class IndexModel(AppDbContext db, AuditLog audit, AuditVerifier verifier) : PageModel
{
    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Skip { get; set; }

    public int Total { get; private set; }

    public IReadOnlyList<AuditRowView> Rows { get; private set; } = [];

    public AuditVerification? Verification { get; private set; }

    public bool PlatformWide => HttpContext.Viewer().IsInRole(Roles.PlatformOversight);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await verifier.VerifyAsync(ct);
        audit.Record("audit.verify", outcome: Verification.Intact ? AuditOutcome.Succeeded : AuditOutcome.Failed, detail: Verification.Message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = AuditQueries.Filter(db, HttpContext.Viewer(), Action, null);
        Total = await query.CountAsync(ct);
        Skip = Math.Max(0, Skip);
        Rows = await query.NewestFirst().Skip(Skip).Take(PageSize)
            .Select(AuditQueries.View)
            .ToListAsync(ct);
        audit.Record("audit.read", detail: Action);
        await db.SaveChangesAsync(ct);
    }
}

using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Audit;

/// <summary>Signed checkpoints, for every member official and the oversight role to download and keep.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class CheckpointsModel(AppDbContext db, AuditKeys keys) : PageModel
{
    public IReadOnlyList<AuditCheckpoint> Rows { get; private set; } = [];

    public string KeyId { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        KeyId = keys.KeyId;
        Rows = await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.TreeSize).Take(100).ToListAsync(ct);
    }
}

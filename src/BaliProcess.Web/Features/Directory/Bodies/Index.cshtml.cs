using BaliProcess.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaliProcess.Web.Features.Directory.Bodies;

[AllowAnonymous]
public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<BodyView> Bodies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Bodies = await DirectoryQueries.BodiesAsync(db, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct);
}

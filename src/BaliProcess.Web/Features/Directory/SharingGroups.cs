using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Directory;

public sealed record SharingGroupInput(string? Name, string? Description, IReadOnlyList<string>? Members, bool MembershipHidden);

/// <summary>A group as a member sees it: with a hidden membership only the owner member sees who else belongs.</summary>
public sealed record SharingGroupView(Guid Id, string Name, string? Description, string OwnerCode, bool MembershipHidden, IReadOnlyList<string>? MemberCodes);

/// <summary>Sharing groups: bilateral agreements, liaison-officer hubs and other named sets of members that records can be shared with.</summary>
public static class SharingGroupEndpoints
{
    public static IEndpointRouteBuilder MapSharingGroups(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/sharing-groups").WithTags("Directory");
        groups.MapGet("/", async (AppDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await ListAsync(db, http.Viewer(), ct))).RequireAuthorization(Policies.DirectoryRead)
            .WithSummary("Lists sharing groups")
            .WithDescription("The named groups of members that records can be shared with and that the caller may see (groups with hidden membership show their members to members only).");
        groups.MapPost("/", async Task<Results<Created<SharingGroupView>, ValidationProblem, ProblemHttpResult>> (
            SharingGroupInput input, AppDbContext db, AuditLog audit, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            var viewer = http.Viewer();
            var validation = new Validation().Require("name", input.Name, "Name");
            var codes = (input.Members ?? []).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
            var found = await db.Set<Member>().Where(m => codes.Contains(m.Code)).Select(m => new { m.Id, m.Code }).ToListAsync(ct);
            var unknown = codes.Except(found.Select(f => f.Code)).ToList();
            if (unknown.Count > 0)
            {
                validation.Add("members", "Unknown member code(s): {0}.", string.Join(", ", unknown));
            }

            var memberIds = found.Select(f => f.Id).Append(viewer.MemberId!.Value).Distinct().ToList();
            if (memberIds.Count < 2)
            {
                validation.Add("members", "A sharing group needs at least one other member besides yours.");
            }

            if (!validation.IsValid)
            {
                return validation.ToProblem();
            }

            var name = input.Name!.Trim();
            if (await db.Set<SharingGroup>().AnyAsync(g => g.Name == name, ct))
            {
                return Problems.Conflict($"A sharing group named '{name}' already exists.");
            }

            var group = new SharingGroup
            {
                Name = name, Description = input.Description?.Trim(), OwnerMemberId = viewer.MemberId!.Value,
                MembershipHidden = input.MembershipHidden, CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            group.Members.AddRange(memberIds.Select(id => new SharingGroupMember { GroupId = group.Id, MemberId = id }));
            db.Add(group);
            audit.Record("directory.sharinggroup.create", nameof(SharingGroup), group.Id, detail: $"{name}: {memberIds.Count} members", subjectMember: group.OwnerMemberId);
            await db.SaveChangesAsync(ct);
            var view = (await ListAsync(db, viewer, ct)).Single(g => g.Id == group.Id);
            return TypedResults.Created($"/api/sharing-groups/{group.Id}", view);
        }).RequireAuthorization(Policies.MemberAdmin)
            .WithSummary("Creates a sharing group")
            .WithDescription("Creates a named group of the caller's member and other members (by code) that records can then be shared with. Unknown codes answer 400; a taken name answers 409.");
        return app;
    }

    /// <summary>The groups the viewer's member belongs to; membership lists only where the viewer may see them.</summary>
    public static async Task<List<SharingGroupView>> ListAsync(AppDbContext db, Viewer viewer, CancellationToken ct)
    {
        var member = viewer.MemberId;
        var groups = await db.Set<SharingGroup>().AsNoTracking()
            .Where(g => g.Members.Any(m => m.MemberId == member))
            .OrderBy(g => g.Name)
            .Select(g => new
            {
                g.Id, g.Name, g.Description, g.MembershipHidden, g.OwnerMemberId,
                Owner = db.Set<Member>().Where(m => m.Id == g.OwnerMemberId).Select(m => m.Code).FirstOrDefault(),
                Codes = g.Members.Join(db.Set<Member>(), gm => gm.MemberId, m => m.Id, (gm, m) => m.Code).ToList(),
            })
            .ToListAsync(ct);
        return groups.Select(g => new SharingGroupView(g.Id, g.Name, g.Description, g.Owner ?? "", g.MembershipHidden,
                g.MembershipHidden && g.OwnerMemberId != member ? null : g.Codes.Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }
}

using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>The distribution a creator chooses for a new record, as every module's input records carry it.</summary>
public sealed record ScopeInput(DistributionScope? Scope, IReadOnlyList<string>? NamedMembers = null, Guid? SharingGroupId = null, bool Draft = false);

/// <summary>A validated scope, ready to stamp on a record and to write its grants.</summary>
public sealed record ResolvedScope(DistributionScope Scope, IReadOnlyList<Guid> GrantedMembers, Guid? SharingGroupId, bool IsDraft)
{
    /// <summary>Adds the grant rows for a record created with this scope.</summary>
    public void AddGrants(AppDbContext db, Guid recordId)
    {
        foreach (var member in GrantedMembers)
        {
            db.Add(new ScopeGrant { RecordId = recordId, MemberId = member });
        }
    }
}

public static class ScopeValidation
{
    /// <summary>Checks a chosen scope for the viewer's member; field errors go under <paramref name="field"/>.</summary>
    public static async Task<ResolvedScope?> ResolveAsync(ScopeInput input, Viewer viewer, AppDbContext db, Validation validation,
        CancellationToken cancellationToken, string field = "scope")
    {
        if (viewer.MemberId is not { } owner)
        {
            validation.Add(field, "Only a signed-in member official can create restricted records.");
            return null;
        }

        if (input.Scope is not { } scope || !Enum.IsDefined(scope))
        {
            validation.Add(field, "Choose who may see this record: one of {0}.", string.Join(", ", Enum.GetNames<DistributionScope>()));
            return null;
        }

        if (scope == DistributionScope.OwnAgency && string.IsNullOrWhiteSpace(viewer.Agency))
        {
            validation.Add(field, "Your account has no agency, so 'own agency' cannot be chosen; choose 'own member' instead.");
            return null;
        }

        List<Guid> granted = [];
        if (scope == DistributionScope.NamedMembers)
        {
            var codes = (input.NamedMembers ?? []).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
            if (codes.Count == 0)
            {
                validation.Add("namedMembers", "Name at least one member to share with.");
                return null;
            }

            var found = await db.Set<Member>().Where(m => codes.Contains(m.Code)).Select(m => new { m.Code, m.Id }).ToListAsync(cancellationToken);
            var unknown = codes.Except(found.Select(f => f.Code), StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                validation.Add("namedMembers", "Unknown member code(s): {0}.", string.Join(", ", unknown));
                return null;
            }

            granted = found.Select(f => f.Id).Where(id => id != owner).ToList();
        }

        Guid? group = null;
        if (scope == DistributionScope.SharingGroup)
        {
            var belongs = input.SharingGroupId is { } g
                && await db.Set<SharingGroupMember>().AnyAsync(m => m.GroupId == g && m.MemberId == owner, cancellationToken);
            if (!belongs)
            {
                validation.Add("sharingGroupId", "Choose a sharing group that your member belongs to.");
                return null;
            }

            group = input.SharingGroupId;
        }

        return new ResolvedScope(scope, granted, group, input.Draft);
    }
}

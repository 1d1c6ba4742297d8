using BaliProcess.Web.Infrastructure.Data;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// The one way a new record gets its owner, agency, distribution and grants, for every module. The agency is kept only
/// where the access rule reads it: a record shared with its agency only, and a draft (seen by its author's agency only,
/// or its whole member when the author has none). Anything else would make the same choice mean different things in
/// different modules.
/// </summary>
public static class Ownership
{
    /// <summary>The agency a record created with <paramref name="scope"/> keeps.</summary>
    public static string? AgencyFor(ResolvedScope scope, string? agency) =>
        (scope.Scope == DistributionScope.OwnAgency || scope.IsDraft) && !string.IsNullOrWhiteSpace(agency) ? agency.Trim() : null;

    /// <summary>Stamps a record created by <paramref name="creator"/>, for the creator's member, and adds its grant rows.</summary>
    public static void Stamp<T>(T record, Viewer creator, ResolvedScope scope, AppDbContext db)
        where T : IScopedRecord =>
        Stamp(record, creator.MemberId ?? throw new InvalidOperationException("Only a member's viewer owns records."), AgencyFor(scope, creator.Agency), scope, db);

    /// <summary>Stamps a record owned by <paramref name="ownerMember"/> whose agency was already chosen with <see cref="AgencyFor"/>.</summary>
    public static void Stamp<T>(T record, Guid ownerMember, string? ownerAgency, ResolvedScope scope, AppDbContext db)
        where T : IScopedRecord
    {
        (record.OwnerMemberId, record.OwnerAgency, record.Scope, record.SharingGroupId, record.IsDraft) =
            (ownerMember, ownerAgency, scope.Scope, scope.SharingGroupId, scope.IsDraft);
        scope.AddGrants(db, record.Id);
    }

    /// <summary>
    /// A record derived from another (the actions read from an imported report) is exactly as visible as its source:
    /// same owner, agency, distribution and grants.
    /// </summary>
    public static void StampFrom<T>(T record, IScopedRecord source, IReadOnlyList<Guid> sourceGrants, AppDbContext db)
        where T : IScopedRecord =>
        Stamp(record, source.OwnerMemberId, source.OwnerAgency, new ResolvedScope(source.Scope, sourceGrants, source.SharingGroupId, source.IsDraft), db);

    /// <summary>
    /// Whether the viewer may correct (edit, withdraw, restore) a record they can see: an editor of the owner member (a
    /// key of the owner member, whose write scope the endpoint's policy checked), or a platform administrator of the RSO,
    /// who administers the platform's records. Widening who sees a record is the owner's alone (<see cref="RecordCorrections"/>).
    /// </summary>
    public static bool MayCorrect(IScopedRecord record, Viewer viewer) =>
        viewer.MemberId is { } member
        && (viewer.IsApiKey
            ? member == record.OwnerMemberId
            : (member == record.OwnerMemberId && Roles.Editors.Any(viewer.IsInRole)) || viewer.IsPlatformAdmin);
}

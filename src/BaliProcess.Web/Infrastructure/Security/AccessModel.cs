using System.Linq.Expressions;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>Who may read a restricted record, set when it is created.</summary>
public enum DistributionScope
{
    /// <summary>Only officials of the owner member who work for the owner agency.</summary>
    OwnAgency,

    /// <summary>Every official of the owner member.</summary>
    OwnMember,

    /// <summary>The owner member and the members named in <see cref="ScopeGrant"/> rows.</summary>
    NamedMembers,

    /// <summary>The owner member and the members of one <see cref="SharingGroup"/>.</summary>
    SharingGroup,

    /// <summary>Every signed-in member official.</summary>
    AllMembers,

    /// <summary>Anyone, including anonymous visitors.</summary>
    Public,
}

/// <summary>
/// A record that carries an owner and a distribution scope. Every module's restricted records implement it. The
/// owner fields are set only by <see cref="Ownership"/>, so that every module stamps them the same way.
/// </summary>
public interface IScopedRecord
{
    /// <summary>
    /// The API-key scope that opens this module's restricted records to a key (<see cref="ApiScopes.ReadScopes"/>).
    /// A key without it sees the module's public records only, on every path (queries and search tokens alike).
    /// </summary>
    static abstract string ReadScope { get; }

    Guid Id { get; }

    Guid OwnerMemberId { get; set; }

    string? OwnerAgency { get; set; }

    DistributionScope Scope { get; set; }

    Guid? SharingGroupId { get; set; }

    /// <summary>A draft is visible only to its owner (member, and agency where set) until it is published.</summary>
    bool IsDraft { get; set; }

    /// <summary>
    /// Set when the record was withdrawn: from then on only its owner member and the RSO (each only where the rest of
    /// the rule already lets them read it) see it, on every path. Set and cleared only by <see cref="RecordCorrections"/>.
    /// </summary>
    DateTime? WithdrawnAt { get; set; }

    /// <summary>Why it was withdrawn, shown to those who still see it.</summary>
    string? WithdrawnReason { get; set; }
}

/// <summary>One named member allowed to read a record whose scope is <see cref="DistributionScope.NamedMembers"/>.</summary>
public sealed class ScopeGrant
{
    public Guid RecordId { get; set; }

    public Guid MemberId { get; set; }
}

/// <summary>
/// The single access rule of the platform. It is an expression so that it runs inside every query
/// (lists, details, search, counts, exports, feeds): a record the viewer may not see never leaves the database.
/// There is no administrator bypass here; a module that lets the RSO administer its records says so in its own query.
/// An API key is narrowed by its scopes inside the rule: without the record type's <see cref="IScopedRecord.ReadScope"/>
/// it reads that type as the public does.
/// </summary>
public static class AccessRule
{
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> source, Viewer viewer, AppDbContext db)
        where T : class, IScopedRecord =>
        source.Where(Predicate<T>(viewer, db));

    public static Expression<Func<T, bool>> Predicate<T>(Viewer viewer, AppDbContext db)
        where T : class, IScopedRecord
    {
        if (viewer.MemberId is not { } member || !viewer.HasScope(T.ReadScope))
        {
            return r => r.Scope == DistributionScope.Public && !r.IsDraft && r.WithdrawnAt == null;
        }

        var agency = viewer.Agency;
        var grants = db.Set<ScopeGrant>();
        var groupMembers = db.Set<SharingGroupMember>();
        var supportOffice = db.Set<Member>().Where(m => m.Id == member && m.Kind == MemberKind.SupportOffice);
        // A withdrawn record narrows, never widens: it stays only for those of its readers who are its owner member or the RSO.
        return r =>
            (r.WithdrawnAt == null || r.OwnerMemberId == member || supportOffice.Any())
            && ((r.IsDraft
                && r.OwnerMemberId == member
                && (r.OwnerAgency == null || r.OwnerAgency == agency))
            || (!r.IsDraft
                && (r.Scope == DistributionScope.Public
                    || r.Scope == DistributionScope.AllMembers
                    || (r.OwnerMemberId == member
                        && (r.Scope != DistributionScope.OwnAgency || r.OwnerAgency == null || r.OwnerAgency == agency))
                    || (r.Scope == DistributionScope.NamedMembers
                        && grants.Any(g => g.RecordId == r.Id && g.MemberId == member))
                    || (r.Scope == DistributionScope.SharingGroup
                        && groupMembers.Any(g => g.GroupId == r.SharingGroupId && g.MemberId == member)))));
    }

    /// <summary>
    /// The same rule as tokens, for indexes kept beside the database (search): a record is visible to a viewer
    /// holding any one of its tokens. <see cref="ViewerTokensAsync"/> gives the viewer's side. Every token but the
    /// public one names the record type's read scope, so that a key's scopes narrow search exactly as they narrow queries.
    /// </summary>
    public static IReadOnlyList<string> RecordTokens<T>(T record, IEnumerable<Guid> grantedMembers)
        where T : IScopedRecord
    {
        var tokens = UnscopedTokens(record, grantedMembers);
        return tokens is [PublicToken] ? tokens : tokens.Select(t => Scoped(T.ReadScope, t)).ToList();
    }

    private static IReadOnlyList<string> UnscopedTokens(IScopedRecord record, IEnumerable<Guid> grantedMembers)
    {
        var owner = record.IsDraft || record.Scope == DistributionScope.OwnAgency
            ? AgencyToken(record.OwnerMemberId, record.OwnerAgency)
            : MemberToken(record.OwnerMemberId);
        if (record.IsDraft)
        {
            return [owner];
        }

        if (record.WithdrawnAt is not null)
        {
            // Only the owner, and the RSO where it read the record before: the RSO's side carries the "rso" prefix.
            return record.Scope switch
            {
                DistributionScope.Public or DistributionScope.AllMembers => [MemberToken(record.OwnerMemberId), SupportOfficeToken],
                DistributionScope.NamedMembers => [owner, .. grantedMembers.Select(m => SupportOffice(MemberToken(m)))],
                DistributionScope.SharingGroup when record.SharingGroupId is { } g => [owner, SupportOffice(GroupToken(g))],
                _ => [owner],
            };
        }

        return record.Scope switch
        {
            DistributionScope.Public => [PublicToken],
            DistributionScope.AllMembers => [AllMembersToken],
            DistributionScope.NamedMembers => [owner, .. grantedMembers.Select(MemberToken)],
            DistributionScope.SharingGroup when record.SharingGroupId is { } g => [owner, GroupToken(g)],
            _ => [owner],
        };
    }

    public static async Task<IReadOnlyList<string>> ViewerTokensAsync(Viewer viewer, AppDbContext db, CancellationToken cancellationToken)
    {
        if (viewer.MemberId is not { } member)
        {
            return [PublicToken];
        }

        var groups = await db.Set<SharingGroupMember>()
            .Where(g => g.MemberId == member)
            .Select(g => g.GroupId)
            .ToListAsync(cancellationToken);
        List<string> restricted = [AllMembersToken, MemberToken(member), AgencyToken(member, null)];
        if (!string.IsNullOrEmpty(viewer.Agency))
        {
            restricted.Add(AgencyToken(member, viewer.Agency));
        }

        restricted.AddRange(groups.Select(GroupToken));
        if (await db.Set<Member>().AnyAsync(m => m.Id == member && m.Kind == MemberKind.SupportOffice, cancellationToken))
        {
            restricted.AddRange([SupportOfficeToken, SupportOffice(MemberToken(member)), .. groups.Select(g => SupportOffice(GroupToken(g)))]);
        }

        return [PublicToken, .. ApiScopes.ReadScopes.Where(viewer.HasScope).SelectMany(scope => restricted.Select(t => Scoped(scope, t)))];
    }

    private static string Scoped(string readScope, string token) => $"{readScope}|{token}";

    /// <summary>A token only the RSO's officials hold: it admits them to a withdrawn record they read before.</summary>
    private static string SupportOffice(string token) => $"rso:{token}";

    private const string SupportOfficeToken = "rso";

    /// <summary>
    /// Whether everyone who may read <paramref name="inner"/> may also read <paramref name="outer"/>; used before text of
    /// one record is copied into another (a status update from an imported report). It answers false when it cannot tell
    /// from the two records alone (another owner's sharing group), so a caller refuses rather than leaks.
    /// </summary>
    public static bool Covers(IScopedRecord outer, IReadOnlyCollection<Guid> outerGrants, IScopedRecord inner, IReadOnlyCollection<Guid> innerGrants)
    {
        if (outer.WithdrawnAt is not null && inner.WithdrawnAt is null)
        {
            // A withdrawn record is read by fewer than its scope says.
            return false;
        }

        if (!outer.IsDraft && outer.Scope == DistributionScope.Public)
        {
            return true;
        }

        if (inner.IsDraft || inner.Scope is DistributionScope.OwnAgency or DistributionScope.OwnMember)
        {
            // Only officials of the inner record's owner read it: of its agency, where the rule reads the agency.
            var agency = inner.IsDraft || inner.Scope == DistributionScope.OwnAgency ? inner.OwnerAgency : null;
            return Admits(outer, outerGrants, inner.OwnerMemberId, agency);
        }

        if (outer.IsDraft)
        {
            return false;
        }

        return (outer.Scope, inner.Scope) switch
        {
            (DistributionScope.AllMembers, not DistributionScope.Public) => true,
            (DistributionScope.NamedMembers, DistributionScope.NamedMembers) =>
                outer.OwnerMemberId == inner.OwnerMemberId && innerGrants.All(outerGrants.Contains),
            (DistributionScope.SharingGroup, DistributionScope.SharingGroup) =>
                outer.OwnerMemberId == inner.OwnerMemberId && outer.SharingGroupId == inner.SharingGroupId,
            _ => false,
        };
    }

    /// <summary>Whether officials of <paramref name="member"/> (of <paramref name="agency"/> only, or of any agency when null) all read the record.</summary>
    private static bool Admits(IScopedRecord record, IReadOnlyCollection<Guid> grants, Guid member, string? agency)
    {
        var ownAgency = record.OwnerAgency == null || (agency != null && agency == record.OwnerAgency);
        if (record.IsDraft)
        {
            return record.OwnerMemberId == member && ownAgency;
        }

        return record.Scope switch
        {
            DistributionScope.Public or DistributionScope.AllMembers => true,
            DistributionScope.OwnMember => record.OwnerMemberId == member,
            DistributionScope.OwnAgency => record.OwnerMemberId == member && ownAgency,
            DistributionScope.NamedMembers => record.OwnerMemberId == member || grants.Contains(member),
            _ => record.OwnerMemberId == member,
        };
    }

    public const string PublicToken = "public";
    public const string AllMembersToken = "members";

    private static string MemberToken(Guid member) => $"member:{member:N}";

    private static string AgencyToken(Guid member, string? agency) =>
        string.IsNullOrEmpty(agency) ? $"member:{member:N}" : $"agency:{member:N}:{agency.Trim().ToUpperInvariant()}";

    private static string GroupToken(Guid group) => $"group:{group:N}";

    /// <summary>Maps the scope columns the same way for every module.</summary>
    public static void ConfigureScope<T>(EntityTypeBuilder<T> builder)
        where T : class, IScopedRecord
    {
        builder.Property(r => r.Scope).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.OwnerAgency).HasMaxLength(100);
        builder.Property(r => r.WithdrawnReason).HasMaxLength(RecordCorrections.MaxReasonLength);
        builder.HasIndex(r => new { r.OwnerMemberId, r.Scope });
    }
}

using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Infrastructure.Security;

/// <summary>
/// The access rule exists twice: as a query expression and as search-index tokens. For every scope and every kind of
/// viewer both must give the same answer, or search would show what lists hide (or the reverse).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class AccessRuleAgreementTests(SqlitePlatform platform)
{
    [Fact]
    public async Task QueryAndTokens_EveryScopeViewerAndWithdrawal_Agree()
    {
        await using var scope = platform.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var members = await db.Set<Member>().Where(m => new[] { "IDN", "AUS", "PHL", "LKA", "RSO" }.Contains(m.Code)).ToDictionaryAsync(m => m.Code, m => m.Id);
        var group = new SharingGroup { Name = $"Agreement {Guid.NewGuid():N}", OwnerMemberId = members["IDN"] };
        group.Members.Add(new SharingGroupMember { GroupId = group.Id, MemberId = members["IDN"] });
        group.Members.Add(new SharingGroupMember { GroupId = group.Id, MemberId = members["LKA"] });
        group.Members.Add(new SharingGroupMember { GroupId = group.Id, MemberId = members["RSO"] });
        db.Add(group);
        var records = new List<FocalPoint>();
        foreach (var distribution in Enum.GetValues<DistributionScope>())
        {
            foreach (var (draft, withdrawn) in new[] { (false, false), (true, false), (false, true), (true, true) })
            {
                var record = new FocalPoint
                {
                    OwnerMemberId = members["IDN"],
                    OwnerAgency = distribution == DistributionScope.OwnAgency ? "Police" : null,
                    Scope = distribution,
                    IsDraft = draft,
                    SharingGroupId = distribution == DistributionScope.SharingGroup ? group.Id : null,
                    PersonName = $"Agreement {distribution} {draft} {withdrawn}",
                    WithdrawnAt = withdrawn ? DateTime.UtcNow : null,
                    WithdrawnReason = withdrawn ? "Test" : null,
                    Role = "Test",
                };
                records.Add(record);
                db.Add(record);
                if (distribution == DistributionScope.NamedMembers)
                {
                    db.Add(new ScopeGrant { RecordId = record.Id, MemberId = members["PHL"] });
                    db.Add(new ScopeGrant { RecordId = record.Id, MemberId = members["RSO"] });
                }
            }
        }

        await db.SaveChangesAsync();
        var ids = records.Select(r => r.Id).ToList();
        Viewer[] viewers =
        [
            Viewer.Anonymous,
            Officer(members["IDN"], null), Officer(members["IDN"], "Police"), Officer(members["IDN"], "Immigration"),
            Officer(members["AUS"], null), Officer(members["PHL"], null), Officer(members["LKA"], "Police"),
            Key(members["IDN"], ApiScopes.DirectoryRead), Key(members["IDN"], ApiScopes.LibraryRead, ApiScopes.ActionsRead),
            Key(members["PHL"], ApiScopes.DirectoryRead), Key(members["LKA"], ApiScopes.DirectoryWrite),
            Officer(members["RSO"], null), Key(members["RSO"], ApiScopes.DirectoryRead), Key(members["RSO"], ApiScopes.LibraryRead),
        ];

        foreach (var viewer in viewers)
        {
            var byQuery = await db.Set<FocalPoint>().VisibleTo(viewer, db).Where(f => ids.Contains(f.Id)).Select(f => f.Id).ToListAsync();
            var tokens = await AccessRule.ViewerTokensAsync(viewer, db, default);
            var grants = await db.Set<ScopeGrant>().Where(g => ids.Contains(g.RecordId)).ToListAsync();
            var byTokens = records
                .Where(r => AccessRule.RecordTokens(r, grants.Where(g => g.RecordId == r.Id).Select(g => g.MemberId)).Intersect(tokens).Any())
                .Select(r => r.Id)
                .ToList();

            byTokens.ShouldBe(byQuery, ignoreOrder: true, $"viewer {viewer.MemberId} / {viewer.Agency}");
        }

        // And the expected shape, so that agreement on a wrong rule cannot pass: an Australian official sees only the
        // published Public and AllMembers records.
        var australia = await db.Set<FocalPoint>().VisibleTo(Officer(members["AUS"], null), db).Where(f => ids.Contains(f.Id)).ToListAsync();
        australia.Select(f => (f.Scope, f.IsDraft)).ShouldBe([(DistributionScope.AllMembers, false), (DistributionScope.Public, false)], ignoreOrder: true);

        // A withdrawn record stays for its owner member and, where the RSO read it before, the RSO; for no one else.
        var withdrawnFor = async (Viewer v) => (await db.Set<FocalPoint>().VisibleTo(v, db).Where(f => ids.Contains(f.Id) && f.WithdrawnAt != null && !f.IsDraft).ToListAsync())
            .Select(f => f.Scope).Order().ToList();
        (await withdrawnFor(Officer(members["AUS"], null))).ShouldBeEmpty();
        (await withdrawnFor(Officer(members["PHL"], null))).ShouldBeEmpty();
        (await withdrawnFor(Viewer.Anonymous)).ShouldBeEmpty();
        (await withdrawnFor(Officer(members["RSO"], null))).ShouldBe(
            [DistributionScope.NamedMembers, DistributionScope.SharingGroup, DistributionScope.AllMembers, DistributionScope.Public]);
        (await withdrawnFor(Officer(members["IDN"], null))).ShouldBe(
            [DistributionScope.OwnMember, DistributionScope.NamedMembers, DistributionScope.SharingGroup, DistributionScope.AllMembers, DistributionScope.Public]);

        // A key of the owner without directory:read reads the directory as the public does; with it, as its member does.
        var libraryKey = await db.Set<FocalPoint>().VisibleTo(Key(members["IDN"], ApiScopes.LibraryRead), db).Where(f => ids.Contains(f.Id)).ToListAsync();
        libraryKey.Select(f => (f.Scope, f.IsDraft)).ShouldBe([(DistributionScope.Public, false)]);
        var directoryKey = await db.Set<FocalPoint>().VisibleTo(Key(members["IDN"], ApiScopes.DirectoryRead), db).Where(f => ids.Contains(f.Id)).CountAsync();
        directoryKey.ShouldBe(await db.Set<FocalPoint>().VisibleTo(Officer(members["IDN"], null), db).Where(f => ids.Contains(f.Id)).CountAsync());
    }

    private static Viewer Key(Guid member, params string[] scopes) =>
        new(Guid.Empty, member, null, new HashSet<string>(), Guid.NewGuid(), scopes.ToHashSet());

    private static Viewer Officer(Guid member, string? agency) =>
        new(Guid.NewGuid(), member, agency, new HashSet<string> { Roles.MemberOfficer });
}

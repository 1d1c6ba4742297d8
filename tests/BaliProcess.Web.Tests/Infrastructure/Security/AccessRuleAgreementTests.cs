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
    public async Task QueryAndTokens_EveryScopeAndViewer_Agree()
    {
        await using var scope = platform.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var members = await db.Set<Member>().Where(m => new[] { "IDN", "AUS", "PHL", "LKA" }.Contains(m.Code)).ToDictionaryAsync(m => m.Code, m => m.Id);
        var group = new SharingGroup { Name = $"Agreement {Guid.NewGuid():N}", OwnerMemberId = members["IDN"] };
        group.Members.Add(new SharingGroupMember { GroupId = group.Id, MemberId = members["IDN"] });
        group.Members.Add(new SharingGroupMember { GroupId = group.Id, MemberId = members["LKA"] });
        db.Add(group);
        var records = new List<FocalPoint>();
        foreach (var distribution in Enum.GetValues<DistributionScope>())
        {
            foreach (var draft in new[] { false, true })
            {
                var record = new FocalPoint
                {
                    OwnerMemberId = members["IDN"],
                    OwnerAgency = distribution == DistributionScope.OwnAgency ? "Police" : null,
                    Scope = distribution,
                    IsDraft = draft,
                    SharingGroupId = distribution == DistributionScope.SharingGroup ? group.Id : null,
                    PersonName = $"Agreement {distribution} {draft}",
                    Role = "Test",
                };
                records.Add(record);
                db.Add(record);
                if (distribution == DistributionScope.NamedMembers)
                {
                    db.Add(new ScopeGrant { RecordId = record.Id, MemberId = members["PHL"] });
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

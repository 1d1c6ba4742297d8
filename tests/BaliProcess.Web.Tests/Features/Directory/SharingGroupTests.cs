using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;

namespace BaliProcess.Web.Tests.Features.Directory;

public abstract class SharingGroupTests(PlatformFactory platform)
{
    [Fact]
    public async Task CreateGroup_HiddenMembership_MembersSeeTheGroupButNotWhoElse()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);
        var name = $"Hub {Guid.NewGuid():N}";

        var created = await indonesia.PostAsJsonAsync("/api/sharing-groups", new { name, members = new[] { "LKA", "BGD" }, membershipHidden = true });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var asOwner = (await indonesia.GetFromJsonAsync<List<JsonElement>>("/api/sharing-groups"))!.Single(g => g.GetProperty("name").GetString() == name);
        asOwner.GetProperty("memberCodes").EnumerateArray().Select(c => c.GetString()).ShouldBe(["BGD", "IDN", "LKA"]);
        var lanka = await platform.SignInNewUserAsync("LKA");
        var asMember = (await lanka.GetFromJsonAsync<List<JsonElement>>("/api/sharing-groups"))!.Single(g => g.GetProperty("name").GetString() == name);
        asMember.GetProperty("memberCodes").ValueKind.ShouldBe(JsonValueKind.Null);
        var outsider = await platform.SignInNewUserAsync("NPL");
        (await outsider.GetStringAsync("/api/sharing-groups")).ShouldNotContain(name);
    }

    [Fact]
    public async Task CreateGroup_UnknownMemberOrAlone_IsRefused()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);

        var unknown = await indonesia.PostAsJsonAsync("/api/sharing-groups", new { name = "x", members = new[] { "ZZZ" } });
        var alone = await indonesia.PostAsJsonAsync("/api/sharing-groups", new { name = "y", members = new[] { "IDN" } });

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("ZZZ");
        alone.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateGroup_MemberOfficer_IsForbidden()
    {
        var officer = await platform.SignInNewUserAsync("IDN");

        (await officer.PostAsJsonAsync("/api/sharing-groups", new { name = "z", members = new[] { "AUS" } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SharingGroupSqliteTests(SqlitePlatform platform) : SharingGroupTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class SharingGroupPostgresTests(PostgresPlatform platform) : SharingGroupTests(platform);

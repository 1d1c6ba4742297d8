using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;

namespace BaliProcess.Web.Tests.Features.Directory;

/// <summary>The platform's access rule, end to end, on the first module that has restricted records.</summary>
public abstract class FocalPointAccessTests(PlatformFactory platform)
{
    private static readonly string[] Paths =
    [
        "/api/focal-points/{id}",
        "/api/focal-points",
        "/api/focal-points/export.csv",
        "/api/members/IDN",
        "/Directory/Members/IDN",
    ];

    private async Task<(Guid Id, string Marker)> CreateAsIndonesiaAsync(HttpClient indonesia, object scope)
    {
        var created = await CreateOnlyAsync(indonesia, scope);
        await platform.DrainSearchAsync();
        return created;
    }

    private static async Task<(Guid Id, string Marker)> CreateOnlyAsync(HttpClient indonesia, object scope)
    {
        var marker = $"Focal-{Guid.NewGuid():N}";
        var body = JsonSerializer.SerializeToElement(scope);
        var payload = new Dictionary<string, object?> { ["personName"] = marker, ["role"] = "National focal point", ["email"] = "fp@example.go.id" };
        foreach (var property in body.EnumerateObject())
        {
            payload[property.Name] = property.Value;
        }

        var response = await indonesia.PostAsJsonAsync("/api/focal-points", payload);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), marker);
    }

    [Fact]
    public async Task OwnMemberScope_OtherMember_CannotSeeOnAnyPath()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var australia = await platform.SignInNewUserAsync("AUS");
        var (id, marker) = await CreateAsIndonesiaAsync(indonesia, new { scope = "OwnMember" });

        await AccessProbe.AssertVisibleAsync(indonesia, id, marker, [.. Paths, $"/api/search?q={marker}", $"/Search?q={marker}"]);
        await AccessProbe.AssertInvisibleAsync(australia, id, marker, [.. Paths, $"/api/search?q={marker}", "/Search?member=IDN", "/api/search?member=IDN"]);
        await AccessProbe.AssertInvisibleAsync(platform.Anonymous(), id, marker, "/api/members/IDN", "/Directory/Members/IDN");
    }

    [Fact]
    public async Task OwnMemberScope_OtherMembersApiKey_CannotSeeOnAnyPath()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var (id, marker) = await CreateAsIndonesiaAsync(indonesia, new { scope = "OwnMember" });
        var thailandFeed = platform.WithApiKey(await platform.CreateApiKeyAsync("THA", ApiScopes.DirectoryRead));

        await AccessProbe.AssertInvisibleAsync(thailandFeed, id, marker, Paths[..3]);
        var indonesiaFeed = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.DirectoryRead));
        await AccessProbe.AssertVisibleAsync(indonesiaFeed, id, marker, Paths[..3]);
    }

    [Fact]
    public async Task OwnMemberScope_Count_ExcludesOtherMembersRecords()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var malaysia = await platform.SignInNewUserAsync("MYS");
        var before = (await malaysia.GetFromJsonAsync<JsonElement>("/api/focal-points/count")).GetProperty("count").GetInt32();

        await CreateAsIndonesiaAsync(indonesia, new { scope = "OwnMember" });

        (await malaysia.GetFromJsonAsync<JsonElement>("/api/focal-points/count")).GetProperty("count").GetInt32().ShouldBe(before);
    }

    [Fact]
    public async Task NamedMembersScope_NamedMemberSees_OthersDoNot()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var philippines = await platform.SignInNewUserAsync("PHL");
        var singapore = await platform.SignInNewUserAsync("SGP");
        var (id, marker) = await CreateAsIndonesiaAsync(indonesia, new { scope = "NamedMembers", namedMembers = new[] { "PHL" } });

        await AccessProbe.AssertVisibleAsync(philippines, id, marker, [.. Paths, $"/api/search?q={marker}"]);
        await AccessProbe.AssertInvisibleAsync(singapore, id, marker, [.. Paths, $"/api/search?q={marker}"]);
    }

    [Fact]
    public async Task SharingGroupScope_GroupMemberSees_OthersDoNot()
    {
        var indonesia = await platform.CreateUserAsync("IDN");
        var groupId = await platform.WithDbAsync(async db =>
        {
            var members = db.Set<BaliProcess.Web.Features.Directory.Member>();
            var ids = members.Where(m => m.Code == "IDN" || m.Code == "LKA").Select(m => m.Id).ToList();
            var group = new SharingGroup { Name = $"Hub {Guid.NewGuid():N}", OwnerMemberId = indonesia.MemberId, MembershipHidden = true };
            group.Members.AddRange(ids.Select(i => new SharingGroupMember { GroupId = group.Id, MemberId = i }));
            db.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });
        var (id, marker) = await CreateAsIndonesiaAsync(await platform.SignInAsync(indonesia), new { scope = "SharingGroup", sharingGroupId = groupId });

        await AccessProbe.AssertVisibleAsync(await platform.SignInNewUserAsync("LKA"), id, marker, Paths);
        await AccessProbe.AssertInvisibleAsync(await platform.SignInNewUserAsync("NPL"), id, marker, Paths);
    }

    [Fact]
    public async Task SharingGroupScope_GroupCreatorIsNotIn_IsRejected()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var foreignGroup = await platform.WithDbAsync(async db =>
        {
            var group = new SharingGroup { Name = $"Other {Guid.NewGuid():N}", OwnerMemberId = Guid.NewGuid() };
            db.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });

        var response = await indonesia.PostAsJsonAsync("/api/focal-points", new { personName = "X", role = "Y", scope = "SharingGroup", sharingGroupId = foreignGroup });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("sharing group");
    }

    [Fact]
    public async Task OwnAgencyScope_SameMemberOtherAgency_CannotSee()
    {
        var police = await platform.SignInNewUserAsync("IDN", agency: "Police");
        var immigration = await platform.SignInNewUserAsync("IDN", agency: "Immigration");
        var (id, marker) = await CreateAsIndonesiaAsync(police, new { scope = "OwnAgency" });

        await AccessProbe.AssertVisibleAsync(await platform.SignInNewUserAsync("IDN", agency: "Police"), id, marker, Paths[..2]);
        await AccessProbe.AssertInvisibleAsync(immigration, id, marker, Paths);
    }

    [Fact]
    public async Task Draft_OtherOfficialsOfAllMembers_CannotSeeUntilPublished()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var (id, marker) = await CreateAsIndonesiaAsync(indonesia, new { scope = "AllMembers", draft = true });

        await AccessProbe.AssertInvisibleAsync(await platform.SignInNewUserAsync("FJI"), id, marker, [.. Paths, $"/api/search?q={marker}"]);
    }

    [Fact]
    public async Task PublicScope_Anonymous_SeesOnMemberPage()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var (_, marker) = await CreateAsIndonesiaAsync(indonesia, new { scope = "Public" });

        (await platform.Anonymous().GetStringAsync("/Directory/Members/IDN")).ShouldContain(marker);
    }

    [Fact]
    public async Task CreateFocalPoint_NoScope_AnswersValidationProblemAndStoresNothing()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var marker = $"NoScope-{Guid.NewGuid():N}";

        var response = await indonesia.PostAsJsonAsync("/api/focal-points", new { personName = marker, role = "Delegate" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Choose who may see this record");
        (await indonesia.GetStringAsync("/api/focal-points")).ShouldNotContain(marker);
    }

    [Fact]
    public async Task CreateFocalPoint_ApiKeyWithoutWriteScope_IsForbidden()
    {
        var feed = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.DirectoryRead));

        var response = await feed.PostAsJsonAsync("/api/focal-points", new { personName = "X", role = "Y", scope = "Public" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FocalPointForm_MissingName_ShowsErrorOnTheForm()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var page = await indonesia.GetStringAsync("/Directory/FocalPoints/New");

        var response = await indonesia.PostAsync("/Directory/FocalPoints/New", PlatformFactory.Form(page, ("Form.Role", "Delegate"), ("Form.Scope", "Public")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("There is a problem");
        html.ShouldContain("Name is required.");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FocalPointAccessSqliteTests(SqlitePlatform platform) : FocalPointAccessTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class FocalPointAccessPostgresTests(PostgresPlatform platform) : FocalPointAccessTests(platform);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Library;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Infrastructure.Security;

/// <summary>Roles gate who may create focal points; API-key scopes narrow what a key's member sees, on every path.</summary>
public abstract class RoleAndScopeTests(PlatformFactory platform)
{
    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Oversight)]
    [InlineData(null)]
    public async Task CreateFocalPoint_ReaderRoleOrNoRole_IsForbiddenOnApiAndPageAndStoresNothing(string? role)
    {
        var reader = await platform.SignInNewUserAsync("IDN", role is null ? [] : [role]);
        var marker = LibraryFiles.Marker("Reader");

        var api = await reader.PostAsJsonAsync("/api/focal-points", new { personName = marker, role = "Liaison", scope = "Public" });
        var page = await reader.GetAsync("/Directory/FocalPoints/New");
        var post = await reader.PostAsync("/Directory/FocalPoints/New", new FormUrlEncodedContent([new("Form.PersonName", marker), new("Form.Role", "Liaison")]));

        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Content.ReadAsStringAsync()).ShouldContain("analysts and oversight readers only read");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.ShouldContain("/Accounts/Denied");
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        post.Headers.Location!.OriginalString.ShouldContain("/Accounts/Denied");
        (await platform.WithDbAsync(db => db.Set<FocalPoint>().CountAsync(f => f.PersonName == marker))).ShouldBe(0);
    }

    [Fact]
    public async Task CreateFocalPoint_OfficerOrWriteKey_IsCreated_ReadKeyIsForbidden()
    {
        var officer = await platform.SignInNewUserAsync("IDN", [Roles.MemberOfficer]);
        var writeKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.DirectoryWrite));
        var readKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.DirectoryRead));

        (await officer.PostAsJsonAsync("/api/focal-points", new { personName = LibraryFiles.Marker("Officer"), role = "Liaison", scope = "Public" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await writeKey.PostAsJsonAsync("/api/focal-points", new { personName = LibraryFiles.Marker("Feed"), role = "Liaison", scope = "Public" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var refused = await readKey.PostAsJsonAsync("/api/focal-points", new { personName = LibraryFiles.Marker("Read"), role = "Liaison", scope = "Public" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("directory:write");
    }

    [Fact]
    public async Task RestrictedDocument_KeyWithoutLibraryRead_CannotFindItThroughSearchOrAnyPath()
    {
        var officer = await platform.SignInNewUserAsync("IDN", [Roles.MemberOfficer]);
        var marker = LibraryFiles.Marker("Scoped");
        var id = await LibraryFiles.ImportAsync(officer, $"note-{marker}.txt", System.Text.Encoding.UTF8.GetBytes($"Internal note {marker} on border cooperation."), "OwnMember");
        await platform.DrainSearchAsync();
        var directoryKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.DirectoryRead, ApiScopes.ActionsRead));
        var libraryKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.LibraryRead));
        string[] paths = [$"/api/search?q={marker}", "/api/documents/{id}", "/api/documents/{id}/file", "/api/documents", $"/api/search?member=IDN&q={marker}"];

        await AccessProbe.AssertInvisibleAsync(directoryKey, id, marker, paths);
        await AccessProbe.AssertVisibleAsync(libraryKey, id, marker, $"/api/search?q={marker}", "/api/documents/{id}");
        // Keys are for /api only: the pages refuse them outright, whatever their scopes.
        (await directoryKey.GetAsync($"/Library/Documents/{id}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        (await libraryKey.GetAsync($"/Search?q={marker}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        (await directoryKey.GetFromJsonAsync<JsonElement>($"/api/search?q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);
        (await libraryKey.GetFromJsonAsync<JsonElement>($"/api/search?q={marker}")).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task RestrictedFocalPoint_KeyWithoutDirectoryRead_SeesOnlyPublicFocalPointsInTheDirectory()
    {
        var officer = await platform.SignInNewUserAsync("IDN", [Roles.MemberOfficer]);
        var marker = LibraryFiles.Marker("Contact");
        var created = await officer.PostAsJsonAsync("/api/focal-points", new { personName = marker, role = "Liaison", scope = "AllMembers" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await platform.DrainSearchAsync();
        var libraryKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.LibraryRead, ApiScopes.LibraryWrite));
        var directoryKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.DirectoryRead));

        await AccessProbe.AssertInvisibleAsync(libraryKey, id, marker, "/api/members/IDN", $"/api/search?q={marker}");
        await AccessProbe.AssertVisibleAsync(directoryKey, id, marker, "/api/members/IDN", $"/api/search?q={marker}", "/api/focal-points/{id}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RoleAndScopeSqliteTests(SqlitePlatform platform) : RoleAndScopeTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class RoleAndScopePostgresTests(PostgresPlatform platform) : RoleAndScopeTests(platform);

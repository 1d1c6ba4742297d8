using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Library;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Features.Directory;

/// <summary>The start-up fill of bodies' memberships from reference facts and from the public meetings imported from the seeds.</summary>
public abstract class BodyMembershipFillTests(SeededPlatform platform)
{
    private async Task<List<JsonElement>> MembersOfAsync(string body) =>
        [.. (await platform.Anonymous().GetFromJsonAsync<JsonElement>($"/api/bodies/{body}")).GetProperty("members").EnumerateArray()];

    [Fact]
    public async Task AdHocGroup_AfterSeedImport_HasTheAttendeesOfItsFirstMeetingSinceThatDay()
    {
        var members = await MembersOfAsync("AHG");

        var malaysia = members.Single(m => m.GetProperty("code").GetString() == "MYS");
        malaysia.GetProperty("role").GetString().ShouldBe("Member");
        malaysia.GetProperty("since").GetString().ShouldBe("2009-07-27");
        members.Select(m => m.GetProperty("code").GetString()).ShouldContain("UNODC");
        // The ASEAN Secretariat attended as an observer: not a member of the group.
        members.Select(m => m.GetProperty("code").GetString()).ShouldNotContain("ASEAN");
        members.Where(m => m.GetProperty("role").GetString() == "Chair").Select(m => m.GetProperty("code").GetString()).ShouldBe(["AUS", "IDN"], ignoreOrder: true);
    }

    [Fact]
    public async Task WorkingGroupsAndTaskForce_AfterStart_HaveTheMembersTheFactsGive()
    {
        (await MembersOfAsync("WG-D")).Select(m => m.GetProperty("code").GetString()).ShouldContain("MYS");
        (await MembersOfAsync("TEG-RR")).Select(m => m.GetProperty("code").GetString()).ShouldContain("AUS");
        (await MembersOfAsync("TFPP")).Select(m => m.GetProperty("code").GetString()).ShouldBe(["IOM", "RSO", "UNHCR"], ignoreOrder: true);
    }

    [Fact]
    public async Task Fill_AfterAnAdministratorRemovedAMembership_DoesNotAddItAgain()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        (await admin.PostAsJsonAsync("/api/bodies/WG-D/members/MDV/remove", new { reason = "Not a member of the working group" })).EnsureSuccessStatusCode();

        await using (var scope = platform.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<BodyMembershipFill>().FillAsync(default);
        }

        (await MembersOfAsync("WG-D")).Select(m => m.GetProperty("code").GetString()).ShouldNotContain("MDV");
        (await MembersOfAsync("AHG")).Select(m => m.GetProperty("code").GetString()).ShouldContain("MDV");
    }
}

[Collection(SeededSqliteCollection.Name)]
public sealed class BodyMembershipFillSqliteTests(SeededSqlitePlatform platform) : BodyMembershipFillTests(platform);

[Collection(SeededPostgresCollection.Name)]
public sealed class BodyMembershipFillPostgresTests(SeededPostgresPlatform platform) : BodyMembershipFillTests(platform);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Directory;

/// <summary>Corrections of members and bodies through the API: reason, history, audit in the same save, and refusals that store nothing.</summary>
public abstract class DirectoryCorrectionTests(PlatformFactory platform)
{
    private async Task<HttpClient> AdminAsync() => await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);

    /// <summary>An organisation of its own, so that renaming it disturbs no other test.</summary>
    private async Task<string> NewMemberAsync(HttpClient admin)
    {
        var code = "X" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var created = await admin.PostAsJsonAsync("/api/members", new { code, kind = "ObserverOrganisation", name = $"Organisation {code}", variants = new[] { "Old name" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return code;
    }

    private Task<Member> MemberAsync(string code) => platform.WithDbAsync(db => db.Set<Member>().AsNoTracking().SingleAsync(m => m.Code == code));

    private Task<int> HistoryCountAsync() => platform.WithDbAsync(db => db.Set<DirectoryChange>().CountAsync());

    [Fact]
    public async Task CorrectMember_ValidInput_ChangesTheMemberKeepsHistoryAndAudits()
    {
        var admin = await AdminAsync();
        var code = await NewMemberAsync(admin);

        var response = await admin.PutAsJsonAsync($"/api/members/{code}", new { name = $"Renamed {code}", variants = new[] { "New name", "Other" }, memberSince = 2010, reason = "Name corrected after the member's note" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var member = await MemberAsync(code);
        member.Name.ShouldBe($"Renamed {code}");
        member.Variants.ShouldBe(["New name", "Other"]);
        member.MemberSince.ShouldBe(2010);
        var history = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/members/{code}/history");
        history!.Select(h => h.GetProperty("field").GetString()).ShouldBe(["name", "variants", "memberSince"], ignoreOrder: true);
        history!.ShouldAllBe(h => h.GetProperty("reason").GetString() == "Name corrected after the member's note");
        history!.Single(h => h.GetProperty("field").GetString() == "name").GetProperty("oldValue").GetString().ShouldBe($"Organisation {code}");
        var audit = await platform.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Action == "directory.member.correct" && a.SubjectId == code));
        audit.Detail!.ShouldContain("reason: Name corrected");
        audit.SubjectMemberId.ShouldBe(member.Id);
    }

    [Theory]
    [InlineData("", "a reason", "name", "Name is required.")]
    [InlineData("A name", "", "reason", "Give the reason for the correction")]
    [InlineData("A name", "   ", "reason", "Give the reason for the correction")]
    public async Task CorrectMember_MissingNameOrReason_AnswersWhichFieldAndStoresNothing(string name, string reason, string field, string message)
    {
        var admin = await AdminAsync();
        var code = await NewMemberAsync(admin);
        var before = await HistoryCountAsync();

        var response = await admin.PutAsJsonAsync($"/api/members/{code}", new { name, reason });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain(message);
        (await MemberAsync(code)).Name.ShouldBe($"Organisation {code}");
        (await HistoryCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task CorrectMember_NameOfAnotherMember_AnswersConflictAndStoresNothing()
    {
        var admin = await AdminAsync();
        var code = await NewMemberAsync(admin);

        var response = await admin.PutAsJsonAsync($"/api/members/{code}", new { name = "Indonesia", reason = "typo" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await MemberAsync(code)).Name.ShouldBe($"Organisation {code}");
    }

    [Fact]
    public async Task CorrectMember_UnknownCode_AnswersNotFound()
    {
        var admin = await AdminAsync();

        var response = await admin.PutAsJsonAsync("/api/members/NOPE", new { name = "x", reason = "y" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.MemberOfficer)]
    [InlineData(Roles.MemberAdmin)]
    public async Task CorrectMember_MemberEditorOfAnotherMember_IsRefusedAndNothingChanges(string role)
    {
        var admin = await AdminAsync();
        var code = await NewMemberAsync(admin);
        var official = await platform.SignInNewUserAsync("IDN", [role]);

        var response = await official.PutAsJsonAsync($"/api/members/{code}", new { name = "Taken over", reason = "mine now" });
        var membership = await official.PutAsJsonAsync($"/api/bodies/TEWG/members/{code}", new { role = "Chair", reason = "mine now" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        membership.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await MemberAsync(code)).Name.ShouldBe($"Organisation {code}");
    }

    [Fact]
    public async Task SetMembership_NewMemberWithDates_AddsItWithHistoryThenChangesAndRemovesIt()
    {
        var admin = await AdminAsync();
        var code = await NewMemberAsync(admin);

        var added = await admin.PutAsJsonAsync($"/api/bodies/TEWG/members/{code}", new { role = "Member", since = "2012-03-01", reason = "Joined at the 2012 meeting" });
        added.StatusCode.ShouldBe(HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
        var body = await added.Content.ReadFromJsonAsync<JsonElement>();
        var row = body.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("code").GetString() == code);
        row.GetProperty("since").GetString().ShouldBe("2012-03-01");
        row.GetProperty("role").GetString().ShouldBe("Member");

        var ended = await admin.PutAsJsonAsync($"/api/bodies/TEWG/members/{code}", new { role = "Chair", since = "2012-03-01", until = "2014-10-31", reason = "Chaired until the group went dormant" });
        ended.StatusCode.ShouldBe(HttpStatusCode.OK);
        var detail = await platform.Anonymous().GetFromJsonAsync<JsonElement>("/api/bodies/TEWG");
        var endedRow = detail.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("code").GetString() == code);
        endedRow.GetProperty("current").GetBoolean().ShouldBeFalse();
        detail.GetProperty("body").GetProperty("chairs").EnumerateArray().Select(c => c.GetString()).ShouldNotContain($"Organisation {code}");

        var removed = await admin.PostAsJsonAsync($"/api/bodies/TEWG/members/{code}/remove", new { reason = "Recorded in error" });
        removed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = await admin.GetFromJsonAsync<List<JsonElement>>("/api/bodies/TEWG/history");
        var mine = history!.Where(h => h.GetProperty("field").GetString() == $"membership:{code}").ToList();
        mine.Count.ShouldBe(3);
        mine[0].GetProperty("newValue").ValueKind.ShouldBe(JsonValueKind.Null);
        mine[0].GetProperty("oldValue").GetString().ShouldBe("Chair from 2012-03-01 until 2014-10-31");
        var memberId = (await MemberAsync(code)).Id;
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action.StartsWith("directory.body.membership.") && a.SubjectId == "TEWG" && a.SubjectMemberId == memberId))).ShouldBe(3);
    }

    [Fact]
    public async Task SetMembership_EndDateBeforeStartDate_AnswersUntilAndStoresNothing()
    {
        var admin = await AdminAsync();
        var code = await NewMemberAsync(admin);
        var before = await HistoryCountAsync();

        var response = await admin.PutAsJsonAsync($"/api/bodies/TEWG/members/{code}", new { role = "Member", since = "2015-01-01", until = "2014-12-31", reason = "dates" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("until")[0].GetString()!.ShouldContain("before the start date");
        (await platform.WithDbAsync(db => db.Set<BodyMembership>().CountAsync(m => m.Member!.Code == code))).ShouldBe(0);
        (await HistoryCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task SetMembership_UnknownMemberOrMissingRole_AnswersWhichAndStoresNothing()
    {
        var admin = await AdminAsync();
        var before = await HistoryCountAsync();

        var unknown = await admin.PutAsJsonAsync("/api/bodies/TEWG/members/ZZZZZZ", new { role = "Member", reason = "new" });
        var noRole = await admin.PutAsJsonAsync("/api/bodies/TEWG/members/IDN", new { reason = "new" });
        var unknownBody = await admin.PutAsJsonAsync("/api/bodies/NOPE/members/IDN", new { role = "Member", reason = "new" });

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("member")[0].GetString()!.ShouldContain("There is no member with code 'ZZZZZZ'");
        noRole.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noRole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("role")[0].GetString()!.ShouldContain("Role is required");
        unknownBody.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await HistoryCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task RemoveMembership_NotRecorded_AnswersNotFoundAndStoresNothing()
    {
        var admin = await AdminAsync();
        var code = await NewMemberAsync(admin);
        var before = await HistoryCountAsync();

        var response = await admin.PostAsJsonAsync($"/api/bodies/TEWG/members/{code}/remove", new { reason = "never there" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await HistoryCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task CorrectBody_NewVariant_IsStoredWithHistory()
    {
        var admin = await AdminAsync();
        var variant = $"AHEG Two {Guid.NewGuid():N}"[..20];
        var current = await platform.Anonymous().GetFromJsonAsync<JsonElement>("/api/bodies/AHEG-II");
        var variants = current.GetProperty("variants").EnumerateArray().Select(v => v.GetString()!).Append(variant).ToArray();

        var response = await admin.PutAsJsonAsync("/api/bodies/AHEG-II", new { name = current.GetProperty("body").GetProperty("name").GetString(), variants, reason = "Name used in a 2003 report" });
        var empty = await admin.PutAsJsonAsync("/api/bodies/AHEG-II", new { name = " ", variants, reason = "blank" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("variants").EnumerateArray().Select(v => v.GetString()).ShouldContain(variant);
        var history = await admin.GetFromJsonAsync<List<JsonElement>>("/api/bodies/AHEG-II/history");
        history!.ShouldContain(h => h.GetProperty("field").GetString() == "variants" && h.GetProperty("newValue").GetString()!.Contains(variant));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task History_Anonymous_IsRefused()
    {
        var response = await platform.Anonymous().GetAsync("/api/bodies/TEWG/history");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DirectoryCorrectionSqliteTests(SqlitePlatform platform) : DirectoryCorrectionTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class DirectoryCorrectionPostgresTests(PostgresPlatform platform) : DirectoryCorrectionTests(platform);

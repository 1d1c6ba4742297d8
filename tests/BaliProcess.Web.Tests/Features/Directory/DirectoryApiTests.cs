using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Directory;

public abstract class DirectoryApiTests(PlatformFactory platform)
{
    [Fact]
    public async Task Members_FreshInstallation_ListsTodaysMembership()
    {
        var members = await platform.Anonymous().GetFromJsonAsync<List<JsonElement>>("/api/members");

        var byKind = members!.GroupBy(m => m.GetProperty("kind").GetString()).ToDictionary(g => g.Key!, g => g.Select(m => m.GetProperty("code").GetString()!).ToList());
        byKind["MemberState"].Count.ShouldBe(45);
        byKind["MemberOrganisation"].ShouldBe(["ILO", "IOM", "UNHCR", "UNODC"], ignoreOrder: true);
        byKind["MemberState"].ShouldContain("IDN");
        byKind["MemberState"].ShouldContain("VNM");
        byKind["MemberState"].ShouldContain("TUR");
        byKind["ObserverOrganisation"].ShouldContain("ASEAN");
        var vietNam = members!.Single(m => m.GetProperty("code").GetString() == "VNM");
        vietNam.GetProperty("name").GetString().ShouldBe("Viet Nam");
        vietNam.GetProperty("variants").EnumerateArray().Select(v => v.GetString()).ShouldContain("Vietnam");
    }

    [Fact]
    public async Task Bodies_FreshInstallation_ListsCurrentAndHistoricalBodies()
    {
        var bodies = await platform.Anonymous().GetFromJsonAsync<List<JsonElement>>("/api/bodies");

        var codes = bodies!.Select(b => b.GetProperty("code").GetString()).ToList();
        codes.ShouldContain("AHG");
        codes.ShouldContain("SG");
        codes.ShouldContain("WG-TIP");
        codes.ShouldContain("WG-D");
        codes.ShouldContain("TEG-RR");
        codes.ShouldContain("TFPP");
        codes.ShouldContain("GABF");
        codes.ShouldContain("RSO");
        codes.ShouldContain("AHEG-I");
        codes.ShouldContain("AHEG-II");
        codes.ShouldContain("TEWG");
        bodies!.Single(b => b.GetProperty("code").GetString() == "TEWG").GetProperty("status").GetString().ShouldBe("Dormant");
        var coChairs = await platform.Anonymous().GetFromJsonAsync<JsonElement>("/api/bodies/CO-CHAIRS");
        coChairs.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ShouldBe(["AUS", "IDN"], ignoreOrder: true);
    }

    [Fact]
    public async Task DirectoryPage_IndonesianCulture_RendersInBahasaIndonesia()
    {
        var html = await platform.Anonymous().GetStringAsync("/Directory?culture=id");

        html.ShouldContain("<html lang=\"id\">");
        html.ShouldContain("Anggota dan peninjau");
        html.ShouldContain("Negara anggota");
    }

    [Fact]
    public async Task MemberDetail_UnknownCode_AnswersProblemDetails404()
    {
        var response = await platform.Anonymous().GetAsync("/api/members/XYZ");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task DirectoryPages_Anonymous_RenderMembersAndBodies()
    {
        var client = platform.Anonymous();

        (await client.GetStringAsync("/Directory")).ShouldContain("Viet Nam");
        (await client.GetStringAsync("/Directory/Members/IDN")).ShouldContain("Indonesia");
        (await client.GetStringAsync("/Directory/Bodies")).ShouldContain("Task Force on Planning and Preparedness");
        (await client.GetStringAsync("/Directory/Bodies/AHG")).ShouldContain("Ad Hoc Group");
    }

    [Fact]
    public async Task CreateMember_InvalidIsoCode_AnswersValidationProblemAndStoresNothing()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var before = await platform.WithDbAsync(db => db.Set<Member>().CountAsync());

        var response = await admin.PostAsJsonAsync("/api/members", new { code = "QQQ", kind = "MemberState", name = "Nowhere Land" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("code")[0].GetString()!.ShouldContain("QQQ");
        (await platform.WithDbAsync(db => db.Set<Member>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task CreateMember_MalformedCode_AnswersValidationProblem()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);

        var response = await admin.PostAsJsonAsync("/api/members", new { code = "id", kind = "ObserverState", name = "Somewhere" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ISO 3166-1 alpha-3");
    }

    [Fact]
    public async Task CreateMember_DuplicateCode_AnswersConflictAndStoresNothing()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var before = await platform.WithDbAsync(db => db.Set<Member>().CountAsync());

        var response = await admin.PostAsJsonAsync("/api/members", new { code = "IDN", kind = "MemberState", name = "Indonesia again" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("already exists");
        (await platform.WithDbAsync(db => db.Set<Member>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task CreateMember_ValidObserverState_IsListed()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var code = platform.Provider == BaliProcess.Web.Infrastructure.Data.DatabaseProvider.Sqlite ? "ISL" : "EST";

        var response = await admin.PostAsJsonAsync("/api/members", new { code, kind = "ObserverState", name = $"Observer {code}", memberSince = 2010 });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await platform.Anonymous().GetStringAsync("/api/members?kind=ObserverState")).ShouldContain(code);
        var audit = await platform.WithDbAsync(db => db.Set<BaliProcess.Web.Features.Audit.AuditEntry>().AnyAsync(a => a.Action == "directory.member.create" && a.SubjectId == code));
        audit.ShouldBeTrue();
    }

    [Fact]
    public async Task CreateMember_MemberOfficer_IsForbidden()
    {
        var officer = await platform.SignInNewUserAsync("AUS");

        var response = await officer.PostAsJsonAsync("/api/members", new { code = "NOR", kind = "ObserverState", name = "Norway" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateMember_MalformedJson_AnswersProblemDetails400()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var before = await platform.WithDbAsync(db => db.Set<Member>().CountAsync());

        var response = await admin.PostAsync("/api/members", new StringContent("{\"code\": \"URY\", \"kind\": \"ObserverState\", \"name\": \"Uruguay\", ", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await platform.WithDbAsync(db => db.Set<Member>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task CreateMember_OversizedBody_AnswersProblemDetails413()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var before = await platform.WithDbAsync(db => db.Set<Member>().CountAsync());
        var huge = new string('a', 31 * 1024 * 1024);

        var response = await admin.PostAsync("/api/members", new StringContent($"{{\"code\":\"PRY\",\"kind\":\"ObserverState\",\"name\":\"{huge}\"}}", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("larger than the 30 MB this platform accepts");
        (await platform.WithDbAsync(db => db.Set<Member>().CountAsync())).ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DirectoryApiSqliteTests(SqlitePlatform platform) : DirectoryApiTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class DirectoryApiPostgresTests(PostgresPlatform platform) : DirectoryApiTests(platform);

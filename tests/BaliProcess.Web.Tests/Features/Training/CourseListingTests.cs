using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Training;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Training;

/// <summary>Providers list courses and sessions; readers find them; only the provider changes them (issue 10, first slice).</summary>
public abstract class CourseListingTests(PlatformFactory platform)
{
    private static string Marker() => $"Course-{Guid.NewGuid():N}";

    [Fact]
    public async Task FirstStart_SeedsInstitutionsCoursesAndSessions_MarkedAsImported()
    {
        var jclec = await platform.WithDbAsync(db => db.Set<Member>().SingleAsync(m => m.Code == "JCLEC"));
        jclec.Kind.ShouldBe(MemberKind.TrainingInstitution);
        jclec.Country.ShouldBe("IDN");
        var indonesia = await platform.WithDbAsync(db => db.Set<Member>().SingleAsync(m => m.Code == "IDN"));
        jclec.BelongsToMemberId.ShouldBe(indonesia.Id);

        var list = await platform.Anonymous().GetFromJsonAsync<JsonElement>("/api/training/courses?provider=CIFAL-JEJU");
        var course = list.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("title").GetString()!.StartsWith("Enhancing a Victim Centred Approach", StringComparison.Ordinal));
        course.GetProperty("importedFrom").GetString()!.ShouldContain("progress report 2017");
        var detail = await platform.Anonymous().GetFromJsonAsync<JsonElement>($"/api/training/courses/{course.GetProperty("id").GetGuid()}");
        var starts = detail.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("startDate").GetString()).ToList();
        starts.ShouldBe(["2017-04-04", "2017-11-21"]);
        var maritime = await platform.Anonymous().GetFromJsonAsync<JsonElement>("/api/training/courses?theme=maritime-irregular-movements&from=2017-10-01&to=2017-10-31");
        maritime.GetProperty("items").EnumerateArray().ShouldContain(c => c.GetProperty("title").GetString()!.Contains("irregular maritime movements", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateCourse_ByProvider_IsFoundByThemeAudienceLanguageAndDelivery()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var marker = Marker();
        var id = await TrainingTestSupport.CreateCourseAsync(indonesia, marker);
        await TrainingTestSupport.AddSessionAsync(indonesia, id);

        var anonymous = platform.Anonymous();
        var found = await anonymous.GetStringAsync("/api/training/courses?theme=trafficking-in-persons&audience=investigators&language=id&delivery=Blended&provider=IDN&country=IDN&from=2027-03-04&to=2027-03-10&pageSize=100");
        found.ShouldContain(marker);
        (await anonymous.GetStringAsync("/api/training/courses?theme=civil-registration&provider=IDN&pageSize=100")).ShouldNotContain(marker);
        (await anonymous.GetStringAsync("/api/training/courses?language=th&provider=IDN&pageSize=100")).ShouldNotContain(marker);
        (await anonymous.GetStringAsync("/api/training/courses?provider=IDN&from=2027-04-01&pageSize=100")).ShouldNotContain(marker);
        (await anonymous.GetStringAsync("/Training?theme=trafficking-in-persons&language=id&provider=IDN&pageSize=100")).ShouldContain(marker);
        var page = await anonymous.GetStringAsync($"/Training/Courses/{id}");
        page.ShouldContain(marker);
        page.ShouldContain("Bangkok, Thailand");
    }

    [Fact]
    public async Task OwnMemberCourse_OtherMember_CannotSeeOnAnyPath()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var australia = await platform.SignInNewUserAsync("AUS");
        var marker = Marker();
        var id = await TrainingTestSupport.CreateCourseAsync(indonesia, marker, "OwnMember");
        await platform.DrainSearchAsync();
        string[] paths = ["/api/training/courses/{id}", "/Training/Courses/{id}", "/api/training/courses?pageSize=100&provider=IDN", "/Training?provider=IDN&pageSize=100",
            $"/api/search?q={marker}"];

        // The search page echoes the query in its box, so it is probed through the API (same index, same tokens) for the invisible side.
        await AccessProbe.AssertVisibleAsync(indonesia, id, marker, [.. paths, $"/Search?q={marker}"]);
        await AccessProbe.AssertInvisibleAsync(australia, id, marker, paths);
        await AccessProbe.AssertInvisibleAsync(platform.Anonymous(), id, marker, paths);
        var keyWithoutTraining = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.LibraryRead));
        await AccessProbe.AssertInvisibleAsync(keyWithoutTraining, id, marker, "/api/training/courses/{id}", "/api/training/courses?pageSize=100&provider=IDN", $"/api/search?q={marker}");
        var keyWithTraining = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.TrainingRead));
        await AccessProbe.AssertVisibleAsync(keyWithTraining, id, marker, "/api/training/courses/{id}");
    }

    [Fact]
    public async Task UpdateCourse_OtherProvider_IsForbiddenAndNothingChanges()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var australia = await platform.SignInNewUserAsync("AUS");
        var marker = Marker();
        var id = await TrainingTestSupport.CreateCourseAsync(indonesia, marker);

        var response = await australia.PutAsJsonAsync($"/api/training/courses/{id}", TrainingTestSupport.Course("Taken over", "Public", ("reason", "mine now")));
        var session = await australia.PostAsJsonAsync($"/api/training/courses/{id}/sessions", TrainingTestSupport.Session());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
        session.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await platform.WithDbAsync(db => db.Set<Course>().SingleAsync(c => c.Id == id))).Title.ShouldBe(marker);
        (await platform.WithDbAsync(db => db.Set<CourseSession>().CountAsync(s => s.CourseId == id))).ShouldBe(0);
        var editPage = await australia.GetStringAsync($"/Training/Courses/{id}/Edit");
        editPage.ShouldContain("Only the editors of Indonesia");
    }

    [Fact]
    public async Task UpdateCourse_OwnProvider_ChangesWithReasonInHistory()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var marker = Marker();
        var id = await TrainingTestSupport.CreateCourseAsync(indonesia, marker);

        var noReason = await indonesia.PutAsJsonAsync($"/api/training/courses/{id}", TrainingTestSupport.Course(marker + " v2"));
        var response = await indonesia.PutAsJsonAsync($"/api/training/courses/{id}", TrainingTestSupport.Course(marker + " v2", "Public", ("reason", "New title agreed")));

        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("reason");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var history = await indonesia.GetStringAsync($"/Training/Courses/{id}");
        history.ShouldContain("New title agreed");
        (await platform.WithDbAsync(db => db.Set<BaliProcess.Web.Features.Audit.AuditEntry>().CountAsync(a => a.Action == TrainingAudit.CourseEdited && a.SubjectId == id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task CreateCourse_ApiKeyScopes_WriteNeedsTrainingWrite()
    {
        var reader = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.TrainingRead));
        var writer = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.TrainingRead, ApiScopes.TrainingWrite));
        var marker = Marker();

        (await reader.PostAsJsonAsync("/api/training/courses", TrainingTestSupport.Course(marker))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var created = await writer.PostAsJsonAsync("/api/training/courses", TrainingTestSupport.Course(marker));

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("provider").GetProperty("code").GetString().ShouldBe("IDN");
    }

    [Fact]
    public async Task CoursePages_NewCourseAndSession_WorkWithoutJavaScriptInBahasaIndonesia()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var marker = Marker();
        var form = await indonesia.GetStringAsync("/Training/Courses/New?culture=id");
        form.ShouldContain("Daftarkan kursus");

        var invalid = await indonesia.PostAsync("/Training/Courses/New?culture=id", PlatformFactory.Form(form, ("Form.Summary", "x")));
        var invalidHtml = await invalid.Content.ReadAsStringAsync();
        invalidHtml.ShouldContain("Pilih setidaknya satu tema.");
        var created = await indonesia.PostAsync("/Training/Courses/New", PlatformFactory.Form(form,
            ("Form.Title", marker), ("Form.Summary", "For investigators."), ("Form.Themes", "people-smuggling"), ("Form.Audiences", "investigators"),
            ("Form.Level", "Introductory"), ("Form.Delivery", "Online"), ("Form.Languages", "en, km"), ("Form.Scope", "Public")));

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var coursePath = created.Headers.Location!.OriginalString.Split('?')[0];
        var sessionForm = await indonesia.GetStringAsync($"{coursePath}/Sessions/New");
        var session = await indonesia.PostAsync($"{coursePath}/Sessions/New", PlatformFactory.Form(sessionForm,
            ("Form.StartDate", "2027-05-10"), ("Form.EndDate", "2027-05-12"), ("Form.Online", "true"), ("Form.Language", "km"), ("Form.Capacity", "30"), ("Form.Status", "Open")));
        session.StatusCode.ShouldBe(HttpStatusCode.Redirect, await session.Content.ReadAsStringAsync());
        var page = await indonesia.GetStringAsync($"{coursePath}?culture=id");
        page.ShouldContain(marker);
        page.ShouldContain("Terbuka untuk nominasi");
        page.ShouldContain("Daring");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CourseListingSqliteTests(SqlitePlatform platform) : CourseListingTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class CourseListingPostgresTests(PostgresPlatform platform) : CourseListingTests(platform);

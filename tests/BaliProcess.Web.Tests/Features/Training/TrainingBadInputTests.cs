using System.Net;
using System.Net.Http.Json;
using BaliProcess.Web.Features.Training;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Training;

/// <summary>Each bad input of issue 10 that this slice handles: a 400 naming the field and the problem, and nothing stored.</summary>
public abstract class TrainingBadInputTests(PlatformFactory platform)
{
    [Theory]
    [InlineData("themes", new[] { "no-such-theme" }, "themes", "Unknown theme(s): no-such-theme")]
    [InlineData("audiences", new[] { "astronauts" }, "audiences", "Unknown audience(s): astronauts")]
    [InlineData("languages", new[] { "en", "xx" }, "languages", "Unknown language code(s): xx")]
    [InlineData("languages", new string[0], "languages", "Give at least one language")]
    [InlineData("themes", new string[0], "themes", "Choose at least one theme.")]
    public async Task CreateCourse_BadList_Answers400NamingTheFieldAndStoresNothing(string field, string[] value, string errorField, string message)
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var title = $"Bad-{Guid.NewGuid():N}";

        var response = await indonesia.PostAsJsonAsync("/api/training/courses", TrainingTestSupport.Course(title, "Public", (field, value)));

        await ShouldNameAsync(response, errorField, message);
        (await platform.WithDbAsync(db => db.Set<Course>().CountAsync(c => c.Title == title))).ShouldBe(0);
    }

    [Theory]
    [InlineData("title", "", "Title is required.")]
    [InlineData("contactEmail", "not-an-address", "is not an e-mail address")]
    public async Task CreateCourse_BadField_Answers400NamingTheFieldAndStoresNothing(string field, string value, string message)
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var title = $"Bad-{Guid.NewGuid():N}";
        var body = TrainingTestSupport.Course(title);
        body[field] = value;

        var response = await indonesia.PostAsJsonAsync("/api/training/courses", body);

        await ShouldNameAsync(response, field, message);
        (await platform.WithDbAsync(db => db.Set<Course>().CountAsync(c => c.Title == title))).ShouldBe(0);
    }

    [Fact]
    public async Task AddSession_EndBeforeStart_Answers400NamingEndDate()
    {
        var (provider, course) = await CourseAsync();

        var response = await provider.PostAsJsonAsync($"/api/training/courses/{course}/sessions", TrainingTestSupport.Session(("startDate", "2027-03-05"), ("endDate", "2027-03-01")));

        await ShouldNameAsync(response, "endDate", "before it starts");
        await ShouldHaveNoSessionAsync(course);
    }

    [Fact]
    public async Task AddSession_NegativeCapacity_Answers400NamingCapacity()
    {
        var (provider, course) = await CourseAsync();

        var response = await provider.PostAsJsonAsync($"/api/training/courses/{course}/sessions", TrainingTestSupport.Session(("capacity", -1)));

        await ShouldNameAsync(response, "capacity", "Capacity cannot be negative (-1).");
        await ShouldHaveNoSessionAsync(course);
    }

    [Fact]
    public async Task AddSession_UnknownLanguage_Answers400NamingLanguage()
    {
        var (provider, course) = await CourseAsync();

        var response = await provider.PostAsJsonAsync($"/api/training/courses/{course}/sessions", TrainingTestSupport.Session(("language", "klingon")));

        await ShouldNameAsync(response, "language", "Unknown language code: klingon");
        await ShouldHaveNoSessionAsync(course);
    }

    [Fact]
    public async Task AddSession_DeadlineAfterStart_Answers400NamingDeadline()
    {
        var (provider, course) = await CourseAsync();

        var response = await provider.PostAsJsonAsync($"/api/training/courses/{course}/sessions", TrainingTestSupport.Session(("nominationDeadline", "2027-03-02")));

        await ShouldNameAsync(response, "nominationDeadline", "after the session starts");
        await ShouldHaveNoSessionAsync(course);
    }

    [Fact]
    public async Task AddSession_InPersonWithoutPlace_Answers400NamingPlace()
    {
        var (provider, course) = await CourseAsync();

        var response = await provider.PostAsJsonAsync($"/api/training/courses/{course}/sessions", TrainingTestSupport.Session(("place", ""), ("online", false)));

        await ShouldNameAsync(response, "place", "Give the place of an in-person session");
        await ShouldHaveNoSessionAsync(course);
    }

    [Fact]
    public async Task UpdateSession_EndBeforeStart_Answers400AndLeavesTheSession()
    {
        var (provider, course) = await CourseAsync();
        var session = await TrainingTestSupport.AddSessionAsync(provider, course);

        var response = await provider.PutAsJsonAsync($"/api/training/sessions/{session}",
            TrainingTestSupport.Session(("endDate", "2027-02-27"), ("reason", "Moved")));

        await ShouldNameAsync(response, "endDate", "before it starts");
        (await platform.WithDbAsync(db => db.Set<CourseSession>().SingleAsync(s => s.Id == session))).EndDate.ShouldBe(new DateOnly(2027, 3, 5));
    }

    [Theory]
    [InlineData("theme=nothing-like-it", "theme")]
    [InlineData("audience=nobody", "audience")]
    [InlineData("language=zz", "language")]
    [InlineData("from=2027-05-01&to=2027-04-01", "to")]
    [InlineData("pageSize=1000", "page")]
    public async Task ListCourses_BadFilter_Answers400NamingTheFilter(string query, string field)
    {
        var response = await platform.Anonymous().GetAsync($"/api/training/courses?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        var page = await platform.Anonymous().GetStringAsync($"/Training?{query}");
        page.ShouldContain("There is a problem");
    }

    private async Task<(HttpClient Provider, Guid Course)> CourseAsync()
    {
        var provider = await platform.SignInNewUserAsync("IDN");
        return (provider, await TrainingTestSupport.CreateCourseAsync(provider, $"Course-{Guid.NewGuid():N}"));
    }

    private async Task ShouldHaveNoSessionAsync(Guid course) =>
        (await platform.WithDbAsync(db => db.Set<CourseSession>().CountAsync(s => s.CourseId == course))).ShouldBe(0);

    private static async Task ShouldNameAsync(HttpResponseMessage response, string field, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        var errors = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors");
        errors.TryGetProperty(field, out var messages).ShouldBeTrue(body);
        messages.EnumerateArray().ShouldContain(m => m.GetString()!.Contains(message, StringComparison.Ordinal), body);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TrainingBadInputSqliteTests(SqlitePlatform platform) : TrainingBadInputTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class TrainingBadInputPostgresTests(PostgresPlatform platform) : TrainingBadInputTests(platform);

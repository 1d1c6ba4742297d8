using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BaliProcess.Web.Tests.Features.Training;

public static class TrainingTestSupport
{
    /// <summary>A valid course body; <paramref name="overrides"/> replaces or adds fields (null removes one).</summary>
    public static Dictionary<string, object?> Course(string title, string scope = "Public", params (string Field, object? Value)[] overrides)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = title,
            ["summary"] = $"Summary of {title}.",
            ["themes"] = new[] { "trafficking-in-persons" },
            ["audiences"] = new[] { "investigators" },
            ["level"] = "Intermediate",
            ["delivery"] = "Blended",
            ["languages"] = new[] { "en", "id" },
            ["duration"] = "3 days",
            ["scope"] = scope,
        };
        foreach (var (field, value) in overrides)
        {
            if (value is null)
            {
                body.Remove(field);
            }
            else
            {
                body[field] = value;
            }
        }

        return body;
    }

    public static Dictionary<string, object?> Session(params (string Field, object? Value)[] overrides)
    {
        var body = new Dictionary<string, object?>
        {
            ["startDate"] = "2027-03-01",
            ["endDate"] = "2027-03-05",
            ["place"] = "Bangkok, Thailand",
            ["online"] = false,
            ["language"] = "en",
            ["capacity"] = 20,
            ["nominationDeadline"] = "2027-02-01",
            ["status"] = "Open",
        };
        foreach (var (field, value) in overrides)
        {
            body[field] = value;
        }

        return body;
    }

    public static async Task<Guid> CreateCourseAsync(HttpClient provider, string title, string scope = "Public")
    {
        var response = await provider.PostAsJsonAsync("/api/training/courses", Course(title, scope));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> AddSessionAsync(HttpClient provider, Guid courseId, params (string Field, object? Value)[] overrides)
    {
        var response = await provider.PostAsJsonAsync($"/api/training/courses/{courseId}/sessions", Session(overrides));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<(Guid Course, Guid Session)> CreateCourseWithSessionAsync(HttpClient provider, string title, string scope)
    {
        var course = await CreateCourseAsync(provider, title, scope);
        return (course, await AddSessionAsync(provider, course));
    }
}

using System.Net;

namespace BaliProcess.Web.Tests.Infrastructure;

/// <summary>
/// "The wrong member cannot see it on any path", in one line: every detail path answers 404, and no list, count,
/// search, export or feed path mentions the record's id or its marker text.
/// </summary>
public static class AccessProbe
{
    /// <param name="client">A client signed in (or holding a key) as someone who must not see the record.</param>
    /// <param name="recordId">The record's id; detail paths contain <c>{id}</c>.</param>
    /// <param name="marker">A unique text stored in the record (a title, a name) that must not leak through any path.</param>
    /// <param name="paths">Detail paths with {id} and collection paths without it.</param>
    public static async Task AssertInvisibleAsync(HttpClient client, Guid recordId, string marker, params string[] paths)
    {
        foreach (var template in paths)
        {
            var path = template.Replace("{id}", recordId.ToString(), StringComparison.Ordinal);
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (template.Contains("{id}", StringComparison.Ordinal))
            {
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{path} must answer 404 to a member who may not see the record.");
            }
            else
            {
                response.IsSuccessStatusCode.ShouldBeTrue($"{path} answered {(int)response.StatusCode}.");
            }

            body.ShouldNotContain(recordId.ToString(), Case.Insensitive, $"{path} leaks the record's id.");
            body.ShouldNotContain(marker, Case.Insensitive, $"{path} leaks the record's content.");
        }
    }

    /// <summary>The control: the same paths do show the record to someone who may see it (so the probe can fail).</summary>
    public static async Task AssertVisibleAsync(HttpClient client, Guid recordId, string marker, params string[] paths)
    {
        foreach (var template in paths)
        {
            var path = template.Replace("{id}", recordId.ToString(), StringComparison.Ordinal);
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            response.IsSuccessStatusCode.ShouldBeTrue($"{path} answered {(int)response.StatusCode}.");
            body.ShouldContain(marker, Case.Insensitive, $"{path} should show the record to a member who may see it.");
        }
    }
}

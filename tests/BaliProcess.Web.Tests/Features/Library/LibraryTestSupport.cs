using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>A platform that imports ../shared/seeds at start, as the README's run command does.</summary>
public abstract class SeededPlatform(DatabaseProvider provider) : PlatformFactory(provider)
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Library:SeedsPath", RepositoryPaths.Seeds)];
}

public sealed class SeededSqlitePlatform() : SeededPlatform(DatabaseProvider.Sqlite);

public sealed class SeededPostgresPlatform() : SeededPlatform(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SeededSqliteCollection : ICollectionFixture<SeededSqlitePlatform>
{
    public const string Name = "sqlite-seeded";
}

[CollectionDefinition(Name)]
public sealed class SeededPostgresCollection : ICollectionFixture<SeededPostgresPlatform>
{
    public const string Name = "postgres-seeded";
}

/// <summary>Documents made at test time, each unique (its own marker, its own meeting date) so tests never collide.</summary>
public static partial class LibraryFiles
{
    private static int meetingCounter;

    public static string Marker(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 12)];

    /// <summary>A co-chairs' statement of an Ad Hoc Group meeting on a date no other test uses, mentioning <paramref name="marker"/>.</summary>
    public static (byte[] Content, DateOnly Start) Statement(string marker)
    {
        var start = new DateOnly(2010, 1, 4).AddDays(7 * Interlocked.Increment(ref meetingCounter) + Random.Shared.Next(0, 3));
        if (start.Day > 27)
        {
            // "30-1 May" is not a date range; keep both days in one month.
            start = start.AddDays(-3);
        }

        var end = start.AddDays(1);
        var month = start.ToString("MMMM", CultureInfo.InvariantCulture);
        var text = $"""
            CO-CHAIRS' STATEMENT
            Second Ad Hoc Group Meeting

            The Co-Chairs of the Bali Process hosted the second Meeting of the Ad Hoc Group in Jakarta, Indonesia on {start.Day}-{end.Day} {month} {start.Year}, in hybrid format. The meeting was attended by representatives of Australia, Indonesia, Thailand and Viet Nam, and the ASEAN Secretariat as an observer.

            The Meeting agreed to convene a workshop on {marker} before the end of {start.Year + 1}.

            The Meeting noted the progress of the {marker} network.
            """;
        return (Encoding.UTF8.GetBytes(text), start);
    }

    /// <summary>The October 2017 progress report with a marker paragraph, so its hash is new.</summary>
    public static byte[] ProgressReport(string marker) =>
        Encoding.UTF8.GetBytes(File.ReadAllText(Seed("004")) + $"\n\nReference {marker}.\n");

    public static string Seed(string prefix) => System.IO.Directory.GetFiles(RepositoryPaths.Seeds, $"{prefix}_*.txt").Single();

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string scope, params (string Name, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(scope), "scope");
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        return await client.PostAsync("/api/documents", form);
    }

    /// <summary>Uploads one file through the API and returns the imported document's id.</summary>
    public static async Task<Guid> ImportAsync(HttpClient client, string name, byte[] content, string scope = "Public")
    {
        var response = await UploadAsync(client, scope, (name, content));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var result = JsonDocument.Parse(body).RootElement.GetProperty("results")[0];
        result.GetProperty("status").GetString().ShouldBe("Imported", body);
        return result.GetProperty("documentId").GetGuid();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The fields a browser would send for the first form of the page that posts to <paramref name="handler"/>.</summary>
    public static List<KeyValuePair<string, string>> FormFields(string html, string handler)
    {
        var start = html.IndexOf($"handler={handler}", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, $"The page has no form for the {handler} handler.");
        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        var form = html[start..end];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in InputTag().Matches(form))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            var type = Attribute(tag, "type") ?? "text";
            if (name is null || type is "submit" || (type is "checkbox" or "radio" && !tag.Contains("checked", StringComparison.Ordinal)))
            {
                continue;
            }

            fields.Add(new(name, WebUtility.HtmlDecode(Attribute(tag, "value") ?? "")));
        }

        foreach (Match area in TextArea().Matches(form))
        {
            fields.Add(new(Attribute(area.Value, "name")!, WebUtility.HtmlDecode(area.Groups["text"].Value).Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\n')));
        }

        foreach (Match select in Select().Matches(form))
        {
            var selected = SelectedOption().Match(select.Groups["options"].Value);
            fields.Add(new(Attribute(select.Value, "name")!, selected.Success ? WebUtility.HtmlDecode(selected.Groups["value"].Value) : ""));
        }

        return fields;
    }

    public static void Set(List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
    }

    public static string Field(List<KeyValuePair<string, string>> fields, string name) => fields.Single(f => f.Key == name).Value;

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<textarea\\b[^>]*>(?<text>.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextArea();

    [GeneratedRegex("<select\\b[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex("<option\\b[^>]*selected=\"selected\"[^>]*value=\"(?<value>[^\"]*)\"|<option\\b[^>]*value=\"(?<value>[^\"]*)\"[^>]*selected=\"selected\"")]
    private static partial Regex SelectedOption();
}

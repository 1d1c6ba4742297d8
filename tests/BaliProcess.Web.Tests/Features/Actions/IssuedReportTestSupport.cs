using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BaliProcess.Web.Tests.Infrastructure;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>Issuing progress reports in tests: a period no other test issues (a period is issued once per database).</summary>
public static class IssuedReportTestSupport
{
    private static readonly ConditionalWeakTable<PlatformFactory, StrongBox<int>> Periods = [];

    /// <summary>A one-day period ending after the 2017 report, distinct per call on one database.</summary>
    public static (string From, string To) NextPeriod(PlatformFactory platform)
    {
        var counter = Periods.GetValue(platform, _ => new StrongBox<int>(0));
        var day = new DateOnly(2040, 1, 1).AddDays(Interlocked.Increment(ref counter.Value));
        return ("2016-11-01", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    public static Task<HttpResponseMessage> IssueAsync(HttpClient client, (string From, string To) period, string distribution) =>
        client.PostAsJsonAsync("/api/progress-reports/issued", new { from = period.From, to = period.To, distribution });

    /// <summary>Issues a report and answers its id.</summary>
    public static async Task<Guid> IssuedIdAsync(HttpClient client, (string From, string To) period, string distribution)
    {
        var response = await IssueAsync(client, period, distribution);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }
}

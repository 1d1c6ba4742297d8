using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BaliProcess.Web.Tests.Infrastructure.Faults;

public enum CrashWriteKind
{
    FocalPoint,
    StatusUpdate,
    IndicatorValue,
    Document,
}

/// <summary>A write the platform answered with 2xx: what identifies it, and the marker its content carries.</summary>
public sealed record AcknowledgedWrite(int Iteration, int Writer, CrashWriteKind Kind, Guid Id, Guid ActionId, string Marker, double Value)
{
    public string FocalPointName => $"Crash {Marker}";

    public string Narrative => $"Crash update {Marker}: the outreach reached more districts.";

    public string FileName => $"crash-{Marker}.md";

    public static string DocumentText(string marker) => $"# Crash note {marker}\n\nThe working group noted {marker} in its minutes.\n";

    public override string ToString() => $"{Kind} {Id} (iteration {Iteration}, writer {Writer}, marker {Marker})";
}

/// <summary>What one iteration's writers saw while the host was alive (anything but 2xx then is a defect in itself).</summary>
public sealed class CrashWriteLog
{
    public ConcurrentQueue<AcknowledgedWrite> Acknowledged { get; } = new();

    public ConcurrentQueue<string> Unexpected { get; } = new();

    /// <summary>Set just before the kill: a failure after it is the kill's doing, not the platform's.</summary>
    public volatile bool Killed;

    /// <summary>Requests that were in flight when the host died (never acknowledged, so they may or may not be stored).</summary>
    public int CutOffByTheKill;
}

/// <summary>
/// One client of the API, writing audited records of every kind in a loop until the host is killed: focal points,
/// status updates and indicator values on its own action, and small markdown documents. It has its own action so
/// that its writers' updates are not refused as conflicting with each other's. One writer serves the whole run, so
/// that its random markers (and so its documents' contents) never repeat from one host to the next.
/// </summary>
public sealed class CrashWriter(int number, string apiKey, Guid actionId, Guid indicatorId, int seed)
{
    private static readonly string[] Statuses = ["UnderWay", "Ongoing", "Completed"];
    private readonly Random random = new(seed);

    public int Number => number;

    public async Task RunAsync(Uri baseAddress, int iteration, CrashWriteLog log)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        while (!log.Killed)
        {
            var kind = (CrashWriteKind)random.Next(0, 4);
            var marker = Marker();
            var value = random.Next(0, 10_000);
            try
            {
                // The whole answer is read before SendAsync returns: a 2xx seen here is an acknowledged write.
                using var response = await SendAsync(client, kind, marker, value);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    log.Unexpected.Enqueue($"{kind} answered {(int)response.StatusCode}: {body}");
                    continue;
                }

                if (IdOf(kind, body) is { } id)
                {
                    log.Acknowledged.Enqueue(new AcknowledgedWrite(iteration, number, kind, id, actionId, marker, value));
                }
                else
                {
                    log.Unexpected.Enqueue($"{kind} answered {(int)response.StatusCode} without importing: {body}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                if (log.Killed)
                {
                    Interlocked.Increment(ref log.CutOffByTheKill);
                }
                else
                {
                    log.Unexpected.Enqueue($"{kind} failed while the host was alive: {e.Message}");
                }
            }
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient client, CrashWriteKind kind, string marker, int value)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sample = new AcknowledgedWrite(0, number, kind, Guid.Empty, actionId, marker, value);
        switch (kind)
        {
            case CrashWriteKind.FocalPoint:
                return client.PostAsJsonAsync("/api/focal-points",
                    new { personName = sample.FocalPointName, role = "Delegate", email = $"{marker}@example.org", scope = "Public" });
            case CrashWriteKind.StatusUpdate:
                return client.PostAsJsonAsync($"/api/actions/{actionId}/updates",
                    new { asOf = today, status = Statuses[random.Next(Statuses.Length)], narrative = sample.Narrative });
            case CrashWriteKind.IndicatorValue:
                return client.PostAsJsonAsync($"/api/actions/{actionId}/indicators/{indicatorId}/values", new { asOf = today, value = (double)value, note = marker });
            default:
                var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(Encoding.UTF8.GetBytes(AcknowledgedWrite.DocumentText(marker)));
                file.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
                form.Add(file, "files", sample.FileName);
                form.Add(new StringContent("Public"), "scope");
                return client.PostAsync("/api/documents", form);
        }
    }

    /// <summary>The new record's id; null for a document the answer does not report as imported.</summary>
    private static Guid? IdOf(CrashWriteKind kind, string body)
    {
        var json = JsonDocument.Parse(body).RootElement;
        if (kind != CrashWriteKind.Document)
        {
            return json.GetProperty("id").GetGuid();
        }

        var result = json.GetProperty("results")[0];
        return result.GetProperty("status").GetString() == "Imported" ? result.GetProperty("documentId").GetGuid() : null;
    }

    /// <summary>Letters only, so that the search analyser keeps it one word.</summary>
    private string Marker() => string.Create(14, random, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('a' + r.Next(26));
        }
    });
}

using System.Net;
using System.Runtime.CompilerServices;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>Progress reports made at test time, and the seed report, imported through the Library's importer as the platform does.</summary>
public static class ActionsTestSupport
{
    public const string Strategy2017 = "Bali Process Strategy (2017 progress report)";

    /// <summary>
    /// The last theme number given out per database: a report's theme is found again by number within its strategy, so
    /// two tests' reports on one database must never share a number. The suite's collections share one database per
    /// provider, so the count is kept per platform, not per process (a process-wide count ran out as tests grew).
    /// </summary>
    private static readonly ConditionalWeakTable<PlatformFactory, StrongBox<int>> ThemeCounters = [];

    public static string SeedReportPath => System.IO.Directory.GetFiles(RepositoryPaths.Seeds, "004_*.txt").Single();

    public static string Marker(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 12)];

    public static int NextThemeNumber(PlatformFactory platform)
    {
        var counter = ThemeCounters.GetValue(platform, _ => new StrongBox<int>(9));
        var number = Interlocked.Increment(ref counter.Value);
        return number < 100 ? number : throw new InvalidOperationException("Test progress reports on this database ran out of two-digit theme numbers.");
    }

    /// <summary>Imports the October 2017 report as the start-up import does (for the RSO, public); harmless when it is already in.</summary>
    public static async Task<Guid> ImportSeedReportAsync(PlatformFactory platform)
    {
        await using var scope = platform.Scope();
        var importer = scope.ServiceProvider.GetRequiredService<DocumentImporter>();
        var context = await importer.ResolveContextAsync(new ScopeInput(DistributionScope.Public), null, AuditActor.System("test"), default);
        var result = await importer.ImportAsync(context.Value!, Path.GetFileName(SeedReportPath), await File.ReadAllBytesAsync(SeedReportPath), default);
        result.Status.ShouldNotBe(ImportStatus.Failed, result.Message);
        return result.DocumentId!.Value;
    }

    /// <summary>A one-theme progress report in the 2017 table form whose action text carries <paramref name="marker"/>.</summary>
    public static (byte[] Content, int Theme) Report(PlatformFactory platform, string marker, string who, string details, DateOnly? date = null)
    {
        var theme = NextThemeNumber(platform);
        var when = date ?? new DateOnly(2026, 3, 1);
        var text = $"""
            Ad Hoc Group Progress Report: {when.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}

            Report summarises activities undertaken since the previous meeting.

            	Action/Recommendation	Who	Status/Details
            {theme}. Theme {marker}			
            {theme}.1	Develop the {marker} toolkit for frontline officers	{who}	{details}
            """;
        return (Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal)), theme);
    }

    /// <summary>Imports a report as <paramref name="importer"/> (or for the RSO when null) with the given distribution; returns the action's id.</summary>
    public static async Task<Guid> ImportReportAsync(PlatformFactory platform, byte[] content, DistributionScope scope, TestUser? importer = null)
    {
        await using var services = platform.Scope();
        var documents = services.ServiceProvider.GetRequiredService<DocumentImporter>();
        var viewer = importer is null ? null : new Viewer(importer.Id, importer.MemberId, null, new HashSet<string> { Roles.MemberOfficer });
        var context = await documents.ResolveContextAsync(new ScopeInput(scope), viewer, AuditActor.System("test"), default);
        context.Succeeded.ShouldBeTrue(string.Join("; ", context.Invalid?.Errors.SelectMany(e => e.Value) ?? []));
        var result = await documents.ImportAsync(context.Value!, $"report-{Guid.NewGuid():N}.txt", content, default);
        result.Status.ShouldBe(ImportStatus.Imported, result.Message);
        var documentId = result.DocumentId!.Value;
        return await platform.WithDbAsync(db => db.Set<TrackedAction>().Where(a => a.OriginDocumentId == documentId).Select(a => a.Id).SingleAsync());
    }

    /// <summary>The ids of the 2017 report's actions by number.</summary>
    public static Task<Dictionary<string, Guid>> SeedActionsAsync(PlatformFactory platform) =>
        platform.WithDbAsync(db =>
            (from a in db.Set<TrackedAction>()
             join t in db.Set<ActionTheme>() on a.ThemeId equals t.Id
             where t.Strategy == Strategy2017
             select new { a.Number, a.Id }).ToDictionaryAsync(x => x.Number, x => x.Id));

    public static Task<int> UpdateCountAsync(PlatformFactory platform, Guid actionId) =>
        platform.WithDbAsync(db => db.Set<StatusUpdate>().CountAsync(u => u.ActionId == actionId));

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostUpdateAsync(HttpClient client, Guid actionId, object body) =>
        client.PostAsJsonAsync($"/api/actions/{actionId}/updates", body);

    public static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

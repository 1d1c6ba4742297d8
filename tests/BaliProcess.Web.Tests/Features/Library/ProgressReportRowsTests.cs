using System.Net;
using System.Text.Json;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>A progress report's table is handed to the module that takes it (Actions) or, when there is none, kept as rows beside its document.</summary>
public abstract class ProgressReportRowsTests(DatabaseProvider provider)
{
    [Fact]
    public async Task ImportProgressReport_NoModuleTakesItsTable_KeepsEveryRowBesideTheDocumentOnce()
    {
        await using var platform = new StandalonePlatform(provider) { ExtraServices = s => s.RemoveAll<IProgressReportImportHandler>() };
        var officer = await platform.SignInNewUserAsync("IDN");
        var report = ProgressReport(Marker("Rows"));

        var response = await UploadAsync(officer, "Public", ("report.txt", report));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var result = JsonDocument.Parse(body).RootElement.GetProperty("results")[0];
        var id = result.GetProperty("documentId").GetGuid();
        var detail = await GetJsonAsync(officer, $"/api/documents/{id}");
        var rows = await RowsAsync(platform, id);

        result.GetProperty("message").GetString()!.ShouldContain("kept as a document with its table's rows");
        var expected = detail.GetProperty("progressReport").GetProperty("themes").EnumerateArray()
            .SelectMany(t => t.GetProperty("actions").EnumerateArray().Select(a => string.Join(" | ",
                t.GetProperty("number").GetInt32(), t.GetProperty("title").GetString(), a.GetProperty("number").GetString(), a.GetProperty("text").GetString(),
                a.GetProperty("whoRaw").GetString(), Joined(a, "leads"), Joined(a, "funders"), Joined(a, "detailParagraphs"))))
            .ToList();
        expected.Count.ShouldBeGreaterThan(10);
        rows.Select(r => string.Join(" | ", r.ThemeNumber, r.ThemeTitle, r.ActionNumber, r.ActionText, r.Who, string.Join("; ", r.Leads), string.Join("; ", r.Funders), string.Join("; ", r.Details)))
            .ShouldBe(expected);
        rows.Select(r => r.Sequence).ShouldBe(Enumerable.Range(1, rows.Count));
        rows.ShouldContain(r => r.Leads.Count > 0 && r.Details.Count > 0);

        (await UploadAsync(officer, "Public", ("again.txt", report))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RowsAsync(platform, id)).Count.ShouldBe(rows.Count);
        (await platform.WithDbAsync(db => db.Set<ProgressReportRow>().CountAsync())).ShouldBe(rows.Count);
    }

    [Fact]
    public async Task ImportProgressReport_TheActionsModuleTakesItsTable_KeepsNoRows()
    {
        await using var platform = new StandalonePlatform(provider);
        var officer = await platform.SignInNewUserAsync("IDN");

        var id = await ImportAsync(officer, "report.txt", ProgressReport(Marker("Actions")));

        (await GetJsonAsync(officer, $"/api/documents/{id}")).GetProperty("progressReport").GetProperty("themes").GetArrayLength().ShouldBeGreaterThan(0);
        (await RowsAsync(platform, id)).ShouldBeEmpty();
    }

    private static Task<List<ProgressReportRow>> RowsAsync(PlatformFactory platform, Guid documentId) =>
        platform.WithDbAsync(db => db.Set<ProgressReportRow>().AsNoTracking().Where(r => r.DocumentId == documentId).OrderBy(r => r.Sequence).ToListAsync());

    private static string Joined(JsonElement action, string property) => string.Join("; ", action.GetProperty(property).EnumerateArray().Select(v => v.GetString()));
}

[Collection(SqliteCollection.Name)]
public sealed class ProgressReportRowsSqliteTests() : ProgressReportRowsTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class ProgressReportRowsPostgresTests() : ProgressReportRowsTests(DatabaseProvider.Postgres);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Audit;

/// <summary>
/// A member's oversight reader sees the events about its member's records even when another member's official
/// caused them (the subject member), and no event about another member's records.
/// </summary>
public abstract class AuditSubjectMemberTests(PlatformFactory platform)
{
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static async Task<Guid> CreateFocalPointAsync(HttpClient client, string scope)
    {
        var response = await client.PostAsJsonAsync("/api/focal-points", new { personName = Marker("Person"), role = "Delegate", scope });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<List<AuditRowView>> AuditRowsAsync(HttpClient oversight, string action) =>
        (await oversight.GetFromJsonAsync<AuditPageView>($"/api/audit?action={action}&take=500", ApiJson))!.Rows.ToList();

    [Fact]
    public async Task OversightOfMemberA_SeesEventsAboutAsDocumentActionAndFocalPointCausedByB_AndNoneAboutBsRecords()
    {
        var indonesia = await platform.CreateUserAsync("IDN");
        var australia = await platform.CreateUserAsync("AUS");
        var idnClient = await platform.SignInAsync(indonesia);
        var ausClient = await platform.SignInAsync(australia);

        // Indonesia's records, shared with every member; Australia's own, kept to Australia.
        var (statement, _) = Statement(Marker("SubjectA"));
        var idnDocument = await ImportAsync(idnClient, "idn-shared.txt", statement, "AllMembers");
        var (report, _) = Actions.ActionsTestSupport.Report(platform, Actions.ActionsTestSupport.Marker("SubjectA"), "Indonesia", "<p>Under way.</p>");
        var idnAction = await Actions.ActionsTestSupport.ImportReportAsync(platform, report, DistributionScope.AllMembers, indonesia);
        var idnFocalPoint = await CreateFocalPointAsync(idnClient, "AllMembers");
        var (ausStatement, _) = Statement(Marker("SubjectB"));
        var ausDocument = await ImportAsync(ausClient, "aus-own.txt", ausStatement, "OwnMember");
        var ausFocalPoint = await CreateFocalPointAsync(ausClient, "OwnMember");

        // Australia's official reads Indonesia's records and its own.
        foreach (var path in new[] { $"/api/documents/{idnDocument}", $"/api/actions/{idnAction}", $"/api/focal-points/{idnFocalPoint}",
                     $"/api/documents/{ausDocument}", $"/api/focal-points/{ausFocalPoint}" })
        {
            (await ausClient.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }

        var idnOversight = await platform.SignInNewUserAsync("IDN", [Roles.Oversight]);
        var documentRows = await AuditRowsAsync(idnOversight, "library.document");
        var actionRows = await AuditRowsAsync(idnOversight, "actions");
        var focalRows = await AuditRowsAsync(idnOversight, "directory.focalpoint");

        documentRows.ShouldContain(r => r.Action == "library.document.read" && r.SubjectId == idnDocument.ToString()
            && r.MemberId == australia.MemberId && r.SubjectMemberId == indonesia.MemberId);
        actionRows.ShouldContain(r => r.Action == "actions.action.read" && r.SubjectId == idnAction.ToString()
            && r.MemberId == australia.MemberId && r.SubjectMemberId == indonesia.MemberId);
        focalRows.ShouldContain(r => r.Action == "directory.focalpoint.read" && r.SubjectId == idnFocalPoint.ToString()
            && r.MemberId == australia.MemberId && r.SubjectMemberId == indonesia.MemberId);
        documentRows.Concat(actionRows).Concat(focalRows)
            .ShouldNotContain(r => r.SubjectId == ausDocument.ToString() || r.SubjectId == ausFocalPoint.ToString());
        documentRows.Concat(actionRows).Concat(focalRows)
            .ShouldAllBe(r => r.MemberId == indonesia.MemberId || r.SubjectMemberId == indonesia.MemberId);

        // Australia's oversight sees its official's reads and its records' events, and the creation of Indonesia's records not at all.
        var ausOversight = await platform.SignInNewUserAsync("AUS", [Roles.Oversight]);
        var ausRows = await AuditRowsAsync(ausOversight, "directory.focalpoint");
        ausRows.ShouldContain(r => r.Action == "directory.focalpoint.create" && r.SubjectId == ausFocalPoint.ToString() && r.SubjectMemberId == australia.MemberId);
        ausRows.ShouldNotContain(r => r.Action == "directory.focalpoint.create" && r.SubjectId == idnFocalPoint.ToString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditSubjectMemberSqliteTests(SqlitePlatform platform) : AuditSubjectMemberTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class AuditSubjectMemberPostgresTests(PostgresPlatform platform) : AuditSubjectMemberTests(platform);

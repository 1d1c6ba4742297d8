using System.Net;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Audit;

/// <summary>
/// Reads of restricted documents, meetings and actions are audited with the record's owner as subject member; reads
/// of public records and reads the access rule refused (404) write nothing.
/// </summary>
public abstract class RestrictedReadAuditTests(PlatformFactory platform)
{
    /// <summary>The read events of a record in the log's order: sealed first, since unsealed rows have no position yet.</summary>
    private async Task<List<AuditEntry>> ReadEventsAsync(Guid subject)
    {
        await platform.Services.GetRequiredService<AuditSealer>().SealAsync(default);
        return await platform.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.SubjectId == subject.ToString() && a.Action.EndsWith(".read"))
            .OrderBy(a => a.Sequence).ToListAsync());
    }

    [Fact]
    public async Task RestrictedDocument_PageApiAndFile_EachWriteAReadEventWithTheOwnerAsSubjectMember()
    {
        var owner = await platform.CreateUserAsync("IDN");
        var client = await platform.SignInAsync(owner);
        var (content, _) = Statement(Marker("ReadAudit"));
        var id = await ImportAsync(client, "restricted-statement.txt", content, "OwnMember");

        (await client.GetAsync($"/Library/Documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/api/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/api/documents/{id}/file")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var events = await ReadEventsAsync(id);
        events.Select(e => e.Action).ShouldBe([LibraryAudit.DocumentRead, LibraryAudit.DocumentRead, LibraryAudit.FileRead]);
        events.ShouldAllBe(e => e.SubjectMemberId == owner.MemberId && e.UserId == owner.Id && e.Outcome == AuditOutcome.Succeeded
            && e.SubjectType == nameof(LibraryDocument));
        events[2].Detail.ShouldBe("restricted-statement.txt");
    }

    [Fact]
    public async Task RestrictedDocument_ReadRefusedToAnotherMember_Answers404AndWritesNothing()
    {
        var owner = await platform.SignInNewUserAsync("IDN");
        var (content, _) = Statement(Marker("ReadAudit"));
        var id = await ImportAsync(owner, "private-statement.txt", content, "OwnMember");
        var australia = await platform.SignInNewUserAsync("AUS");

        (await australia.GetAsync($"/Library/Documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await australia.GetAsync($"/api/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await australia.GetAsync($"/api/documents/{id}/file")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await platform.Anonymous().GetAsync($"/api/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await ReadEventsAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PublicDocumentAndMeeting_Read_WriteNoReadEvent()
    {
        var owner = await platform.SignInNewUserAsync("IDN");
        var (content, _) = Statement(Marker("PublicRead"));
        var id = await ImportAsync(owner, "public-statement.txt", content);
        var meetingId = await platform.WithDbAsync(db => db.Set<MeetingSource>().Where(s => s.DocumentId == id).Select(s => s.MeetingId).SingleAsync());

        foreach (var reader in new[] { owner, platform.Anonymous() })
        {
            (await reader.GetAsync($"/Library/Documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await reader.GetAsync($"/api/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await reader.GetAsync($"/api/documents/{id}/file")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await reader.GetAsync($"/Meetings/{meetingId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await reader.GetAsync($"/api/meetings/{meetingId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await ReadEventsAsync(id)).ShouldBeEmpty();
        (await ReadEventsAsync(meetingId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RestrictedMeeting_PageAndApi_WriteReadEventsAndARefusedReadWritesNone()
    {
        var owner = await platform.CreateUserAsync("IDN");
        var client = await platform.SignInAsync(owner);
        var (content, _) = Statement(Marker("MeetingRead"));
        var documentId = await ImportAsync(client, "meeting-statement.txt", content, "OwnMember");
        var meetingId = await platform.WithDbAsync(db => db.Set<MeetingSource>().Where(s => s.DocumentId == documentId).Select(s => s.MeetingId).SingleAsync());
        var australia = await platform.SignInNewUserAsync("AUS");

        (await client.GetAsync($"/Meetings/{meetingId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/api/meetings/{meetingId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await australia.GetAsync($"/Meetings/{meetingId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await australia.GetAsync($"/api/meetings/{meetingId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var events = await ReadEventsAsync(meetingId);
        events.Select(e => e.Action).ShouldBe([LibraryAudit.MeetingRead, LibraryAudit.MeetingRead]);
        events.ShouldAllBe(e => e.SubjectMemberId == owner.MemberId && e.UserId == owner.Id && e.SubjectType == nameof(Meeting));
    }

    [Fact]
    public async Task RestrictedAction_PageAndApi_WriteReadEventsAndARefusedReadWritesNone()
    {
        var owner = await platform.CreateUserAsync("IDN");
        var marker = Actions.ActionsTestSupport.Marker("ActionRead");
        var (content, _) = Actions.ActionsTestSupport.Report(platform, marker, "Indonesia", "<p>The toolkit is under development.</p>");
        var actionId = await Actions.ActionsTestSupport.ImportReportAsync(platform, content, DistributionScope.OwnMember, owner);
        var client = await platform.SignInAsync(owner);
        var australia = await platform.SignInNewUserAsync("AUS");

        (await client.GetAsync($"/Actions/{actionId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/api/actions/{actionId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await australia.GetAsync($"/Actions/{actionId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await australia.GetAsync($"/api/actions/{actionId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var events = await ReadEventsAsync(actionId);
        events.Select(e => e.Action).ShouldBe([ActionsModule.ActionRead, ActionsModule.ActionRead]);
        events.ShouldAllBe(e => e.SubjectMemberId == owner.MemberId && e.UserId == owner.Id && e.SubjectType == nameof(TrackedAction));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RestrictedReadAuditSqliteTests(SqlitePlatform platform) : RestrictedReadAuditTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class RestrictedReadAuditPostgresTests(PostgresPlatform platform) : RestrictedReadAuditTests(platform);

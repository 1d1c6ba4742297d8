using System.Net;
using System.Net.Http.Json;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Actions;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>Correcting meetings (every extracted field, attendees, outcomes), focal points, actions and status updates.</summary>
public abstract class MeetingCorrectionTests(PlatformFactory platform)
{
    [Fact]
    public async Task EditMeeting_FieldsAttendeesAndOutcomes_AreCorrectedAndOutcomesKeepTheirIds()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Meet");
        var documentId = await ImportAsync(officer, $"meeting-{marker}.txt", Statement(marker).Content, "OwnMember");
        var meetingId = (await GetJsonAsync(officer, $"/api/documents/{documentId}")).GetProperty("meetingId").GetGuid();
        var firstOutcome = await platform.WithDbAsync(db => db.Set<MeetingOutcome>().Where(o => o.MeetingId == meetingId).OrderBy(o => o.Sequence).Select(o => o.Id).FirstAsync());

        var response = await officer.PatchAsJsonAsync($"/api/meetings/{meetingId}", new
        {
            title = $"Corrected meeting {marker}", startDate = "2023-02-09", endDate = "2023-02-10", place = "Bali", format = "Hybrid",
            attendees = new[] { new { code = "IDN", role = "CoChair" }, new { code = "AUS", role = "CoChair" }, new { code = "THA", role = "Attendee" } },
            outcomes = new[] { new { verb = "Agreed", text = $"Corrected outcome {marker}" } },
            agenda = new[] { "Opening", "Review" },
            reason = "The statement was read wrongly.",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var meeting = await platform.WithDbAsync(db => db.Set<Meeting>().Include(m => m.Participants).Include(m => m.Outcomes).Include(m => m.AgendaItems).SingleAsync(m => m.Id == meetingId));
        (meeting.Title, meeting.StartDate, meeting.Place, meeting.Format).ShouldBe(($"Corrected meeting {marker}", new DateOnly(2023, 2, 9), "Bali", MeetingFormatKind.Hybrid));
        meeting.Participants.Count.ShouldBe(3);
        meeting.Participants.Count(p => p.Role == ParticipantRole.CoChair).ShouldBe(2);
        meeting.Outcomes.ShouldHaveSingleItem().Id.ShouldBe(firstOutcome);
        meeting.Outcomes[0].Text.ShouldBe($"Corrected outcome {marker}");
        meeting.AgendaItems.Select(a => a.Title).ShouldBe(["Opening", "Review"], ignoreOrder: true);
        var history = await GetJsonAsync(officer, $"/api/meetings/{meetingId}/history");
        history.GetProperty("history")[0].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString())
            .ShouldBe(["title", "startDate", "endDate", "place", "attendees", "agenda", "outcomes"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"startDate":"2023-02-10","endDate":"2023-02-01","reason":"r"}""", "endDate")]
    [InlineData("""{"startDate":"tomorrow","reason":"r"}""", "startDate")]
    [InlineData("""{"format":"Telepathic","reason":"r"}""", "format")]
    [InlineData("""{"bodyCode":"NOPE","reason":"r"}""", "bodyCode")]
    [InlineData("""{"attendees":[{"code":"XXX"}],"reason":"r"}""", "attendees")]
    [InlineData("""{"attendees":[{"code":"IDN","role":"Boss"}],"reason":"r"}""", "attendees")]
    [InlineData("""{"outcomes":[{"verb":"Shouted","text":"t"}],"reason":"r"}""", "outcomes")]
    [InlineData("""{"outcomes":[{"verb":"Agreed","text":""}],"reason":"r"}""", "outcomes")]
    [InlineData("""{"title":"New title"}""", "reason")]
    public async Task EditMeeting_InvalidValue_NamesTheFieldAndChangesNothing(string body, string field)
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var documentId = await ImportAsync(officer, $"bad-meeting-{Guid.NewGuid():N}.txt", Statement(Marker("BadMeet")).Content, "OwnMember");
        var meetingId = (await GetJsonAsync(officer, $"/api/documents/{documentId}")).GetProperty("meetingId").GetGuid();
        var before = await GetJsonAsync(officer, $"/api/meetings/{meetingId}");

        var response = await officer.PatchAsync($"/api/meetings/{meetingId}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(field);
        (await GetJsonAsync(officer, $"/api/meetings/{meetingId}")).GetRawText().ShouldBe(before.GetRawText());
        (await platform.WithDbAsync(db => db.Set<RecordRevision>().CountAsync(r => r.RecordId == meetingId))).ShouldBe(0);
    }

    [Fact]
    public async Task EditMeeting_WrongMember_Answers404AndChangesNothing()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var documentId = await ImportAsync(officer, $"foreign-meeting-{Guid.NewGuid():N}.txt", Statement(Marker("Foreign")).Content, "OwnMember");
        var meetingId = (await GetJsonAsync(officer, $"/api/documents/{documentId}")).GetProperty("meetingId").GetGuid();
        var australia = await platform.SignInNewUserAsync("AUS");

        (await australia.PatchAsJsonAsync($"/api/meetings/{meetingId}", new { title = "Hijacked", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await australia.PostAsJsonAsync($"/api/meetings/{meetingId}/withdraw", new { reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await australia.GetAsync($"/Meetings/{meetingId}/Edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await platform.WithDbAsync(db => db.Set<Meeting>().Where(m => m.Id == meetingId).Select(m => new { m.Title, m.WithdrawnAt }).SingleAsync()))
            .ShouldSatisfyAllConditions(m => m.Title.ShouldNotBe("Hijacked"), m => m.WithdrawnAt.ShouldBeNull());
    }

    [Fact]
    public async Task CorrectStatusUpdate_ByLead_ChangesTheUpdateAndKeepsTheOriginalInTheActionsHistory()
    {
        var user = await platform.CreateUserAsync("IDN", [Roles.MemberOfficer]);
        var officer = await platform.SignInAsync(user);
        var marker = Marker("Update");
        var actionId = await ActionsTestSupport.ImportReportAsync(platform, ActionsTestSupport.Report(platform, marker, "IDN", "Under way.").Content, DistributionScope.OwnMember, user);
        var update = await platform.WithDbAsync(db => db.Set<StatusUpdate>().Where(u => u.ActionId == actionId).OrderBy(u => u.RecordedAt).FirstAsync());

        var response = await officer.PatchAsJsonAsync($"/api/actions/{actionId}/updates/{update.Id}",
            new { status = "Completed", narrative = $"Completed {marker}", reason = "The report's status was wrong." });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await platform.WithDbAsync(db => db.Set<TrackedAction>().Where(a => a.Id == actionId).Select(a => a.Status).SingleAsync())).ShouldBe(ActionStatus.Completed);
        var history = (await GetJsonAsync(officer, $"/api/actions/{actionId}/history")).GetProperty("history")[0];
        history.GetProperty("recordType").GetString().ShouldBe(nameof(StatusUpdate));
        var narrative = history.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "narrative");
        narrative.GetProperty("from").GetString().ShouldBe(update.Narrative);
        (await officer.GetStringAsync($"/Actions/{actionId}")).ShouldContain(update.Narrative);

        var australia = await platform.SignInNewUserAsync("AUS");
        (await australia.PatchAsJsonAsync($"/api/actions/{actionId}/updates/{update.Id}", new { narrative = "x", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.PatchAsJsonAsync($"/api/actions/{actionId}/updates/{update.Id}", new { status = "Finished", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task EditAndWithdrawAction_OwnerAndWrongMember_AnswerAsTheRuleSays()
    {
        var user = await platform.CreateUserAsync("IDN", [Roles.MemberOfficer]);
        var officer = await platform.SignInAsync(user);
        var marker = Marker("Act");
        var actionId = await ActionsTestSupport.ImportReportAsync(platform, ActionsTestSupport.Report(platform, marker, "IDN", "Under way.").Content, DistributionScope.AllMembers, user);
        var australia = await platform.SignInNewUserAsync("AUS");

        (await australia.PatchAsJsonAsync($"/api/actions/{actionId}", new { text = "Hijacked", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.PatchAsJsonAsync($"/api/actions/{actionId}", new { dueDate = "31/12/2027", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await officer.PatchAsJsonAsync($"/api/actions/{actionId}", new { dueDate = "2027-12-31", reason = "Agreed at the meeting." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostAsJsonAsync($"/api/actions/{actionId}/withdraw", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await officer.PostAsJsonAsync($"/api/actions/{actionId}/withdraw", new { reason = "Duplicate of another action." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await platform.DrainSearchAsync();

        await AccessProbe.AssertInvisibleAsync(australia, actionId, marker, "/api/actions/{id}", "/Actions/{id}", "/api/actions", "/Actions", $"/api/search?q={marker}&kind=action");
        await AccessProbe.AssertVisibleAsync(officer, actionId, marker, "/api/actions/{id}", "/Actions/{id}");
    }

    [Fact]
    public async Task EditFocalPoint_OwnerWrongMemberAndBadInput_AnswerAsTheRuleSays()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Focal");
        var created = await officer.PostAsJsonAsync("/api/focal-points", new { personName = marker, role = "Liaison", scope = "OwnMember" });
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var australia = await platform.SignInNewUserAsync("AUS");

        (await australia.PatchAsJsonAsync($"/api/focal-points/{id}", new { role = "Hijacked", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.PatchAsJsonAsync($"/api/focal-points/{id}", new { email = "not-an-address", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await officer.PatchAsJsonAsync($"/api/focal-points/{id}", new { scope = "AllMembers", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await officer.PatchAsJsonAsync($"/api/focal-points/{id}", new { role = "National focal point", reason = "New role." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await platform.WithDbAsync(db => db.Set<FocalPoint>().Where(f => f.Id == id).Select(f => new { f.Role, f.Scope }).SingleAsync()))
            .ShouldBe(new { Role = "National focal point", Scope = DistributionScope.OwnMember });
        (await officer.PostAsJsonAsync($"/api/focal-points/{id}/withdraw", new { reason = "Left the post." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var colleague = await platform.SignInNewUserAsync("IDN");
        await AccessProbe.AssertVisibleAsync(colleague, id, marker, "/api/focal-points/{id}");
        (await GetJsonAsync(colleague, $"/api/focal-points/{id}/history")).GetProperty("withdrawn").GetProperty("reason").GetString().ShouldBe("Left the post.");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MeetingCorrectionSqliteTests(SqlitePlatform platform) : MeetingCorrectionTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class MeetingCorrectionPostgresTests(PostgresPlatform platform) : MeetingCorrectionTests(platform);

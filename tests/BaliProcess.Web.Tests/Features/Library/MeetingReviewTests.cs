using System.Net;
using System.Net.Http.Json;
using System.Text;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>What imports leave for a person: attendees kept by name and linked once, and points where two documents of one meeting disagree.</summary>
public abstract class MeetingReviewTests(PlatformFactory platform)
{
    [Fact]
    public async Task Import_AttendeeMatchingNoDirectoryEntry_IsKeptByNameAndListedForReview()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var (meetingId, guest) = await ImportWithGuestAsync(officer);

        var meeting = await GetJsonAsync(officer, $"/api/meetings/{meetingId}");
        meeting.GetProperty("participants").EnumerateArray().ShouldContain(p => p.GetProperty("name").GetString() == guest && p.GetProperty("code").ValueKind == System.Text.Json.JsonValueKind.Null);
        var review = await GetJsonAsync(officer, "/api/meetings/review");
        review.GetProperty("unlinked").EnumerateArray().ShouldContain(p => p.GetProperty("name").GetString() == guest && p.GetProperty("meetingId").GetGuid() == meetingId);
    }

    [Fact]
    public async Task LinkParticipant_ByMemberAdmin_LinksTheNameAndLaterImportsRecogniseIt()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var admin = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);
        var (meetingId, guest) = await ImportWithGuestAsync(officer);
        var participantId = await UnlinkedIdAsync(meetingId, guest);

        var refused = await officer.PostAsJsonAsync($"/api/meetings/{meetingId}/participants/{participantId}/link", new { code = "PNG" });
        var linked = await admin.PostAsJsonAsync($"/api/meetings/{meetingId}/participants/{participantId}/link", new { code = "PNG" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        linked.StatusCode.ShouldBe(HttpStatusCode.OK, await linked.Content.ReadAsStringAsync());
        (await platform.WithDbAsync(db => db.Set<Member>().SingleAsync(m => m.Code == "PNG"))).Variants.ShouldContain(guest);
        var (laterId, _) = await ImportWithGuestAsync(officer, guest);
        var later = await GetJsonAsync(officer, $"/api/meetings/{laterId}");
        later.GetProperty("participants").EnumerateArray().ShouldContain(p => p.GetProperty("code").GetString() == "PNG");
        later.GetProperty("participants").EnumerateArray().ShouldNotContain(p => p.GetProperty("name").GetString() == guest && p.GetProperty("code").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task LinkParticipant_UnknownCodeOrOtherMembersMeeting_AnswersProblemAndChangesNothing()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var foreignAdmin = await platform.SignInNewUserAsync("AUS", [Roles.MemberAdmin]);
        var admin = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);
        var (meetingId, guest) = await ImportWithGuestAsync(officer, scope: "OwnMember");
        var participantId = await UnlinkedIdAsync(meetingId, guest);

        var unknown = await admin.PostAsJsonAsync($"/api/meetings/{meetingId}/participants/{participantId}/link", new { code = "NOPE" });
        var foreign = await foreignAdmin.PostAsJsonAsync($"/api/meetings/{meetingId}/participants/{participantId}/link", new { code = "PNG" });
        var foreignList = await GetJsonAsync(foreignAdmin, "/api/meetings/review");

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("NOPE");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreignList.GetProperty("unlinked").EnumerateArray().ShouldNotContain(p => p.GetProperty("name").GetString() == guest);
        (await UnlinkedIdAsync(meetingId, guest)).ShouldBe(participantId);
    }

    [Fact]
    public async Task ReviewPage_MemberAdminLinksANameWithTheForm_ShowsItLinked()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var admin = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);
        var (meetingId, guest) = await ImportWithGuestAsync(officer);
        var participantId = await UnlinkedIdAsync(meetingId, guest);
        var page = await admin.GetStringAsync("/Meetings/Review");
        page.ShouldContain(WebUtility.HtmlEncode(guest));

        var wrong = await admin.PostAsync("/Meetings/Review?handler=Link", PlatformFactory.Form(page,
            ("meetingId", meetingId.ToString()), ("participantId", participantId.ToString()), ("code", "NOPE")));
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        var done = await admin.PostAsync("/Meetings/Review?handler=Link", PlatformFactory.Form(page,
            ("meetingId", meetingId.ToString()), ("participantId", participantId.ToString()), ("code", "PNG")));

        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        wrongHtml.ShouldContain("error-summary");
        wrongHtml.ShouldContain("NOPE");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await admin.GetStringAsync(done.Headers.Location!.OriginalString);
        after.ShouldContain("role=\"status\"");
        after.ShouldNotContain(WebUtility.HtmlEncode(guest));
        (await platform.WithDbAsync(db => db.Set<MeetingParticipant>().SingleAsync(p => p.Id == participantId))).MemberId.ShouldNotBeNull();
    }

    [Fact]
    public async Task ReviewPage_OfficerWithoutAdminRole_SeesNoLinkFormAndCannotPostOne()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var (meetingId, guest) = await ImportWithGuestAsync(officer);
        var participantId = await UnlinkedIdAsync(meetingId, guest);
        var page = await officer.GetStringAsync("/Meetings/Review");

        var post = await officer.PostAsync("/Meetings/Review?handler=Link", PlatformFactory.Form(page,
            ("meetingId", meetingId.ToString()), ("participantId", participantId.ToString()), ("code", "PNG")));

        page.ShouldContain(WebUtility.HtmlEncode(guest));
        page.ShouldNotContain("handler=Link");
        post.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await platform.WithDbAsync(db => db.Set<MeetingParticipant>().SingleAsync(p => p.Id == participantId))).MemberId.ShouldBeNull();
    }

    [Fact]
    public async Task SecondDocumentOfAMeeting_DisagreeingOnThePlace_BecomesOneMeetingWithAReviewPointThatCanBeTaken()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Merge");
        var (content, _) = Statement(marker);
        var firstId = await ImportAsync(officer, $"first-{marker}.txt", content);
        var second = Encoding.UTF8.GetString(content).Replace("in Jakarta, Indonesia", "in Bogor, Indonesia", StringComparison.Ordinal) + "\nThe Meeting welcomed the report of the host.\n";
        var secondId = await ImportAsync(officer, $"second-{marker}.txt", Encoding.UTF8.GetBytes(second));

        var meetings = await platform.WithDbAsync(db => db.Set<MeetingSource>().Where(s => s.DocumentId == firstId || s.DocumentId == secondId).Select(s => s.MeetingId).Distinct().ToListAsync());
        var meetingId = meetings.ShouldHaveSingleItem();
        var review = await GetJsonAsync(officer, "/api/meetings/review");
        var item = review.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("meetingId").GetGuid() == meetingId && i.GetProperty("field").GetString() == "place");
        item.GetProperty("currentValue").GetString().ShouldBe("Jakarta, Indonesia");
        item.GetProperty("proposedValue").GetString().ShouldBe("Bogor, Indonesia");
        var itemId = item.GetProperty("id").GetGuid();

        var noReason = await officer.PostAsJsonAsync($"/api/meetings/{meetingId}/review/{itemId}/resolve", new { take = true });
        var taken = await officer.PostAsJsonAsync($"/api/meetings/{meetingId}/review/{itemId}/resolve", new { take = true, reason = "The host's note gives the right venue." });
        var again = await officer.PostAsJsonAsync($"/api/meetings/{meetingId}/review/{itemId}/resolve", new { take = false, reason = "Twice." });

        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        taken.StatusCode.ShouldBe(HttpStatusCode.OK, await taken.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await platform.WithDbAsync(db => db.Set<Meeting>().Where(m => m.Id == meetingId).Select(m => m.Place).SingleAsync())).ShouldBe("Bogor, Indonesia");
    }

    /// <summary>A statement whose attendees include a name no Directory entry has (unique to the test unless given).</summary>
    private async Task<(Guid MeetingId, string Guest)> ImportWithGuestAsync(HttpClient client, string? guest = null, string scope = "Public")
    {
        var marker = Marker("Guest");
        // A name as documents write them (capitalised words), unique to the test: the marker's hex digits as letters.
        var letters = new string([.. marker[5..].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))]);
        guest ??= $"Coastal Authority of {char.ToUpperInvariant(letters[0])}{letters[1..]}";
        var (content, _) = Statement(marker);
        var text = Encoding.UTF8.GetString(content).Replace("Thailand and Viet Nam", $"Thailand, Viet Nam and the {guest}", StringComparison.Ordinal);
        var documentId = await ImportAsync(client, $"guest-{marker}.txt", Encoding.UTF8.GetBytes(text), scope);
        var meetingId = await platform.WithDbAsync(db => db.Set<MeetingSource>().Where(s => s.DocumentId == documentId).Select(s => s.MeetingId).SingleAsync());
        return (meetingId, guest);
    }

    private Task<Guid> UnlinkedIdAsync(Guid meetingId, string name) =>
        platform.WithDbAsync(db => db.Set<MeetingParticipant>().Where(p => p.MeetingId == meetingId && p.MemberId == null && p.Name == name).Select(p => p.Id).SingleAsync());
}

[Collection(SqliteCollection.Name)]
public sealed class MeetingReviewSqliteTests(SqlitePlatform platform) : MeetingReviewTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class MeetingReviewPostgresTests(PostgresPlatform platform) : MeetingReviewTests(platform);

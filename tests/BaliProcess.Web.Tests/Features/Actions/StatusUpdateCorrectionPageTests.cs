using System.Net;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>The status update's correction page, as a browser without script uses it.</summary>
public abstract class StatusUpdateCorrectionPageTests(PlatformFactory platform)
{
    [Fact]
    public async Task CorrectUpdatePage_WithAndWithoutReason_SavesOnlyWithTheReasonAndKeepsTheOriginalInHistory()
    {
        var user = await platform.CreateUserAsync("IDN", [Roles.MemberOfficer]);
        var officer = await platform.SignInAsync(user);
        var marker = Marker("Page");
        var actionId = await ActionsTestSupport.ImportReportAsync(platform, ActionsTestSupport.Report(platform, marker, "IDN", "Under way.").Content, DistributionScope.OwnMember, user);
        var update = await platform.WithDbAsync(db => db.Set<StatusUpdate>().Where(u => u.ActionId == actionId).OrderBy(u => u.RecordedAt).FirstAsync());
        var editUrl = $"/Actions/{actionId}/Updates/{update.Id}/Edit";
        (await officer.GetStringAsync($"/Actions/{actionId}")).ShouldContain(editUrl);
        var page = await officer.GetStringAsync(editUrl);

        var refused = await officer.PostAsync(editUrl, PlatformFactory.Form(page,
            ("Form.AsOf", update.AsOf.ToString("yyyy-MM-dd")), ("Form.Status", "Completed"), ("Form.Narrative", $"Done {marker}"), ("Form.Reason", "")));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        var unchanged = await platform.WithDbAsync(db => db.Set<StatusUpdate>().AsNoTracking().SingleAsync(u => u.Id == update.Id));
        var saved = await officer.PostAsync(editUrl, PlatformFactory.Form(page,
            ("Form.AsOf", update.AsOf.ToString("yyyy-MM-dd")), ("Form.Status", "Completed"), ("Form.Narrative", $"Done {marker}"), ("Form.Reason", "The report was out of date.")));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        refusedHtml.ShouldContain("error-summary");
        unchanged.Narrative.ShouldBe(update.Narrative);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.OriginalString.ShouldStartWith($"/Actions/{actionId}?corrected=true");
        var corrected = await platform.WithDbAsync(db => db.Set<StatusUpdate>().AsNoTracking().SingleAsync(u => u.Id == update.Id));
        (corrected.Status, corrected.Narrative).ShouldBe((ActionStatus.Completed, $"Done {marker}"));
        var history = (await GetJsonAsync(officer, $"/api/actions/{actionId}/history")).GetProperty("history")[0];
        history.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "narrative").GetProperty("from").GetString().ShouldBe(update.Narrative);
        var actionPage = await officer.GetStringAsync($"/Actions/{actionId}");
        actionPage.ShouldContain("<dt>What has happened</dt>", customMessage: "the history names the field as the form does");
        actionPage.ShouldNotContain("<dt>narrative</dt>");
    }

    [Theory]
    [InlineData("dueDate", "Due date")]
    [InlineData("narrative", "What has happened")]
    [InlineData("membership:IDN", "Membership: IDN")]
    [InlineData("someNewField", "Some new field")]
    public void FieldLabel_StoredFieldName_ReadsAsWords(string field, string label) =>
        CorrectionsPanel.FieldLabel(field).ShouldBe(label);

    [Fact]
    public async Task CorrectUpdatePage_OtherMembersActionOrUnknownUpdate_Answers404()
    {
        var user = await platform.CreateUserAsync("IDN", [Roles.MemberOfficer]);
        var marker = Marker("Page");
        var actionId = await ActionsTestSupport.ImportReportAsync(platform, ActionsTestSupport.Report(platform, marker, "IDN", "Under way.").Content, DistributionScope.OwnMember, user);
        var updateId = await platform.WithDbAsync(db => db.Set<StatusUpdate>().Where(u => u.ActionId == actionId).Select(u => u.Id).FirstAsync());
        var australia = await platform.SignInNewUserAsync("AUS");
        var officer = await platform.SignInAsync(user);

        (await australia.GetAsync($"/Actions/{actionId}/Updates/{updateId}/Edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.GetAsync($"/Actions/{actionId}/Updates/{Guid.CreateVersion7()}/Edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StatusUpdateCorrectionPageSqliteTests(SqlitePlatform platform) : StatusUpdateCorrectionPageTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class StatusUpdateCorrectionPagePostgresTests(PostgresPlatform platform) : StatusUpdateCorrectionPageTests(platform);

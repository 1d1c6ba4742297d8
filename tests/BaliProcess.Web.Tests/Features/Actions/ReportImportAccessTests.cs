using System.Text;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>
/// Defects 3 and 7: a Library upload that reads as a progress report changes an existing action only as a direct update
/// could (lead rule, file no narrower than the action), and a theme is seen only through an action the viewer may read.
/// </summary>
public abstract class ReportImportAccessTests(PlatformFactory platform)
{
    [Fact]
    public async Task ImportReport_UploaderWhoDoesNotLead_LeavesThePublicActionUnchangedAndSaysWhy()
    {
        var (marker, theme, actionId) = await PublicActionAsync("RSO");
        var australia = await platform.CreateUserAsync("AUS");

        var message = await ImportAsync(SameAction(marker, theme, "RSO", $"Completed. Secret {marker} detail."), DistributionScope.Public, australia);

        message.ShouldContain("you do not lead them");
        await ShouldBeUnchangedAsync(actionId, marker);
    }

    [Fact]
    public async Task ImportReport_LeadWithOwnMemberFile_DoesNotCopyItsTextOntoThePublicAction()
    {
        var (marker, theme, actionId) = await PublicActionAsync("IDN");
        var indonesia = await platform.CreateUserAsync("IDN");

        var message = await ImportAsync(SameAction(marker, theme, "IDN", $"Completed. Secret {marker} detail."), DistributionScope.OwnMember, indonesia);

        message.ShouldContain("shared more widely than this file");
        await ShouldBeUnchangedAsync(actionId, marker);
    }

    [Fact]
    public async Task ImportReport_LeadWithPublicFile_RecordsTheUpdateAsADirectUpdateWould()
    {
        var (marker, theme, actionId) = await PublicActionAsync("IDN");
        var indonesia = await platform.CreateUserAsync("IDN");

        await ImportAsync(SameAction(marker, theme, "IDN", $"Completed. Public {marker} detail."), DistributionScope.Public, indonesia);

        (await UpdateCountAsync(platform, actionId)).ShouldBe(2);
        (await platform.WithDbAsync(db => db.Set<TrackedAction>().Where(a => a.Id == actionId).Select(a => a.Status).SingleAsync())).ShouldNotBe(ActionStatus.UnderWay);
        (await platform.Anonymous().GetStringAsync($"/api/actions/{actionId}")).ShouldContain($"Public {marker} detail");
    }

    [Fact]
    public async Task ActionThemes_ThemeOfAnotherMembersPrivateReport_IsShownOnlyToThoseWhoReadItsActions()
    {
        var marker = Marker("Hidden");
        var indonesia = await platform.CreateUserAsync("IDN");
        await ImportReportAsync(platform, Report(platform, marker, "IDN", "Under way.").Content, DistributionScope.OwnMember, indonesia);
        var actionsKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.ActionsRead));
        var directoryKey = platform.WithApiKey(await platform.CreateApiKeyAsync("IDN", ApiScopes.DirectoryRead));

        (await platform.Anonymous().GetStringAsync("/api/action-themes")).ShouldNotContain(marker);
        (await (await platform.SignInNewUserAsync("AUS")).GetStringAsync("/api/action-themes")).ShouldNotContain(marker);
        (await (await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin])).GetStringAsync("/Actions/New")).ShouldNotContain(marker);
        (await directoryKey.GetStringAsync("/api/action-themes")).ShouldNotContain(marker);
        (await (await platform.SignInAsync(indonesia)).GetStringAsync("/api/action-themes")).ShouldContain(marker);
        (await actionsKey.GetStringAsync("/api/action-themes")).ShouldContain(marker);
    }

    /// <summary>A public action (imported by the system from a public report) led by <paramref name="lead"/>.</summary>
    private async Task<(string Marker, int Theme, Guid ActionId)> PublicActionAsync(string lead)
    {
        var marker = Marker("Lead");
        var (content, theme) = Report(platform, marker, lead, "Under way.", new DateOnly(2026, 1, 1));
        var actionId = await ImportReportAsync(platform, content, DistributionScope.Public);
        (await UpdateCountAsync(platform, actionId)).ShouldBe(1);
        return (marker, theme, actionId);
    }

    private async Task ShouldBeUnchangedAsync(Guid actionId, string marker)
    {
        (await UpdateCountAsync(platform, actionId)).ShouldBe(1);
        (await platform.WithDbAsync(db => db.Set<TrackedAction>().Where(a => a.Id == actionId).Select(a => a.Status).SingleAsync())).ShouldBe(ActionStatus.UnderWay);
        (await platform.Anonymous().GetStringAsync($"/api/actions/{actionId}")).ShouldNotContain($"Secret {marker}");
    }

    /// <summary>A later report of the same theme and action (the form <see cref="ActionsTestSupport.Report"/> writes).</summary>
    private static byte[] SameAction(string marker, int theme, string who, string details) => Encoding.UTF8.GetBytes($"""
        Ad Hoc Group Progress Report: June 2026

        Report summarises activities undertaken since the previous meeting.

        	Action/Recommendation	Who	Status/Details
        {theme}. Theme {marker}			
        {theme}.1	Develop the {marker} toolkit for frontline officers	{who}	{details}
        """.Replace("\r\n", "\n", StringComparison.Ordinal));

    /// <summary>Imports through the Library as <paramref name="importer"/> would upload it; returns the import's message.</summary>
    private async Task<string> ImportAsync(byte[] content, DistributionScope scope, TestUser importer)
    {
        await using var services = platform.Scope();
        var documents = services.ServiceProvider.GetRequiredService<DocumentImporter>();
        var viewer = new Viewer(importer.Id, importer.MemberId, null, new HashSet<string> { Roles.MemberOfficer });
        var context = await documents.ResolveContextAsync(new ScopeInput(scope), viewer, AuditActor.System("test"), default);
        var result = await documents.ImportAsync(context.Value!, $"report-{Guid.NewGuid():N}.txt", content, default);
        result.Status.ShouldBe(ImportStatus.Imported, result.Message);
        return result.Message;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportImportAccessSqliteTests(SqlitePlatform platform) : ReportImportAccessTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ReportImportAccessPostgresTests(PostgresPlatform platform) : ReportImportAccessTests(platform);

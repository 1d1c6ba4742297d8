using System.Text.RegularExpressions;
using BaliProcess.Browser.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static BaliProcess.Web.Tests.Features.Actions.ActionsTestSupport;
using static Microsoft.Playwright.Assertions;

namespace BaliProcess.Browser.Tests;

/// <summary>A lead's round trip through the tracker: dashboard, one of its actions, a status update, and the progress report.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ActionsJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task LeadJourney_DashboardToActionToReport_UpdateAppearsUnderChangedSinceTheLastReport()
    {
        await ImportSeedReportAsync(fixture.Platform);
        var iom = await fixture.Platform.CreateUserAsync("IOM");
        var page = await fixture.NewPageAsync(fixture.Platform);
        await Journeys.SubmitPasswordAsync(page, iom.Email, iom.Password, checkAccessibility: false);
        await Journeys.SubmitCodeAsync(page, Journeys.FreshCode(iom.AuthenticatorKey));
        await Journeys.ExpectSignedInAsync(page);

        // An RSO administrator issues a report: "changed since" later compares with it (a download is a draft and moves nothing).
        var rso = await fixture.Platform.CreateUserAsync("RSO", [BaliProcess.Web.Infrastructure.Security.Roles.PlatformAdmin]);
        await using (var scope = fixture.Platform.Scope())
        {
            var period = BaliProcess.Web.Tests.Features.Actions.IssuedReportTestSupport.NextPeriod(fixture.Platform);
            var issuer = new BaliProcess.Web.Infrastructure.Security.Viewer(rso.Id, rso.MemberId, null, new HashSet<string> { BaliProcess.Web.Infrastructure.Security.Roles.PlatformAdmin });
            var issued = await scope.ServiceProvider.GetRequiredService<BaliProcess.Web.Features.Actions.Reports.ProgressReportService>()
                .IssueAsync(issuer, new BaliProcess.Web.Features.Actions.Reports.IssueReportInput(period.From, period.To, null, "Public"), default);
            issued.Succeeded.ShouldBeTrue("the RSO issues the report");
        }

        // The report, downloaded as a PDF.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Progress report", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Actions/Report"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "PDF", Exact = true }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");

        // The dashboard: the lead finds its own action under "My actions".
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Actions", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Actions$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Actions", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Number of actions by theme and status" }).First).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();
        var mine = page.GetByRole(AriaRole.Table, new() { Name = "Actions that your member leads, directly or through a body" });
        var row = mine.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "3.3", Exact = true }) });
        await row.GetByRole(AriaRole.Link).ClickAsync();

        // The action: its history, then a new status update through the form.
        await Expect(page).ToHaveURLAsync(ActionPath());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("3.3");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Status history" })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();
        var marker = Marker("Journey");
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Under way" });
        await page.GetByLabel("What has happened").FillAsync($"The {marker} pilot trained border officials in two provinces.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the update" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your status update was saved.");
        await Expect(page.Locator("#history + ol")).ToContainTextAsync(marker);
        await page.AssertNoViolationsAsync();

        // Back to the report: the update is what changed since the report issued above.
        await page.GetByRole(AriaRole.Link, new() { Name = "Progress report", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Show only what changed since the last report" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("view=changed"));
        var changed = page.GetByRole(AriaRole.Table, new() { Name = "Changed since the last report" });
        await Expect(changed.GetByRole(AriaRole.Row).Filter(new() { HasText = marker })).ToContainTextAsync("3.3");
        await page.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task AdministratorJourney_AddThemeActionAndIndicator_TheActionPageShowsTheChartWithItsTarget()
    {
        var admin = await fixture.Platform.CreateUserAsync("RSO", [BaliProcess.Web.Infrastructure.Security.Roles.PlatformAdmin]);
        var page = await fixture.NewPageAsync(fixture.Platform);
        await Journeys.SubmitPasswordAsync(page, admin.Email, admin.Password, checkAccessibility: false);
        await Journeys.SubmitCodeAsync(page, Journeys.FreshCode(admin.AuthenticatorKey));
        var strategy = Marker("Strategy");
        var marker = Marker("Workshop");

        await page.GotoAsync("/Actions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an action or a theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add an action", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Strategy").FillAsync(strategy);
        await page.GetByLabel("Theme number").FillAsync("3");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Border management");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The theme 3. Border management was added.");
        await page.AssertNoViolationsAsync();

        await page.GetByLabel("Theme", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"3. Border management ({strategy})" });
        await page.GetByLabel("Number", new() { Exact = true }).FillAsync("3.9");
        await page.GetByLabel("Action/Recommendation").FillAsync($"Hold the {marker} on document examination");
        await page.GetByLabel("Leads").FillAsync("Thailand, IOM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the action" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(ActionPath());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(marker);

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Officials trained");
        await page.GetByLabel("Unit", new() { Exact = true }).FillAsync("participants");
        await page.GetByLabel("Target (optional)").FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the indicator" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The indicator was added.");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("35");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the value" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The value was recorded.");

        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Officials trained over time" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Target: 80 participants.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Values of Officials trained (participants)" })).ToContainTextAsync("35");
        await page.AssertNoViolationsAsync();
    }

    [GeneratedRegex("/Actions/[0-9a-f-]{36}$")]
    private static partial Regex ActionPath();
}

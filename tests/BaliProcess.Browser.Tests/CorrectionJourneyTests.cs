using System.Text.RegularExpressions;
using BaliProcess.Browser.Tests.Infrastructure;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;
using static Microsoft.Playwright.Assertions;

namespace BaliProcess.Browser.Tests;

/// <summary>An officer corrects a document and the meeting read from it through the pages, and sees the history.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CorrectionJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task OwnerJourney_CorrectDocumentAndMeeting_HistoryShowsTheReasonAndWideningNeedsConfirmation()
    {
        var officer = await fixture.Platform.CreateUserAsync("IDN");
        var marker = Marker("Correct");
        var documentId = await ImportOwnMemberStatementAsync(fixture.Platform, officer, marker);
        var meetingId = await fixture.Platform.WithDbAsync(db => db.Set<MeetingSource>().Where(s => s.DocumentId == documentId).Select(s => s.MeetingId).SingleAsync());
        var page = await fixture.NewPageAsync(fixture.Platform);
        await Journeys.SubmitPasswordAsync(page, officer.Email, officer.Password, checkAccessibility: false);
        await Journeys.SubmitCodeAsync(page, Journeys.FreshCode(officer.AuthenticatorKey));
        await Journeys.ExpectSignedInAsync(page);

        // The document: from its page to the correction form, a new title with a reason, back with the history.
        await page.GotoAsync($"/Library/Documents/{documentId}");
        await page.AssertNoViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Correct or withdraw this record" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Library/Documents/{documentId}/Edit$"));
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync($"Corrected statement {marker}");
        await page.GetByLabel("Reason for the correction").FillAsync("The title was read wrongly from the file.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the correction" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The correction was saved.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Corrected statement {marker}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToBeVisibleAsync();
        await Expect(page.Locator("#corrections-history + ol")).ToContainTextAsync("The title was read wrongly from the file.");
        await page.AssertNoViolationsAsync();

        // Widening to the public without the confirmation: a message on the form, and the scope stays as it was.
        await page.GetByRole(AriaRole.Link, new() { Name = "Correct or withdraw this record" }).ClickAsync();
        await page.GetByLabel("Public", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Reason for the correction").FillAsync("Cleared for release.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the correction" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Library/Documents/{documentId}/Edit"));
        await Expect(page.Locator(".field-error").Filter(new() { HasText = "confirm the widening" })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync();
        (await fixture.Platform.WithDbAsync(db => db.Set<LibraryDocument>().Where(d => d.Id == documentId).Select(d => d.Scope).SingleAsync()))
            .ShouldBe(DistributionScope.OwnMember);

        // The meeting: a corrected place and first outcome, with a reason; its page then shows both and the history.
        await page.GotoAsync($"/Meetings/{meetingId}");
        await page.AssertNoViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Correct or withdraw this record" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Meetings/{meetingId}/Edit$"));
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Place", new() { Exact = true }).FillAsync("Bali");
        await page.GetByLabel("Outcome 1: text").FillAsync($"Agreed to convene a corrected workshop on {marker}.");
        await page.GetByLabel("Reason for the correction").FillAsync("The statement names Bali as the venue.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the correction" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The correction was saved.");
        await Expect(page.GetByText($"Agreed to convene a corrected workshop on {marker}.").First).ToBeVisibleAsync();
        await Expect(page.Locator("#corrections-history + ol")).ToContainTextAsync("The statement names Bali as the venue.");
        await page.AssertNoViolationsAsync();

        (await fixture.Platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a =>
            (a.Action == LibraryCorrectionAudit.DocumentEdited && a.SubjectId == documentId.ToString())
            || (a.Action == LibraryCorrectionAudit.MeetingEdited && a.SubjectId == meetingId.ToString())))).ShouldBe(2);
    }

    /// <summary>Imports a co-chairs' statement as the officer would upload it, seen only by the officer's member.</summary>
    private static async Task<Guid> ImportOwnMemberStatementAsync(PlatformFactory platform, TestUser officer, string marker)
    {
        await using var services = platform.Scope();
        var importer = services.ServiceProvider.GetRequiredService<DocumentImporter>();
        var viewer = new Viewer(officer.Id, officer.MemberId, null, new HashSet<string> { Roles.MemberOfficer });
        var context = await importer.ResolveContextAsync(new ScopeInput(DistributionScope.OwnMember), viewer, AuditActor.System("test"), default);
        context.Succeeded.ShouldBeTrue(string.Join("; ", context.Invalid?.Errors.SelectMany(e => e.Value) ?? []));
        var result = await importer.ImportAsync(context.Value!, $"statement-{marker}.txt", Statement(marker).Content, default);
        result.Status.ShouldBe(ImportStatus.Imported, result.Message);
        return result.DocumentId!.Value;
    }
}

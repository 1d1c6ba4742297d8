using System.Net;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Directory;

/// <summary>The correction pages: a valid form saves and returns to the record; bad input shows its message on the form and stores nothing.</summary>
public abstract class DirectoryCorrectionPageTests(PlatformFactory platform)
{
    private async Task<(HttpClient Admin, string Code)> AdminWithMemberAsync()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var code = "P" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var page = await admin.GetStringAsync("/Directory/Members/New");
        var created = await admin.PostAsync("/Directory/Members/New", PlatformFactory.Form(page, ("Form.Name", $"Page organisation {code}"), ("Form.Kind", "ObserverOrganisation"), ("Form.Code", code)));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (admin, code);
    }

    private Task<int> HistoryCountAsync() => platform.WithDbAsync(db => db.Set<DirectoryChange>().CountAsync());

    [Fact]
    public async Task EditMemberPage_ValidForm_SavesAndShowsTheHistory()
    {
        var (admin, code) = await AdminWithMemberAsync();
        var page = await admin.GetStringAsync($"/Directory/Members/{code}/Edit");

        var response = await admin.PostAsync($"/Directory/Members/{code}/Edit", PlatformFactory.Form(page,
            ("Form.Name", $"Corrected {code}"), ("Form.Variants", "First variant\nHong Kong SAR, China"), ("Form.MemberSince", ""), ("Form.Reason", "Spelling")));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldBe($"/Directory/Members/{code}");
        var member = await platform.WithDbAsync(db => db.Set<Member>().AsNoTracking().SingleAsync(m => m.Code == code));
        member.Variants.ShouldBe(["First variant", "Hong Kong SAR, China"]);
        var edit = await admin.GetStringAsync($"/Directory/Members/{code}/Edit");
        edit.ShouldContain("Spelling");
        edit.ShouldContain($"Page organisation {code}");
    }

    [Theory]
    [InlineData("", "Spelling", "Name is required.")]
    [InlineData("A name", "", "Give the reason for the correction")]
    [InlineData("A name", "Spelling", "Member since must be a year", "twenty")]
    public async Task EditMemberPage_BadInput_ShowsTheMessageAndStoresNothing(string name, string reason, string message, string since = "")
    {
        var (admin, code) = await AdminWithMemberAsync();
        var page = await admin.GetStringAsync($"/Directory/Members/{code}/Edit");
        var before = await HistoryCountAsync();

        var response = await admin.PostAsync($"/Directory/Members/{code}/Edit", PlatformFactory.Form(page, ("Form.Name", name), ("Form.MemberSince", since), ("Form.Reason", reason)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain(message);
        (await HistoryCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("2015-01-01", "2014-12-31", "before the start date")]
    [InlineData("1 March", "", "is not a date")]
    public async Task EditBodyPage_BadMembershipDates_ShowTheMessageAndStoreNothing(string since, string until, string message)
    {
        var (admin, code) = await AdminWithMemberAsync();
        var page = await admin.GetStringAsync("/Directory/Bodies/TEWG/Edit");
        var before = await HistoryCountAsync();

        var response = await admin.PostAsync("/Directory/Bodies/TEWG/Edit?handler=Membership", PlatformFactory.Form(page,
            ("Membership.Member", code), ("Membership.Role", "Member"), ("Membership.Since", since), ("Membership.Until", until), ("Membership.Reason", "dates")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain(message);
        // The names form, not posted, still shows the stored name.
        html.ShouldContain("value=\"Technical Experts Working Group on Irregular Movements\"");
        (await HistoryCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task EditBodyPage_AddMembership_ShowsItOnTheBodyPageWithItsDate()
    {
        var (admin, code) = await AdminWithMemberAsync();
        var page = await admin.GetStringAsync("/Directory/Bodies/TEWG/Edit");

        var response = await admin.PostAsync("/Directory/Bodies/TEWG/Edit?handler=Membership", PlatformFactory.Form(page,
            ("Membership.Member", code), ("Membership.Role", "Member"), ("Membership.Since", "2013-05-02"), ("Membership.Until", ""), ("Membership.Reason", "Attended 2013")));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var body = System.Net.WebUtility.HtmlDecode(await platform.Anonymous().GetStringAsync("/Directory/Bodies/TEWG"));
        body.ShouldContain($"Page organisation {code}");
        body.ShouldContain("since 2 May 2013");
        body.ShouldNotContain("Correct this body");
    }

    [Fact]
    public async Task MemberPage_PlatformAdminOnly_OffersTheCorrection()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var officer = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);

        (await admin.GetStringAsync("/Directory/Members/IDN")).ShouldContain("/Directory/Members/IDN/Edit");
        (await officer.GetStringAsync("/Directory/Members/IDN")).ShouldNotContain("/Directory/Members/IDN/Edit");
        (await officer.GetAsync("/Directory/Members/IDN/Edit")).Headers.Location!.OriginalString.ShouldContain("/Accounts/Denied");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DirectoryCorrectionPageSqliteTests(SqlitePlatform platform) : DirectoryCorrectionPageTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class DirectoryCorrectionPagePostgresTests(PostgresPlatform platform) : DirectoryCorrectionPageTests(platform);

using System.Net;
using System.Text.RegularExpressions;
using BaliProcess.Documents;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Home;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Home;

/// <summary>
/// The home page's cards through the access rule: another member's restricted record is neither listed nor counted,
/// the viewer's own is both. Counts are compared before and after, as other tests share the database.
/// </summary>
public abstract partial class HomePageTests(PlatformFactory platform)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Marker(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 12)];

    private Task<Guid> MemberIdAsync(string code) => platform.WithDbAsync(db => db.Set<Member>().Where(m => m.Code == code).Select(m => m.Id).SingleAsync());

    private async Task AddMeetingAsync(string owner, DistributionScope scope, string title, DateOnly start)
    {
        var member = await MemberIdAsync(owner);
        await platform.WithDbAsync(async db =>
        {
            db.Add(new Meeting { OwnerMemberId = member, Scope = scope, Title = title, StartDate = start, EndDate = start });
            return await db.SaveChangesAsync();
        });
    }

    private async Task AddDocumentAsync(string owner, DistributionScope scope, string title, DocumentKind kind = DocumentKind.CoChairsStatement, bool draft = false, Guid? importedBy = null)
    {
        var member = await MemberIdAsync(owner);
        await platform.WithDbAsync(async db =>
        {
            db.Add(new LibraryDocument
            {
                OwnerMemberId = member, Scope = scope, IsDraft = draft, Kind = kind, Title = title, Date = Today,
                OriginalFileName = "home.txt", ContentType = "text/plain", ContentHash = Guid.NewGuid().ToString("N"), Text = title,
                ImportedAt = DateTime.UtcNow, ImportedByUserId = importedBy,
            });
            return await db.SaveChangesAsync();
        });
    }

    private async Task AddActionAsync(string lead, DistributionScope scope, string text)
    {
        var member = await MemberIdAsync(lead);
        await platform.WithDbAsync(async db =>
        {
            var theme = new ActionTheme { Number = 1, Title = text, Strategy = text };
            var action = new TrackedAction
            {
                OwnerMemberId = member, Scope = scope, ThemeId = theme.Id, Number = "1.1", Text = text, WhoText = lead,
                Status = ActionStatus.UnderWay, DueDate = Today.AddDays(5), CreatedAt = DateTime.UtcNow,
            };
            action.Parties.Add(new ActionParty { ActionId = action.Id, Role = PartyRole.Lead, MemberId = member, Label = lead });
            db.AddRange(theme, action);
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>The count in parentheses after the card heading with this id.</summary>
    private static int CardCount(string html, string cardId)
    {
        var match = Regex.Match(html, $"id=\"{cardId}\"[^>]*>[^<]*<span class=\"count\">\\((\\d+)\\)</span>");
        match.Success.ShouldBeTrue($"no card {cardId}");
        return int.Parse(match.Groups[1].Value);
    }

    [Fact]
    public async Task PublicHome_Anonymous_ShowsTheProcessAndOnlyPublicStatementsAndMeetings()
    {
        var publicTitle = Marker("Public statement ");
        var restrictedTitle = Marker("Members statement ");
        var anonymous = platform.Anonymous();
        var before = await anonymous.GetStringAsync("/");

        await AddDocumentAsync("IDN", DistributionScope.Public, publicTitle);
        await AddDocumentAsync("IDN", DistributionScope.AllMembers, restrictedTitle);
        await AddMeetingAsync("IDN", DistributionScope.OwnMember, restrictedTitle, Today.AddDays(400));
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/"));

        html.ShouldContain("began in 2002 with a regional ministerial conference in Bali");
        html.ShouldContain(publicTitle);
        html.ShouldNotContain(restrictedTitle);
        CardCount(html, "card-statements").ShouldBe(CardCount(before, "card-statements") + 1);
        CardCount(html, "card-latest-meetings").ShouldBe(CardCount(before, "card-latest-meetings"));
        html.ShouldNotContain("id=\"card-waiting\"");
    }

    [Fact]
    public async Task PublicHome_IndonesianCulture_ShowsTheParagraphInBahasaIndonesia()
    {
        var html = WebUtility.HtmlDecode(await platform.Anonymous().GetStringAsync("/?culture=id"));

        html.ShouldContain("Proses Bali tentang Penyelundupan Manusia");
        html.ShouldContain("Pernyataan terbaru");
    }

    [Fact]
    public async Task SignedInHome_AnotherMembersPrivateRecords_AreNeitherListedNorCounted()
    {
        var indonesia = await platform.SignInNewUserAsync("IDN");
        var thailand = await platform.SignInNewUserAsync("THA");
        var idnBefore = WebUtility.HtmlDecode(await indonesia.GetStringAsync("/"));
        var thaBefore = WebUtility.HtmlDecode(await thailand.GetStringAsync("/"));
        var meeting = Marker("Indonesian meeting ");
        var document = Marker("Indonesian document ");
        var action = Marker("Indonesian action ");

        await AddMeetingAsync("IDN", DistributionScope.OwnMember, meeting, Today.AddDays(20));
        await AddDocumentAsync("IDN", DistributionScope.OwnMember, document, DocumentKind.Other);
        await AddActionAsync("IDN", DistributionScope.OwnMember, action);
        var idn = WebUtility.HtmlDecode(await indonesia.GetStringAsync("/"));
        var tha = WebUtility.HtmlDecode(await thailand.GetStringAsync("/"));

        idn.ShouldContain(meeting);
        idn.ShouldContain(action);
        CardCount(idn, "card-meetings").ShouldBe(CardCount(idnBefore, "card-meetings") + 1);
        CardCount(idn, "card-actions").ShouldBe(CardCount(idnBefore, "card-actions") + 1);
        CardCount(idn, "card-documents").ShouldBe(CardCount(idnBefore, "card-documents") + 1);
        tha.ShouldNotContain(meeting);
        tha.ShouldNotContain(document);
        tha.ShouldNotContain(action);
        CardCount(tha, "card-meetings").ShouldBe(CardCount(thaBefore, "card-meetings"));
        CardCount(tha, "card-actions").ShouldBe(CardCount(thaBefore, "card-actions"));
        CardCount(tha, "card-documents").ShouldBe(CardCount(thaBefore, "card-documents"));
    }

    [Fact]
    public async Task SignedInHome_EmptyCards_SayThereIsNothingInWords()
    {
        // Kiribati's officials lead no action and are given no record by any test.
        var kiribati = await platform.SignInNewUserAsync("KIR");
        var html = WebUtility.HtmlDecode(await kiribati.GetStringAsync("/"));

        html.ShouldContain("None of your actions is due or waiting for an update.");
        html.ShouldContain("Nothing is waiting for you.");
        html.ShouldContain("Your first visit: documents added in the last 30 days.");
    }

    [Fact]
    public async Task SignedInHome_MemberAdministrator_SeesOwnMembersAccountsWaitingOnly()
    {
        var admin = await platform.SignInNewUserAsync("FJI", [Roles.MemberAdmin]);
        var before = WebUtility.HtmlDecode(await admin.GetStringAsync("/"));
        var ownUser = await platform.CreateUserAsync("FJI");
        var foreignUser = await platform.CreateUserAsync("NZL");
        await platform.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == ownUser.Id || u.Id == foreignUser.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, false));
            return 0;
        });

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/"));

        html.ShouldContain("Accounts that have not set up two-factor sign-in yet: ");
        CardCount(html, "card-waiting").ShouldBe(CardCount(before, "card-waiting") + 1);
    }

    [Fact]
    public async Task SignedInHome_OwnDraftDocument_IsWaitingForItsAuthorOnly()
    {
        var author = await platform.CreateUserAsync("PNG");
        var client = await platform.SignInAsync(author);
        var colleague = await platform.SignInNewUserAsync("PNG");
        await AddDocumentAsync("PNG", DistributionScope.OwnMember, Marker("Draft "), DocumentKind.Other, draft: true, importedBy: author.Id);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        var other = WebUtility.HtmlDecode(await colleague.GetStringAsync("/"));

        html.ShouldContain("Draft documents of yours, not yet published: 1");
        other.ShouldNotContain("Draft documents of yours");
    }

    [Fact]
    public async Task RecordView_WithinAVisitAndAfterTheGap_MovesThePreviousVisitOnlyWhenANewVisitBegins()
    {
        var user = await platform.CreateUserAsync("IDN");
        var start = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

        var first = await platform.WithDbAsync(db => HomeVisits.RecordViewAsync(db, user.Id, start, default));
        var sameVisit = await platform.WithDbAsync(db => HomeVisits.RecordViewAsync(db, user.Id, start.AddMinutes(30), default));
        var nextVisit = await platform.WithDbAsync(db => HomeVisits.RecordViewAsync(db, user.Id, start.AddHours(3), default));
        var stored = await platform.WithDbAsync(db => db.Set<HomeVisit>().AsNoTracking().SingleAsync(v => v.UserId == user.Id));

        first.ShouldBeNull();
        sameVisit.ShouldBeNull();
        nextVisit.ShouldBe(start);
        stored.CurrentVisitAt.ShouldBe(start.AddHours(3));
        stored.PreviousVisitAt.ShouldBe(start);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HomePageSqliteTests(SqlitePlatform platform) : HomePageTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class HomePagePostgresTests(PostgresPlatform platform) : HomePageTests(platform);

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Library;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Infrastructure.Localization;

/// <summary>Pages show names, not codes; one result is "1 result"; dates are written out in the reader's language.</summary>
public abstract partial class LabelsTests(SeededPlatform platform)
{
    private async Task<string> OneFocalPointAsync()
    {
        var marker = $"Lone{Guid.NewGuid():N}"[..20];
        var author = await platform.CreateUserAsync("IDN");
        await using var scope = platform.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var focalPoint = new FocalPoint { OwnerMemberId = author.MemberId, Scope = DistributionScope.Public, PersonName = marker, Role = "Delegate", CreatedAt = now, CreatedByUserId = author.Id };
        db.Add(focalPoint);
        SearchOutbox.Enqueue(db, FocalPointSearchSource.SourceName, focalPoint.Id, now);
        await db.SaveChangesAsync();
        await platform.DrainSearchAsync();
        return marker;
    }

    [Fact]
    public async Task SearchPage_OneHit_SaysOneResultAndNamesTheMemberAndKindInItsFacets()
    {
        var marker = await OneFocalPointAsync();

        var english = WebUtility.HtmlDecode(await platform.Anonymous().GetStringAsync($"/Search?q={marker}"));
        var indonesian = WebUtility.HtmlDecode(await platform.Anonymous().GetStringAsync($"/Search?q={marker}&culture=id"));

        english.ShouldContain(">1 result<");
        english.ShouldContain("Indonesia</a> (1)");
        english.ShouldNotContain(">IDN</a>");
        english.ShouldNotContain(">focalpoint<");
        indonesian.ShouldContain(">1 hasil<");
    }

    [Fact]
    public async Task SearchPage_FilteredByMember_ShowsTheMembersName()
    {
        var marker = await OneFocalPointAsync();

        var html = WebUtility.HtmlDecode(await platform.Anonymous().GetStringAsync($"/Search?q={marker}&member=IDN"));

        html.ShouldContain(": Indonesia</span>");
    }

    [Theory]
    [InlineData("/Meetings")]
    [InlineData("/Library")]
    [InlineData("/Activities")]
    [InlineData("/Actions")]
    public async Task ListPages_BothLanguages_WriteNoNumericDates(string path)
    {
        foreach (var culture in new[] { "en", "id" })
        {
            var html = await platform.Anonymous().GetStringAsync($"{path}?culture={culture}");

            NumericDate().Matches(html).Select(m => m.Value).ShouldBeEmpty($"{path} in {culture}");
        }
    }

    [Fact]
    public async Task MeetingsPage_Indonesian_WritesTheMonthInIndonesian()
    {
        var html = WebUtility.HtmlDecode(await platform.Anonymous().GetStringAsync("/Meetings?culture=id"));

        html.ShouldMatch(@"\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}");
    }

    [GeneratedRegex(@"\b\d{1,2}/\d{1,2}/\d{2,4}\b")]
    private static partial Regex NumericDate();
}

[Collection(SeededSqliteCollection.Name)]
public sealed class LabelsSqliteTests(SeededSqlitePlatform platform) : LabelsTests(platform);

[Collection(SeededPostgresCollection.Name)]
public sealed class LabelsPostgresTests(SeededPostgresPlatform platform) : LabelsTests(platform);

/// <summary>The labels helper itself: one rule for dates, counts and names in both languages.</summary>
public sealed class FormatsTests
{
    private static T In<T>(string culture, Func<T> work)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return work();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [Theory]
    [InlineData("en", "3 June 2027")]
    [InlineData("id", "3 Juni 2027")]
    public void Date_EachCulture_WritesTheMonthOut(string culture, string expected) =>
        In(culture, () => Formats.Date(new DateOnly(2027, 6, 3))).ShouldBe(expected);

    [Fact]
    public void DateTime_Utc_SaysItsTimeZone() =>
        In("en", () => Formats.DateTime(new DateTime(2027, 6, 3, 14, 5, 9, DateTimeKind.Utc))).ShouldBe("3 June 2027, 14:05 UTC");

    [Theory]
    [InlineData("id", "Bahasa Indonesia")]
    [InlineData("en", "English")]
    [InlineData("th", "ไทย")]
    [InlineData("xx-unknown", "xx-unknown")]
    public void LanguageName_Tag_IsTheLanguagesOwnName(string tag, string expected) =>
        Formats.LanguageName(tag).ShouldBe(expected);

    [Fact]
    public void Labels_EveryRoleAndSearchKind_HasAnEnglishLabelAndAnIndonesianTranslation()
    {
        var shared = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Resources", "Infrastructure", "Localization", "SharedText.id.resx"))
            .Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
        string[] kinds = ["document", "meeting", "outcome", "activity", "action", "focalpoint"];
        var labels = Roles.All.Select(r => (Code: r, Label: Formats.RoleLabel(r))).Concat(kinds.Select(k => (Code: k, Label: Formats.SearchKindLabel(k)))).ToList();

        // "Analyst" is the one role whose code is already an English word.
        labels.Where(l => l.Label == l.Code && l.Code != Roles.Analyst).Select(l => l.Code).ShouldBeEmpty("codes shown as they are");
        labels.Where(l => !shared.Contains(l.Label)).Select(l => l.Label).ShouldBeEmpty("labels without a Bahasa Indonesia translation");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Library;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Infrastructure.Localization;

/// <summary>Dates and numbers on pages follow the reader's culture, chosen by the query string or the language cookie.</summary>
public abstract class CultureFormattingTests(SeededPlatform platform)
{
    private async Task<Guid> FirstAdHocGroupMeetingAsync()
    {
        var meetings = await platform.Anonymous().GetFromJsonAsync<JsonElement>("/api/meetings?body=AHG&year=2009");
        return meetings.EnumerateArray().Single().GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task MeetingPage_IndonesianByQueryString_ShowsTheIndonesianMonthName()
    {
        var id = await FirstAdHocGroupMeetingAsync();

        var indonesian = WebUtility.HtmlDecode(await platform.Anonymous().GetStringAsync($"/Meetings/{id}?culture=id"));
        var english = WebUtility.HtmlDecode(await platform.Anonymous().GetStringAsync($"/Meetings/{id}"));

        indonesian.ShouldContain("27–29 Juli 2009");
        english.ShouldContain("27–29 July 2009");
    }

    [Fact]
    public async Task MeetingPage_IndonesianByCookie_ShowsTheIndonesianMonthName()
    {
        var id = await FirstAdHocGroupMeetingAsync();
        var client = platform.Anonymous();
        var home = await client.GetStringAsync("/");
        (await client.PostAsync("/culture", PlatformFactory.Form(home, ("culture", "id"), ("returnUrl", "/")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/Meetings/{id}"));

        html.ShouldContain("27–29 Juli 2009");
    }

    [Fact]
    public async Task AuditPage_IndonesianCulture_GroupsThousandsWithDots()
    {
        var action = $"test.culture.{Guid.NewGuid():N}"[..30];
        await using (var scope = platform.Scope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            audit.ActAs(AuditActor.System("test"));
            for (var i = 0; i < 1234; i++)
            {
                audit.Record(action);
            }

            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        // System events concern no member: only the platform-wide oversight body reads them.
        var oversight = await platform.SignInNewUserAsync("RSO", [Roles.PlatformOversight]);

        (await oversight.GetStringAsync($"/Audit?action={action}&culture=id")).ShouldContain("1.234 baris");
        (await oversight.GetStringAsync($"/Audit?action={action}")).ShouldContain("1,234 rows");
    }
}

[Collection(SeededSqliteCollection.Name)]
public sealed class CultureFormattingSqliteTests(SeededSqlitePlatform platform) : CultureFormattingTests(platform);

[Collection(SeededPostgresCollection.Name)]
public sealed class CultureFormattingPostgresTests(SeededPostgresPlatform platform) : CultureFormattingTests(platform);

/// <summary>Needs more than a thousand search hits, so it fills a platform of its own.</summary>
public abstract class SearchCountCultureTests<TPlatform> : IAsyncLifetime
    where TPlatform : PlatformFactory, new()
{
    private readonly TPlatform platform = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await platform.DisposeAsync();

    [Fact]
    public async Task SearchPage_IndonesianCulture_GroupsTheResultAndFacetCountsWithDots()
    {
        var marker = $"Grouped{Guid.NewGuid():N}"[..20];
        var author = await platform.CreateUserAsync("IDN");
        await using (var scope = platform.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = DateTime.UtcNow;
            for (var i = 0; i < 1234; i++)
            {
                var focalPoint = new FocalPoint { OwnerMemberId = author.MemberId, Scope = DistributionScope.Public, PersonName = $"{marker} {i}", Role = "Delegate", CreatedAt = now, CreatedByUserId = author.Id };
                db.Add(focalPoint);
                SearchOutbox.Enqueue(db, FocalPointSearchSource.SourceName, focalPoint.Id, now);
            }

            await db.SaveChangesAsync();
        }

        await platform.DrainSearchAsync();

        var indonesian = await platform.Anonymous().GetStringAsync($"/Search?q={marker}&culture=id");
        indonesian.ShouldContain("1.234 hasil");
        indonesian.ShouldContain("Indonesia</a> (1.234)");
        (await platform.Anonymous().GetStringAsync($"/Search?q={marker}")).ShouldContain("1,234 results");
    }
}

public sealed class SearchCountCultureSqliteTests : SearchCountCultureTests<SqlitePlatform>;

public sealed class SearchCountCulturePostgresTests : SearchCountCultureTests<PostgresPlatform>;

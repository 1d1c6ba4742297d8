using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
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

        var oversight = await platform.SignInNewUserAsync("RSO", [Roles.Oversight]);

        (await oversight.GetStringAsync($"/Audit?action={action}&culture=id")).ShouldContain("1.234 baris");
        (await oversight.GetStringAsync($"/Audit?action={action}")).ShouldContain("1,234 rows");
    }
}

[Collection(SeededSqliteCollection.Name)]
public sealed class CultureFormattingSqliteTests(SeededSqlitePlatform platform) : CultureFormattingTests(platform);

[Collection(SeededPostgresCollection.Name)]
public sealed class CultureFormattingPostgresTests(SeededPostgresPlatform platform) : CultureFormattingTests(platform);

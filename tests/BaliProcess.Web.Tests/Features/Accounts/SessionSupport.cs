using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Actions;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Accounts;

/// <summary>A signed-in official's client, the cookie as an attacker would copy it, and restricted records only that official may use.</summary>
public sealed record SignedInSession(TestUser User, HttpClient Client, string CopiedCookie, Guid FocalPointId, string FocalPointMarker, Guid DocumentId, Guid ActionId);

public static class SessionSupport
{
    /// <summary>Signs in through the real pages on a client whose cookies the test can read.</summary>
    public static async Task<(HttpClient Client, CookieContainer Cookies)> SignInWithCookiesAsync(PlatformFactory platform, TestUser user)
    {
        var cookies = new CookieContainer();
        var client = platform.CreateDefaultClient(new CookieContainerHandler(cookies));
        await platform.SignInAsync(user, client);
        return (client, cookies);
    }

    /// <summary>An Indonesian official with an own-member focal point, an own-member document and an action Indonesia leads.</summary>
    public static async Task<SignedInSession> SignInWithRestrictedRecordsAsync(PlatformFactory platform, string[]? roles = null)
    {
        var user = await platform.CreateUserAsync("IDN", roles);
        var (client, cookies) = await SignInWithCookiesAsync(platform, user);
        var marker = $"Session-{Guid.NewGuid():N}";
        var created = await client.PostAsJsonAsync("/api/focal-points", new { personName = marker, role = "National focal point", scope = "OwnMember" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var focalPointId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var (content, _) = ActionsTestSupport.Report(platform, marker, "Indonesia", "<p>The toolkit is under development.</p>");
        var actionId = await ActionsTestSupport.ImportReportAsync(platform, content, DistributionScope.OwnMember, user);
        var documentId = await platform.WithDbAsync(db => db.Set<TrackedAction>().Where(a => a.Id == actionId).Select(a => a.OriginDocumentId!.Value).SingleAsync());
        var cookie = cookies.GetCookies(platform.Server.BaseAddress)["bp.auth"].ShouldNotBeNull("signing in sets the session cookie");
        return new SignedInSession(user, client, $"bp.auth={cookie.Value}", focalPointId, marker, documentId, actionId);
    }

    /// <summary>A client that sends only the copied cookie, as a thief would.</summary>
    public static HttpClient WithCopiedCookie(PlatformFactory platform, string cookie)
    {
        var client = platform.Server.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static Task<HttpResponseMessage> PostUpdateAsync(HttpClient client, Guid actionId) =>
        ActionsTestSupport.PostUpdateAsync(client, actionId, new { asOf = ActionsTestSupport.Today, status = "UnderWay", narrative = $"Update {Guid.NewGuid():N}" });

    /// <summary>The copied cookie still reads and writes everything its official may (the control that lets the refusal test fail).</summary>
    public static async Task ShouldWorkAsync(PlatformFactory platform, SignedInSession session)
    {
        var thief = WithCopiedCookie(platform, session.CopiedCookie);
        (await thief.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await thief.GetStringAsync($"/api/focal-points/{session.FocalPointId}")).ShouldContain(session.FocalPointMarker);
        (await thief.GetAsync($"/api/documents/{session.DocumentId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var update = await PostUpdateAsync(thief, session.ActionId);
        update.StatusCode.ShouldBe(HttpStatusCode.Created, await update.Content.ReadAsStringAsync());
    }

    /// <summary>The copied cookie reads nothing restricted and writes nothing: /api/me answers 401, records as to a stranger.</summary>
    public static async Task ShouldBeRefusedAsync(PlatformFactory platform, SignedInSession session)
    {
        var thief = WithCopiedCookie(platform, session.CopiedCookie);
        var me = await thief.GetAsync("/api/me");
        me.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        me.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var focalPoint = await thief.GetAsync($"/api/focal-points/{session.FocalPointId}");
        focalPoint.IsSuccessStatusCode.ShouldBeFalse();
        (await focalPoint.Content.ReadAsStringAsync()).ShouldNotContain(session.FocalPointMarker);
        (await thief.GetAsync($"/api/documents/{session.DocumentId}")).IsSuccessStatusCode.ShouldBeFalse();

        var before = await ActionsTestSupport.UpdateCountAsync(platform, session.ActionId);
        var update = await PostUpdateAsync(thief, session.ActionId);
        update.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, await update.Content.ReadAsStringAsync());
        (await ActionsTestSupport.UpdateCountAsync(platform, session.ActionId)).ShouldBe(before);
        (await thief.GetAsync("/Accounts/Manage")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a page sends the holder to sign in");
    }

    public static async Task<string?> RevokedReasonAsync(PlatformFactory platform, SignedInSession session) =>
        await platform.WithDbAsync(db => db.Set<UserSession>().Where(s => s.UserId == session.User.Id && s.RevokedAt != null)
            .OrderByDescending(s => s.RevokedAt).Select(s => s.RevokedReason).FirstOrDefaultAsync());
}

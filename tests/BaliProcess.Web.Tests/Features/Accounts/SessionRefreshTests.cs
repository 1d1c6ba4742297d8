using System.Net;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using static BaliProcess.Web.Tests.Features.Accounts.SessionSupport;

namespace BaliProcess.Web.Tests.Features.Accounts;

/// <summary>
/// Defect 4: Identity rebuilds the principal every 30 minutes (security-stamp validation); the rebuilt one must keep the
/// second-factor marker and the session, or officials get 403 (or are signed out) until they sign in again.
/// </summary>
public abstract class SessionRefreshTests<TPlatform> : IAsyncLifetime
    where TPlatform : ClockedPlatform, new()
{
    private readonly TPlatform platform = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await platform.DisposeAsync();

    [Fact]
    public async Task Session_PastTheRefreshInterval_StillReadsAndWritesRestrictedRecords()
    {
        var session = await SignInWithRestrictedRecordsAsync(platform);

        platform.Clock.Advance(TimeSpan.FromMinutes(31));
        (await session.Client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "the request that refreshes the cookie");
        platform.Clock.Advance(TimeSpan.FromMinutes(31));

        (await session.Client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await session.Client.GetStringAsync($"/api/focal-points/{session.FocalPointId}")).ShouldContain(session.FocalPointMarker);
        (await session.Client.GetAsync($"/api/documents/{session.DocumentId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostUpdateAsync(session.Client, session.ActionId)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await session.Client.GetAsync("/Accounts/Manage")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Session_IdleLongerThanTheTimeout_IsRefused()
    {
        var session = await SignInWithRestrictedRecordsAsync(platform);

        platform.Clock.Advance(UserSessions.IdleTimeout + TimeSpan.FromMinutes(1));

        (await WithCopiedCookie(platform, session.CopiedCookie).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Session_RevokedAfterARefresh_IsRefused()
    {
        var session = await SignInWithRestrictedRecordsAsync(platform);
        platform.Clock.Advance(TimeSpan.FromMinutes(31));
        (await session.Client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await session.Client.GetStringAsync("/Accounts/SignOut");
        await session.Client.PostAsync("/Accounts/SignOut", PlatformFactory.Form(page));

        await ShouldBeRefusedAsync(platform, session);
    }
}

public sealed class SessionRefreshSqliteTests : SessionRefreshTests<ClockedSqlitePlatform>;

public sealed class SessionRefreshPostgresTests : SessionRefreshTests<ClockedPostgresPlatform>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Accounts;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Features.Actions;
using BaliProcess.Web.Tests.Features.Library;
using BaliProcess.Web.Tests.Features.Training;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Infrastructure.Security;

public enum PrincipalKind
{
    Anonymous,
    Person,
    SignedOutCookie,
    RevokedKey,
    Key,
}

/// <summary>One caller of the matrix. Everyone but the wrong member and the platform administrator belongs to IDN, the owner of the probe records.</summary>
public sealed record Principal(string Name, HttpClient Client, PrincipalKind Kind, string? MemberCode = null, IReadOnlySet<string>? Roles = null, IReadOnlySet<string>? Scopes = null)
{
    public override string ToString() => Name;
}

/// <summary>The probe records (all IDN's, shared with IDN only) and the callers, made once per platform through the real endpoints.</summary>
public sealed class DenialMatrixSetup
{
    public const string Owner = "IDN";

    public required IReadOnlyDictionary<RecordKind, Guid> Records { get; init; }

    public required IReadOnlyList<Principal> People { get; init; }

    public required Principal AllScopesKey { get; init; }

    /// <summary>Keys of IDN holding every scope but one module's: the "wrong scope" key of that module's rows.</summary>
    public required IReadOnlyDictionary<string, Principal> KeysWithout { get; init; }

    public static async Task<DenialMatrixSetup> CreateAsync(PlatformFactory platform)
    {
        var marker = LibraryFiles.Marker("Matrix");
        var officerUser = await platform.CreateUserAsync(Owner, [Roles.MemberOfficer]);
        var officer = await platform.SignInAsync(officerUser);

        var focal = await officer.PostAsJsonAsync("/api/focal-points", new { personName = marker, role = "Liaison", scope = "OwnMember" });
        focal.StatusCode.ShouldBe(HttpStatusCode.Created, await focal.Content.ReadAsStringAsync());
        var focalId = JsonDocument.Parse(await focal.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var documentId = await LibraryFiles.ImportAsync(officer, $"statement-{marker}.txt", LibraryFiles.Statement(marker).Content, "OwnMember");
        var meetingId = await platform.WithDbAsync(db => db.Set<MeetingSource>().Where(s => s.DocumentId == documentId).Select(s => s.MeetingId).SingleAsync());
        var actionId = await ActionsTestSupport.ImportReportAsync(platform, ActionsTestSupport.Report(platform, marker, Owner, "Under way.").Content, DistributionScope.OwnMember, officerUser);
        var (courseId, sessionId) = await TrainingTestSupport.CreateCourseWithSessionAsync(officer, marker, "OwnMember");
        var foreignKey = await platform.ApiKeyIdAsync(await platform.CreateApiKeyAsync("AUS", ApiScopes.DirectoryRead));
        // The consistency-proof row asks for a log of two sealed entries; the sealer runs on its own schedule.
        await platform.Services.GetRequiredService<AuditSealer>().SealAsync(default);

        List<Principal> people =
        [
            new("anonymous", platform.Anonymous(), PrincipalKind.Anonymous),
            await PersonAsync(platform, "RSO", Roles.PlatformAdmin),
            await PersonAsync(platform, Owner, Roles.MemberAdmin),
            new("IDN MemberOfficer", officer, PrincipalKind.Person, Owner, new HashSet<string> { Roles.MemberOfficer }),
            await PersonAsync(platform, Owner, Roles.Analyst),
            await PersonAsync(platform, Owner, Roles.Oversight),
            await PersonAsync(platform, Owner),
            (await PersonAsync(platform, "AUS", Roles.MemberOfficer)) with { Name = "wrong member (AUS MemberOfficer)" },
            new("signed-out cookie", await SignedOutCookieAsync(platform), PrincipalKind.SignedOutCookie, Owner),
            new("revoked key", platform.WithApiKey(await RevokedKeyAsync(platform)), PrincipalKind.RevokedKey, Owner),
        ];

        var modules = new[] { "directory", "library", "actions", "training" };
        var keysWithout = new Dictionary<string, Principal>();
        foreach (var module in modules)
        {
            keysWithout[module] = await KeyAsync(platform, $"key without {module}", DenialMatrix.AllScopesBut(module));
        }

        return new DenialMatrixSetup
        {
            Records = new Dictionary<RecordKind, Guid>
            {
                [RecordKind.FocalPoint] = focalId, [RecordKind.Document] = documentId, [RecordKind.Meeting] = meetingId,
                [RecordKind.Action] = actionId, [RecordKind.ForeignApiKey] = foreignKey,
                [RecordKind.Course] = courseId, [RecordKind.Session] = sessionId,
                [RecordKind.ForeignUser] = (await platform.CreateUserAsync("AUS")).Id,
            },
            People = people,
            AllScopesKey = await KeyAsync(platform, "key with every scope", [.. ApiScopes.All]),
            KeysWithout = keysWithout,
        };
    }

    private static async Task<Principal> PersonAsync(PlatformFactory platform, string member, params string[] roles) =>
        new($"{member} {(roles.Length == 0 ? "without a role" : string.Join("+", roles))}", await platform.SignInNewUserAsync(member, roles),
            PrincipalKind.Person, member, roles.ToHashSet());

    private static async Task<Principal> KeyAsync(PlatformFactory platform, string name, string[] scopes) =>
        new(name, platform.WithApiKey(await platform.CreateApiKeyAsync(Owner, scopes)), PrincipalKind.Key, Owner, Scopes: scopes.ToHashSet());

    /// <summary>A session cookie copied while signed in, then used after its user signed out.</summary>
    private static async Task<HttpClient> SignedOutCookieAsync(PlatformFactory platform)
    {
        var cookies = new CookieContainer();
        var browser = new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = platform.Server.CreateHandler() }) { BaseAddress = platform.Server.BaseAddress };
        await platform.SignInAsync(await platform.CreateUserAsync(Owner, [Roles.MemberOfficer]), browser);
        var copied = cookies.GetCookieHeader(platform.Server.BaseAddress);
        var signOutPage = await browser.GetStringAsync("/Accounts/SignOut");
        (await browser.PostAsync("/Accounts/SignOut", PlatformFactory.Form(signOutPage))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var replay = platform.Anonymous();
        replay.DefaultRequestHeaders.Add("Cookie", copied);
        return replay;
    }

    private static async Task<string> RevokedKeyAsync(PlatformFactory platform)
    {
        var token = await platform.CreateApiKeyAsync(Owner, [.. ApiScopes.All]);
        var id = await platform.ApiKeyIdAsync(token);
        await using var scope = platform.Scope();
        var member = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<BaliProcess.Web.Features.Directory.Member>()
            .Where(m => m.Code == Owner).Select(m => m.Id).SingleAsync();
        (await scope.ServiceProvider.GetRequiredService<AccountCommands>().RevokeApiKeyAsync(id, member, default)).Succeeded.ShouldBeTrue();
        return token;
    }
}

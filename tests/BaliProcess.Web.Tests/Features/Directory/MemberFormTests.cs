using System.Net;
using System.Text;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Directory;

/// <summary>The new-member page receiving what no browser form sends: each answers a readable page and stores nothing.</summary>
public abstract class MemberFormTests(PlatformFactory platform)
{
    private Task<int> MemberCountAsync() => platform.WithDbAsync(db => db.Set<Member>().CountAsync());

    private async Task<(HttpClient Admin, string Token)> NewMemberPageAsync()
    {
        var admin = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        var page = await admin.GetStringAsync("/Directory/Members/New");
        return (admin, PlatformFactory.AntiforgeryToken(page));
    }

    [Fact]
    public async Task NewMemberPage_ValidForm_StoresTheMember()
    {
        var (admin, token) = await NewMemberPageAsync();
        var code = platform.Provider == BaliProcess.Web.Infrastructure.Data.DatabaseProvider.Sqlite ? "CHL" : "ARG";
        var before = await MemberCountAsync();

        var response = await admin.PostAsync("/Directory/Members/New", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Form.Name", $"Observer {code}"), new("Form.Kind", "ObserverState"), new("Form.Code", code)]));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        (await MemberCountAsync()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task NewMemberPage_MalformedFormBody_AnswersCouldNotBeReadAndStoresNothing()
    {
        var (admin, token) = await NewMemberPageAsync();
        var before = await MemberCountAsync();
        // A multipart body without the boundary its content type must name.
        var body = new StringContent($"__RequestVerificationToken={token}&Form.Name=Uruguay&Form.Kind=ObserverState&Form.Code=URY", Encoding.UTF8);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data");

        var response = await admin.PostAsync("/Directory/Members/New", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The request could not be read");
        (await MemberCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task NewMemberPage_OversizedForm_Answers413WithAReadablePageAndStoresNothing()
    {
        var (admin, token) = await NewMemberPageAsync();
        var before = await MemberCountAsync();

        var response = await admin.PostAsync("/Directory/Members/New", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Form.Name", "Paraguay"), new("Form.Kind", "ObserverState"), new("Form.Code", "PRY"),
                new("Form.Variants", new string('a', 31 * 1024 * 1024))]));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The file or form is larger than this platform accepts.");
        (await MemberCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task NewMemberPage_FieldOverTheFormValueLimit_AnswersCouldNotBeReadAndStoresNothing()
    {
        var (admin, token) = await NewMemberPageAsync();
        var before = await MemberCountAsync();

        var response = await admin.PostAsync("/Directory/Members/New", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Form.Name", "Paraguay"), new("Form.Kind", "ObserverState"), new("Form.Code", "PRY"),
                new("Form.Variants", new string('a', 5 * 1024 * 1024))]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The request could not be read");
        (await MemberCountAsync()).ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MemberFormSqliteTests(SqlitePlatform platform) : MemberFormTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class MemberFormPostgresTests(PostgresPlatform platform) : MemberFormTests(platform);

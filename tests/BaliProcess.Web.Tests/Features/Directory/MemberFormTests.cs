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

    private static Task<HttpResponseMessage> PostAsync(HttpClient admin, string token, string code, string variants = "") =>
        admin.PostAsync("/Directory/Members/New", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Form.Name", $"Observer {code}"), new("Form.Kind", "ObserverState"), new("Form.Code", code), new("Form.Variants", variants)]));

    [Fact]
    public async Task NewMemberPage_ValidForm_StoresTheMember()
    {
        var (admin, token) = await NewMemberPageAsync();
        var code = platform.Provider == BaliProcess.Web.Infrastructure.Data.DatabaseProvider.Sqlite ? "CHL" : "ARG";
        var before = await MemberCountAsync();

        var response = await PostAsync(admin, token, code);

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

    /// <summary>A form over the request limit (30 MB), and one field over the form-value limit (4 MB) in a smaller form.</summary>
    [Theory]
    [InlineData(31, HttpStatusCode.RequestEntityTooLarge, "The file or form is larger than this platform accepts.")]
    [InlineData(5, HttpStatusCode.BadRequest, "The request could not be read")]
    public async Task NewMemberPage_OversizedFormOrField_AnswersAReadableErrorPageAndStoresNothing(int megabytes, HttpStatusCode status, string message)
    {
        var (admin, token) = await NewMemberPageAsync();
        var before = await MemberCountAsync();

        var response = await PostAsync(admin, token, "PRY", variants: new string('a', megabytes * 1024 * 1024));

        response.StatusCode.ShouldBe(status);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        (await MemberCountAsync()).ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MemberFormSqliteTests(SqlitePlatform platform) : MemberFormTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class MemberFormPostgresTests(PostgresPlatform platform) : MemberFormTests(platform);

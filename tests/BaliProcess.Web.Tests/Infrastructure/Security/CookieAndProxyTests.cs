using System.Net;
using BaliProcess.Web.Infrastructure.Data;

namespace BaliProcess.Web.Tests.Infrastructure.Security;

/// <summary>
/// Cookies are Secure behind TLS, HttpOnly and SameSite; HSTS goes out over HTTPS; forwarded headers count only from
/// the configured proxy; the culture switch takes known cultures and local return addresses only.
/// </summary>
public abstract class CookieAndProxyTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Proxy = "10.9.8.7";
    private StandalonePlatform platform = null!;

    public Task InitializeAsync()
    {
        platform = new StandalonePlatform(provider) { ExtraSettings = [new("Security:KnownProxies", Proxy)] };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await platform.DisposeAsync();

    private HttpClient From(string address, string baseAddress = "http://bp.example.org")
    {
        var client = platform.From(IPAddress.Parse(address));
        client.BaseAddress = new Uri(baseAddress);
        return client;
    }

    private static IReadOnlyList<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

    [Fact]
    public async Task Cookies_OverTls_AreSecureHttpOnlyAndSameSite()
    {
        var user = await platform.CreateUserAsync("PHL");
        var client = From("192.0.2.10", "https://bp.example.org");
        var page = await client.GetAsync("/Accounts/SignIn");
        var html = await page.Content.ReadAsStringAsync();
        var password = await client.PostAsync("/Accounts/SignIn", PlatformFactory.Form(html, ("Email", user.Email), ("Password", user.Password)));
        var twoFactorPage = await client.GetStringAsync(password.Headers.Location);
        var signedIn = await client.PostAsync("/Accounts/TwoFactor", PlatformFactory.Form(twoFactorPage, ("Code", await platform.NextCodeAsync(user))));

        var cookies = SetCookies(page).Concat(SetCookies(password)).Concat(SetCookies(signedIn)).ToList();
        cookies.ShouldContain(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        cookies.ShouldContain(c => c.StartsWith("Identity.TwoFactorUserId=", StringComparison.Ordinal));
        cookies.ShouldContain(c => c.StartsWith("bp.auth=", StringComparison.Ordinal));
        foreach (var cookie in cookies)
        {
            cookie.ShouldContain("secure", Case.Insensitive, cookie);
            cookie.ShouldContain("httponly", Case.Insensitive, cookie);
            cookie.ShouldMatch("(?i)samesite=(lax|strict)", cookie);
        }

        page.Headers.TryGetValues("Strict-Transport-Security", out var hsts).ShouldBeTrue("HSTS over HTTPS outside development");
        hsts!.Single().ShouldContain("max-age=");
    }

    [Fact]
    public async Task ForwardedProto_FromTheConfiguredProxy_IsBelieved()
    {
        var client = From(Proxy);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var page = await client.GetAsync("/Accounts/SignIn");

        SetCookies(page).ShouldAllBe(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        page.Headers.Contains("Strict-Transport-Security").ShouldBeTrue();
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnyOtherAddress_AreIgnored()
    {
        var client = From("192.0.2.20");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.5");

        var page = await client.GetAsync("/Accounts/SignIn");

        SetCookies(page).ShouldNotBeEmpty();
        SetCookies(page).ShouldAllBe(c => !c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        page.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    private async Task<HttpResponseMessage> SwitchCultureAsync(string culture, string returnUrl)
    {
        var client = From("192.0.2.30", "https://bp.example.org");
        var page = await client.GetStringAsync("/Accounts/SignIn");
        return await client.PostAsync("/culture", PlatformFactory.Form(page, ("culture", culture), ("returnUrl", returnUrl)));
    }

    [Fact]
    public async Task CultureSwitch_KnownCultureAndLocalReturn_SetsASecureCookieAndReturns()
    {
        var response = await SwitchCultureAsync("id", "/Accounts/SignIn?x=1");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/Accounts/SignIn?x=1");
        var cookie = SetCookies(response).Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("//evil.example.com/")]
    [InlineData("/\\evil.example.com/")]
    [InlineData("javascript:alert(1)")]
    public async Task CultureSwitch_ReturnAddressElsewhere_GoesHomeInstead(string returnUrl)
    {
        var response = await SwitchCultureAsync("en", returnUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData("en-US;<script>")]
    public async Task CultureSwitch_UnknownCulture_Answers400AndSetsNoCookie(string culture)
    {
        var response = await SwitchCultureAsync(culture, "/");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("is not a language of this platform");
        SetCookies(response).ShouldNotContain(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }
}

public sealed class CookieAndProxySqliteTests() : CookieAndProxyTests(DatabaseProvider.Sqlite);

public sealed class CookieAndProxyPostgresTests() : CookieAndProxyTests(DatabaseProvider.Postgres);

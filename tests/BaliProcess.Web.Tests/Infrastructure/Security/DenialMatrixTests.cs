using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Infrastructure.Security;

public enum Expected
{
    /// <summary>Passes the gate: any answer but 401, 403, a redirect to sign-in or denied, or a 5xx.</summary>
    Pass,

    /// <summary>401 on /api; a redirect to the sign-in page for pages.</summary>
    Unauthenticated,

    /// <summary>403 on /api; a redirect to the denied page (or 403) for pages.</summary>
    Forbidden,

    /// <summary>Plumbing endpoints answer refused credentials either way.</summary>
    Either,
}

/// <summary>
/// The denial matrix: every API route and Razor page (read from the running app and its OpenAPI document) × every kind of
/// caller × every verb it has and one it has not. The expected answers come from <see cref="DenialMatrix.Rows"/> only.
/// </summary>
public abstract partial class DenialMatrixTests(PlatformFactory platform)
{
    [Fact]
    public async Task DenialMatrix_EveryRouteAndPage_HasExactlyOneRow()
    {
        var app = AppRoutes(platform);
        var openApi = await OpenApiRoutesAsync(platform);
        var rows = DenialMatrix.Rows.Select(r => (r.Verb, r.Route)).ToHashSet();

        app.Keys.Except(rows).ShouldBeEmpty("endpoints without a row in DenialMatrix.Rows: declare who may call them");
        rows.Except(app.Keys).ShouldBeEmpty("rows of DenialMatrix.Rows without an endpoint: remove them");
        openApi.Except(rows.Select(r => (r.Verb, Normalise(r.Route)))).ShouldBeEmpty("OpenAPI operations without a row");
        openApi.Count.ShouldBeGreaterThan(30, "the OpenAPI document lists the API");
        DenialMatrix.Rows.GroupBy(r => (r.Verb, r.Route)).Where(g => g.Count() > 1).ShouldBeEmpty();
    }

    [Fact]
    public async Task DenialMatrix_EveryPrincipalRouteAndVerb_AnswersAsDeclared()
    {
        var setup = await DenialMatrixSetup.CreateAsync(platform);
        var routes = AppRoutes(platform);
        var failures = new List<string>();
        foreach (var row in DenialMatrix.Rows)
        {
            var template = routes[(row.Verb, row.Route)];
            List<Principal> principals = [.. setup.People, setup.AllScopesKey];
            if (row.Module is { } module)
            {
                principals.Add(setup.KeysWithout[module]);
            }

            var verbs = row.IsPage ? new[] { "GET", "POST" } : [row.Verb == "*" ? "GET" : row.Verb];
            foreach (var principal in principals)
            {
                var expected = Expect(principal, row);
                foreach (var (url, exists) in Urls(template, row, setup))
                {
                    foreach (var verb in verbs)
                    {
                        var response = await SendAsync(principal.Client, verb, url);
                        var problem = Check(response, row, principal, expected, exists, verb);
                        if (problem is not null)
                        {
                            failures.Add($"{verb} {url} as {principal}: {problem}");
                        }
                    }
                }
            }

            // A verb the route does not have is never served, whoever asks.
            foreach (var principal in row.Gate == Gate.Plumbing ? Array.Empty<Principal>() : new[] { setup.People[0], setup.People[3], setup.AllScopesKey })
            {
                var url = Urls(template, row, setup).First().Url;
                var response = await SendAsync(principal.Client, row.IsPage ? "PUT" : "PATCH", url);
                if (response.IsSuccessStatusCode || (int)response.StatusCode >= 500)
                {
                    failures.Add($"{(row.IsPage ? "PUT" : "PATCH")} {url} as {principal}: answered {(int)response.StatusCode} to a verb it does not have");
                }
            }
        }

        // Credential failures (a signed-out cookie, a revoked key) listed last, so that a gate mistake shows first.
        var ordered = failures.OrderBy(f => f.Contains(" as signed-out cookie:", StringComparison.Ordinal) || f.Contains(" as revoked key:", StringComparison.Ordinal)).ToList();
        ordered.ShouldBeEmpty($"{failures.Count} answers differ from DenialMatrix.Rows:\n{string.Join("\n", ordered.Take(120))}");
    }

    /// <summary>What the row's gate says about the principal (the record's visibility is checked separately).</summary>
    public static Expected Expect(Principal principal, MatrixRow row)
    {
        var open = row.Gate is Gate.Public or Gate.SignInFlow or Gate.Plumbing;
        switch (principal.Kind)
        {
            case PrincipalKind.RevokedKey:
                return row.Gate == Gate.Plumbing ? Expected.Either : Expected.Unauthenticated;
            case PrincipalKind.Anonymous:
            case PrincipalKind.SignedOutCookie:
                return open ? Expected.Pass : Expected.Unauthenticated;
            case PrincipalKind.Key when row.IsPage:
                // Keys are for /api only: a page asked for with one refuses it (plumbing answers whatever comes).
                return row.Gate == Gate.Plumbing ? Expected.Either : Expected.Unauthenticated;
            case PrincipalKind.Key:
                var scopes = principal.Scopes!;
                return open
                    || (row.Gate == Gate.Read && scopes.Contains(DenialMatrix.ReadScope(row.Module!)))
                    || (row.Gate == Gate.Write && scopes.Contains(DenialMatrix.WriteScope(row.Module!)))
                    ? Expected.Pass
                    : Expected.Forbidden;
            default:
                var roles = principal.Roles!;
                var passes = row.Gate switch
                {
                    Gate.Editor or Gate.Write => roles.Overlaps(Roles.Editors),
                    Gate.PlatformAdmin => roles.Contains(Roles.PlatformAdmin),
                    Gate.MemberAdmin => roles.Contains(Roles.MemberAdmin) || roles.Contains(Roles.PlatformAdmin),
                    Gate.Oversight => roles.Contains(Roles.Oversight) || roles.Contains(Roles.PlatformOversight),
                    _ => true,
                };
                return passes ? Expected.Pass : Expected.Forbidden;
        }
    }

    /// <summary>Whether the principal may see the probe record (IDN's, shared with IDN only) through the access rule.</summary>
    private static bool Sees(Principal principal, MatrixRow row) => row.Record switch
    {
        RecordKind.None or RecordKind.Code => true,
        RecordKind.ForeignApiKey => false,
        RecordKind.ForeignUser => principal.Kind == PrincipalKind.Person && principal.Roles!.Contains(Roles.PlatformAdmin),
        _ => principal.MemberCode == DenialMatrixSetup.Owner
            && (principal.Kind == PrincipalKind.Person
                || (principal.Kind == PrincipalKind.Key && principal.Scopes!.Contains(DenialMatrix.ReadScope(row.Module!)))),
    };

    private static string? Check(HttpResponseMessage response, MatrixRow row, Principal principal, Expected expected, bool exists, string verb)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"answered {status}";
        }

        var location = response.Headers.Location?.OriginalString ?? "";
        var api = !row.IsPage;
        var unauthenticated = api ? status == 401 : (status == 302 && location.Contains("/Accounts/SignIn", StringComparison.Ordinal)) || status == 401;
        var forbidden = api ? status == 403 : (status == 302 && location.Contains("/Accounts/Denied", StringComparison.Ordinal)) || status == 403;
        if (expected == Expected.Pass && row.Gate is Gate.SignInFlow or Gate.Plumbing)
        {
            return null;
        }

        // A page form posted without its antiforgery token is refused before any record is read, the same for every record.
        var tokenless = row.IsPage && verb == "POST";
        switch (expected)
        {
            case Expected.Unauthenticated when !unauthenticated:
                return $"answered {status} {location}; expected {(api ? "401" : "a redirect to sign-in")}";
            case Expected.Forbidden when !forbidden:
                return $"answered {status} {location}; expected {(api ? "403" : "a redirect to the denied page")}";
            case Expected.Pass when unauthenticated || forbidden:
                return $"answered {status} {location}; expected to pass the gate";
            case Expected.Pass when tokenless && response.IsSuccessStatusCode:
                return $"answered {status} to a form posted without its antiforgery token";
            case Expected.Pass when !tokenless && row.Record != RecordKind.None && !(exists && Sees(principal, row)) && status != 404:
                return $"answered {status}; expected 404 for {(exists ? "another member's record" : "a nonexistent id")}";
            case Expected.Pass when verb == "GET" && row.Record == RecordKind.None && row.Gate != Gate.Plumbing && !response.IsSuccessStatusCode
                && !(status == 404 && row.MayBeAbsent):
                return $"answered {status}; expected a 2xx";
            default:
                return null;
        }
    }

    private static IEnumerable<(string Url, bool Exists)> Urls(string template, MatrixRow row, DenialMatrixSetup setup)
    {
        string Fill(string id, string code) => Placeholder().Replace(template, m => m.Groups[1].Value switch
        {
            "id" => id,
            "code" => code,
            "documentName" => "v1",
            "treeSize" => "1",
            _ => Guid.NewGuid().ToString(),
        }) + row.Query;

        if (row.Record == RecordKind.None)
        {
            yield return (Fill("", ""), false);
            yield break;
        }

        yield return row.Record == RecordKind.Code ? (Fill("", DenialMatrixSetup.Owner), true) : (Fill(setup.Records[row.Record].ToString(), ""), true);
        yield return (Fill(Guid.CreateVersion7().ToString(), "NOPE"), false);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string verb, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(verb), url);
        if (verb is "POST" or "PUT" or "PATCH")
        {
            request.Content = url.StartsWith("/api", StringComparison.Ordinal)
                ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([]);
        }

        return await client.SendAsync(request);
    }

    /// <summary>(verb, route) of every endpoint the app serves, with the path to request; pages as ("PAGE", view path).</summary>
    public static Dictionary<(string Verb, string Route), string> AppRoutes(PlatformFactory platform)
    {
        var routes = new Dictionary<(string, string), string>();
        foreach (var endpoint in platform.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // An Index page answers at its folder and at /Index: request the shorter.
                if (!routes.TryGetValue(("PAGE", page.ViewEnginePath), out var known) || path.Length < known.Length)
                {
                    routes[("PAGE", page.ViewEnginePath)] = path;
                }

                continue;
            }

            // An endpoint without verb metadata (health) answers every verb: its row says "*".
            foreach (var verb in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                routes[(verb, path)] = path;
            }
        }

        return routes;
    }

    private static async Task<HashSet<(string Verb, string Route)>> OpenApiRoutesAsync(PlatformFactory platform)
    {
        var document = JsonDocument.Parse(await platform.Anonymous().GetStringAsync("/openapi/v1.json"));
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (o.Name.ToUpperInvariant(), Normalise(p.Name))))
            .ToHashSet();
    }

    private static string Normalise(string route) => "/" + Constraint().Replace(route, "{$1}").Trim('/');

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}

[Collection(SqliteCollection.Name)]
public sealed class DenialMatrixSqliteTests(SqlitePlatform platform) : DenialMatrixTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class DenialMatrixPostgresTests(PostgresPlatform platform) : DenialMatrixTests(platform);

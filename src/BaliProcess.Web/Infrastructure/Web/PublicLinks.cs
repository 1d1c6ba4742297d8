namespace BaliProcess.Web.Infrastructure.Web;

/// <summary>Settings of the platform as a whole (section "Platform").</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>
    /// The address officials open the platform at, e.g. "https://platform.baliprocess.net". Every link in an e-mail is
    /// built from it, never from the request's Host header (which a caller chooses, and which would let a forged request
    /// send a password-reset link to another site).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
}

/// <summary>Absolute links to the platform's pages, for e-mails and anything else read outside the browser.</summary>
public sealed class PublicLinks(Microsoft.Extensions.Options.IOptions<PlatformOptions> options)
{
    /// <summary>The configured base address (checked at start: see <see cref="TryParse"/>).</summary>
    public Uri BaseUri { get; } = TryParse(options.Value.PublicBaseUrl, out var uri) ? uri : new Uri("http://localhost:5080");

    /// <summary>The absolute address of <paramref name="pathAndQuery"/> (which starts with '/').</summary>
    public string To(string pathAndQuery) => BaseUri.GetLeftPart(UriPartial.Authority) + BaseUri.AbsolutePath.TrimEnd('/') + pathAndQuery;

    /// <summary>An http(s) address without query or fragment.</summary>
    public static bool TryParse(string? value, out Uri uri)
    {
        if (Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            && parsed.Query.Length == 0 && parsed.Fragment.Length == 0)
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }
}

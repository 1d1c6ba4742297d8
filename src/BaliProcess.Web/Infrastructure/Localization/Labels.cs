using System.Globalization;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Infrastructure.Localization;

/// <summary>
/// The one place where dates, counts and codes become what a reader sees, in the reader's culture. English labels
/// returned here are translation keys of SharedText; pass them through a localizer (or use the localized overloads).
/// </summary>
public static class Formats
{
    /// <summary>"3 June 2027" / "3 Juni 2027": never "3/6/2027", which readers in different countries read differently.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Date(DateTime date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Date(DateTimeOffset date) => Date(date.UtcDateTime);

    /// <summary>
    /// A stored UTC moment with its time: "3 June 2027, 14:05 UTC" (seconds for the audit log). The server does not know
    /// the reader's time zone, so it says which one it uses.
    /// </summary>
    public static string DateTime(DateTime utc, bool withSeconds = false) =>
        utc.ToString(withSeconds ? "d MMMM yyyy, HH:mm:ss" : "d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture) + " UTC";

    public static string DateTime(DateTimeOffset moment, bool withSeconds = false) => DateTime(moment.UtcDateTime, withSeconds);

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>
    /// "1 result" or "2 results": the key for one and the key for any other count, each with {0} for the number.
    /// Bahasa Indonesia does not mark the plural; its resource file gives both keys the same text.
    /// </summary>
    public static string Count(IStringLocalizer localizer, long count, string one, string other) =>
        localizer[count == 1 ? one : other, Number(count)];

    /// <summary>English key of a role's name (SharedText).</summary>
    public static string RoleLabel(string role) => role switch
    {
        Roles.PlatformAdmin => "Platform administrator",
        Roles.MemberAdmin => "Member administrator",
        Roles.MemberOfficer => "Member officer",
        Roles.Analyst => "Analyst",
        Roles.Oversight => "Oversight of own member",
        Roles.PlatformOversight => "Platform-wide oversight",
        _ => role,
    };

    public static string RoleNames(IStringLocalizer localizer, IEnumerable<string> roles)
    {
        var names = roles.Select(r => localizer[RoleLabel(r)].Value).ToList();
        return names.Count == 0 ? "–" : string.Join(", ", names);
    }

    /// <summary>English key of a search hit's kind (SharedText).</summary>
    public static string SearchKindLabel(string kind) => kind switch
    {
        "document" => "Document",
        "meeting" => "Meeting",
        "outcome" => "Meeting outcome",
        "activity" => "Activity",
        "action" => "Action",
        "focalpoint" or "focal point" => "Focal point",
        "course" => "Training course",
        _ => kind,
    };

    /// <summary>A language's own name ("ไทย" for th, "Bahasa Indonesia" for id); the tag when culture data does not know it.</summary>
    public static string LanguageName(string tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag == "und")
        {
            return tag;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(tag);
            if (Cultures.Supported.FirstOrDefault(c => c.Code == culture.TwoLetterISOLanguageName && culture.Parent == CultureInfo.InvariantCulture) is { NativeName: { } platformName })
            {
                return platformName;
            }

            // ICU makes up a culture for any well-formed tag; its "native name" is then the code itself or says "unknown".
            var known = culture.NativeName.Length > 0
                        && !culture.NativeName.Contains("unknown", StringComparison.OrdinalIgnoreCase)
                        && !string.Equals(culture.NativeName, culture.TwoLetterISOLanguageName, StringComparison.OrdinalIgnoreCase);
            return known ? culture.TextInfo.ToTitleCase(culture.NativeName) : tag;
        }
        catch (CultureNotFoundException)
        {
            return tag;
        }
    }
}

/// <summary>
/// Names for the member and body codes that search facets and records carry ("Indonesia", not "IDN"). Loaded once per
/// request from the directory: administrators may add members and rename them.
/// </summary>
public sealed class Labels(AppDbContext db, IStringLocalizer<SharedText> shared)
{
    private Dictionary<string, string>? members;
    private Dictionary<string, string>? bodies;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        members ??= await db.Set<Member>().AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        bodies ??= await db.Set<Body>().AsNoTracking().ToDictionaryAsync(b => b.Code, b => b.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
    }

    public string Member(string code) => members is not null && members.TryGetValue(code, out var name) ? name : code;

    public string Body(string code) => bodies is not null && bodies.TryGetValue(code, out var name) ? name : code;

    /// <summary>What a search facet's value means to a reader: a member's or body's name, a language's name, a kind's label.</summary>
    public string FacetValue(string facet, string value) => facet switch
    {
        "member" => Member(value),
        "body" => Body(value),
        "language" => Formats.LanguageName(value),
        "kind" => shared[Formats.SearchKindLabel(value)],
        _ => value,
    };
}

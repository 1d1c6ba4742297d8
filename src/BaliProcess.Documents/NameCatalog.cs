using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// A member, observer, support office or Bali Process body and the names documents use for it.
/// <see cref="IsBody"/> marks Bali Process bodies (Ad Hoc Group, working groups...), which are never attendees.
/// </summary>
public sealed record NameEntry(
    string Code,
    string Name,
    IReadOnlyList<string> Variants,
    bool IsObserver,
    bool IsOrganisation,
    bool IsBody = false);

/// <summary>
/// Finds members and bodies in text by name, variant or code. Matching is whole-word and longest-first, so
/// "DPR Korea" is not read as "Korea", "Office of the United Nations High Commissioner for Refugees" is one match,
/// and adjectives ("Sri Lankans", "Indonesian") match nothing. Acronyms (all capitals, up to six letters: "US",
/// "UAE", "ROK") match only in capitals so the word "us" is never the United States; other names ignore case.
/// </summary>
public sealed partial class NameCatalog
{
    private readonly List<NameEntry> entries;
    private readonly Dictionary<string, NameEntry> exactKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NameEntry> foldedKeys = new(StringComparer.Ordinal);
    private readonly Regex? finder;

    public NameCatalog(IEnumerable<NameEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = [.. entries.Where(entry => entry is not null && !string.IsNullOrWhiteSpace(entry.Code))];

        var caseSensitive = new List<string>();
        var caseInsensitive = new List<string>();
        foreach (var entry in this.entries)
        {
            foreach (var form in Forms(entry))
            {
                var key = Key(form);
                if (key.Length == 0)
                {
                    continue;
                }

                if (IsAcronym(key))
                {
                    if (exactKeys.TryAdd(key, entry))
                    {
                        caseSensitive.Add(key);
                    }
                }
                else if (foldedKeys.TryAdd(key.ToUpperInvariant(), entry))
                {
                    caseInsensitive.Add(key);
                }
            }

            // Codes resolve (Resolve("IDN")) but are not searched for in running text, where three capitals
            // are as likely to be an unrelated abbreviation as an ISO code.
            exactKeys.TryAdd(entry.Code.Trim(), entry);
        }

        var alternatives = caseSensitive.Select(form => (form, sensitive: true))
            .Concat(caseInsensitive.Select(form => (form, sensitive: false)))
            .OrderByDescending(item => item.form.Length)
            .Select(item => item.sensitive ? FormPattern(item.form) : $"(?i:{FormPattern(item.form)})")
            .ToList();
        if (alternatives.Count > 0)
        {
            finder = new Regex(
                $@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}])",
                RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>All entries, in the order given.</summary>
    public IReadOnlyList<NameEntry> Entries => entries;

    /// <summary>
    /// Reads the Directory module's reference-data.json: "members" (kind MemberState, MemberOrganisation,
    /// ObserverState, ObserverOrganisation or SupportOffice; "formerNames" count as variants) and "bodies". A body whose code is already a member
    /// (the RSO is both) adds its names to that member instead of becoming a second entry.
    /// </summary>
    public static NameCatalog FromReferenceJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var result = new List<NameEntry>();
        var byCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        if (root.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array)
        {
            foreach (var member in members.EnumerateArray())
            {
                var code = Text(member, "code");
                if (code.Length == 0 || byCode.ContainsKey(code))
                {
                    continue;
                }

                var kind = Text(member, "kind");
                var isObserver = kind.StartsWith("Observer", StringComparison.Ordinal);
                var isOrganisation = kind.EndsWith("Organisation", StringComparison.Ordinal) || kind == "SupportOffice";
                byCode[code] = result.Count;
                // Former names ("East Timor", "UNTAET") are matched like variants: documents of their time use them.
                var names = Strings(member, "variants").Concat(Strings(member, "formerNames")).Distinct(StringComparer.Ordinal).ToList();
                result.Add(new NameEntry(code, Text(member, "name"), names, isObserver, isOrganisation));
            }
        }

        if (root.TryGetProperty("bodies", out var bodies) && bodies.ValueKind == JsonValueKind.Array)
        {
            foreach (var body in bodies.EnumerateArray())
            {
                var code = Text(body, "code");
                if (code.Length == 0)
                {
                    continue;
                }

                var variants = Strings(body, "variants");
                if (byCode.TryGetValue(code, out var existing))
                {
                    var merged = result[existing].Variants.Concat(variants).Append(Text(body, "name")).Distinct(StringComparer.Ordinal).ToList();
                    result[existing] = result[existing] with { Variants = merged };
                    continue;
                }

                byCode[code] = result.Count;
                result.Add(new NameEntry(code, Text(body, "name"), variants, IsObserver: false, IsOrganisation: false, IsBody: true));
            }
        }

        return new NameCatalog(result);
    }

    /// <summary>
    /// The entry whose name, variant or code is exactly this text (ignoring case except for acronyms, surrounding
    /// space, a leading "the" and trailing punctuation), or null.
    /// </summary>
    public NameEntry? Resolve(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = Key(text);
        for (var attempt = 0; attempt < 2 && key.Length > 0; attempt++)
        {
            if (exactKeys.TryGetValue(key, out var exact))
            {
                return exact;
            }

            if (foldedKeys.TryGetValue(key.ToUpperInvariant(), out var folded))
            {
                return folded;
            }

            key = LeadingArticle().Replace(key, string.Empty);
        }

        return null;
    }

    /// <summary>Every distinct entry named in the text, in order of first mention.</summary>
    public IReadOnlyList<NameEntry> FindAll(string text) => [.. FindMentions(text).Select(m => m.Entry).Distinct()];

    /// <summary>True for a word in capitals that names a known entry ("AHG", "UNHCR"); title-casing keeps such words.</summary>
    internal bool IsKnownAcronym(string word) =>
        word.Length is > 0 and <= 6 && word.All(c => char.IsUpper(c) || c == '-') && Resolve(word) is not null;

    /// <summary>Every mention, with its position, in order; an entry mentioned twice appears twice.</summary>
    internal IReadOnlyList<NameMention> FindMentions(string text)
    {
        var mentions = new List<NameMention>();
        if (finder is null || string.IsNullOrEmpty(text))
        {
            return mentions;
        }

        try
        {
            foreach (Match match in finder.Matches(text))
            {
                var key = Key(match.Value);
                var entry = exactKeys.GetValueOrDefault(key) ?? foldedKeys.GetValueOrDefault(key.ToUpperInvariant());
                if (entry is not null)
                {
                    mentions.Add(new NameMention(entry, match.Index, match.Length));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found; a name search must not sink the whole import.
        }

        return mentions;
    }

    private static IEnumerable<string> Forms(NameEntry entry)
    {
        yield return entry.Name ?? string.Empty;
        foreach (var variant in entry.Variants ?? [])
        {
            yield return variant ?? string.Empty;
        }
    }

    /// <summary>Canonical form for lookups: one space between words, straight apostrophes, NFC, no outer punctuation.</summary>
    private static string Key(string text)
    {
        var normal = text.Normalize(NormalizationForm.FormC).Replace('’', '\'').Replace('‘', '\'');
        normal = Spaces().Replace(normal, " ").Trim().TrimEnd(',', ';', ':');
        if (normal.EndsWith('.') && !DottedAbbreviation().IsMatch(normal))
        {
            normal = normal[..^1];
        }

        return normal;
    }

    private static bool IsAcronym(string form) =>
        form.Length <= 6 && form.Any(char.IsLetter) && form.All(c => char.IsUpper(c) || c is '.' or '-' || char.IsDigit(c));

    /// <summary>Regex for one name: any run of whitespace between words, either apostrophe.</summary>
    private static string FormPattern(string form)
    {
        var builder = new StringBuilder();
        foreach (var part in form.Split(' '))
        {
            if (builder.Length > 0)
            {
                builder.Append(@"\s+");
            }

            builder.Append(Regex.Escape(part).Replace("'", "['’]", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : string.Empty;

    private static List<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0)]
            : [];

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?:^|\s)(?:\p{L}\.){2,}$", RegexOptions.NonBacktracking)]
    private static partial Regex DottedAbbreviation();

    [GeneratedRegex(@"^the\s+", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LeadingArticle();
}

/// <summary>One place a catalog entry is named in a text.</summary>
internal sealed record NameMention(NameEntry Entry, int Index, int Length);

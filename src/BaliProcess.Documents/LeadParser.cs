using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// Reads a progress report's "Who" cell: "Bangladesh, Australia, IOM", "RSO/IOM", "RSO / CIFAL / KOICA",
/// "UNODC &amp; members", "RSO as coordination point", "RSO (NZ funded)", "Affected/interested Bali Process members,
/// led by Co-Chairs". Leads become catalog codes where the name resolves and stay as cleaned text otherwise;
/// funders ("(NZ funded)", "funded by Canada") are kept as written.
/// </summary>
internal sealed partial class LeadParser(NameCatalog names)
{
    public (List<string> Leads, List<string> Funders) Parse(string who)
    {
        var leads = new List<string>();
        var funders = new List<string>();
        if (string.IsNullOrWhiteSpace(who))
        {
            return (leads, funders);
        }

        var text = who;
        foreach (Match funded in Funded().Matches(text))
        {
            var funder = TextLayout.Collapse(funded.Groups["funder"].Value);
            if (funder.Length > 0 && !funders.Contains(funder))
            {
                funders.Add(funder);
            }
        }

        text = Funded().Replace(text, " ");
        foreach (var rawPart in Separator().Split(text))
        {
            foreach (var lead in PartLeads(rawPart))
            {
                if (!leads.Contains(lead))
                {
                    leads.Add(lead);
                }
            }
        }

        return (leads, funders);
    }

    private IEnumerable<string> PartLeads(string rawPart)
    {
        var part = TextLayout.Collapse(rawPart);
        part = LeadingConnector().Replace(part, string.Empty);
        part = RoleQualifier().Replace(part, string.Empty);
        part = LooseHyphen().Replace(part, "-").Trim().Trim(',', ';', '.');
        if (part.Length == 0)
        {
            yield break;
        }

        var resolved = Resolve(part);
        if (resolved is not null)
        {
            yield return resolved;
            yield break;
        }

        // "Australia and New Zealand" names two leads; "Government and Business Forum" is one and resolved above.
        var halves = part.Split(" and ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (halves.Length > 1)
        {
            var codes = halves.Select(Resolve).ToList();
            if (codes.All(code => code is not null))
            {
                foreach (var code in codes)
                {
                    yield return code!;
                }

                yield break;
            }
        }

        yield return part;
    }

    private string? Resolve(string part) =>
        (names.Resolve(part) ?? names.Resolve(TextLayout.Collapse(Brackets().Replace(part, " "))))?.Code;

    [GeneratedRegex(@"\(\s*(?<funder>[^()]+?)\s*[-\s]funded\s*\)|\bfunded\s+by\s+(?<funder>[^,;()&/]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex Funded();

    /// <summary>Commas, semicolons, ampersands, plus signs and slashes between capitalised names ("RSO/IOM", not "Affected/interested").</summary>
    [GeneratedRegex(@"[,;&+]|(?<=\b\p{Lu}[\p{L}\-]*)\s*/\s*(?=\p{Lu})|\s+/\s+", RegexOptions.None, 1000)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(?:and|led\s+by|with|supported\s+by|in\s+partnership\s+with|through)\s+", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex LeadingConnector();

    [GeneratedRegex(@"\s+as\s+.+$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex RoleQualifier();

    [GeneratedRegex(@"(?<=\p{L})\s*-\s+(?=\p{L})|(?<=\p{L})\s+-\s*(?=\p{L})", RegexOptions.None, 1000)]
    private static partial Regex LooseHyphen();

    [GeneratedRegex(@"\([^)]*\)", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex Brackets();
}

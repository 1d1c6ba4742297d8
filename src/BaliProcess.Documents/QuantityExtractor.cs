using System.Globalization;
using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// Finds counted results in report text: a number (digits, "7,121", or a word up to twenty) followed within a few
/// words by a countable noun ("72 persons being convicted", "37 Bali Process member countries", "23 new suspects").
/// A participle next to the noun qualifies the unit ("persons convicted", "migrants returned") and carries over to
/// later counts of the same noun in the sentence ("over 900 migrants in returning ..., including 127 migrants").
/// Dates, ordinals ("2nd"), ranges ("12-27") and durations ("5 day") are not quantities.
/// </summary>
internal static partial class QuantityExtractor
{
    private const int NounWindow = 4;
    private const int ParticipleWindow = 3;

    private static readonly HashSet<string> Nouns = new(StringComparer.Ordinal)
    {
        "persons", "people", "migrants", "victims", "refugees", "children", "women", "languages", "arrests", "participants",
        "countries", "states", "suspects", "investigations", "operations", "prosecutions", "convictions", "students",
        "schools", "leaders", "meetings", "performances", "provinces", "districts", "officials", "officers", "workshops",
        "courses", "guides", "secondments", "cases", "members", "organisations", "organizations", "agencies", "trainees",
        "sessions", "events", "smugglers", "traffickers", "networks", "syndicates",
    };

    private static readonly Dictionary<string, string> Participles = new(StringComparer.Ordinal)
    {
        ["convicted"] = "convicted", ["returned"] = "returned", ["returning"] = "returned", ["arrested"] = "arrested",
        ["rescued"] = "rescued", ["trained"] = "trained", ["identified"] = "identified", ["repatriated"] = "repatriated",
        ["prosecuted"] = "prosecuted", ["deported"] = "deported", ["resettled"] = "resettled", ["assisted"] = "assisted",
        ["charged"] = "charged", ["detained"] = "detained", ["intercepted"] = "intercepted",
    };

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
    };

    public static List<QuantityInfo> Extract(IEnumerable<string> paragraphs)
    {
        var quantities = new List<QuantityInfo>();
        foreach (var sentence in paragraphs.SelectMany(TextLayout.Sentences))
        {
            var dates = DateParsing.FindAll(sentence);
            var participleByNoun = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match number in Number().Matches(sentence))
            {
                if (dates.Any(d => number.Index >= d.Index && number.Index < d.Index + d.Length))
                {
                    continue;
                }

                var value = Value(number.Groups["n"].Value);
                if (value is null)
                {
                    continue;
                }

                var after = sentence[(number.Index + number.Length)..];
                var words = LeadingWords().Match(after).Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(w => w.ToLowerInvariant()).ToList();
                var nounAt = words.Take(NounWindow).ToList().FindIndex(Nouns.Contains);
                if (nounAt < 0)
                {
                    continue;
                }

                var noun = words[nounAt];
                var unit = nounAt > 0 && words[nounAt - 1] == "new" ? $"new {noun}" : noun;
                var participle = words.Skip(nounAt + 1).Take(ParticipleWindow).Select(w => Participles.GetValueOrDefault(w)).FirstOrDefault(p => p is not null);
                if (participle is null)
                {
                    participle = participleByNoun.GetValueOrDefault(noun);
                }
                else
                {
                    participleByNoun[noun] = participle;
                }

                var start = number.Groups["qualifier"].Success ? number.Groups["qualifier"].Index : number.Groups["n"].Index;
                var clauseEnd = ClauseEnd().Match(sentence, number.Index + number.Length);
                var end = clauseEnd.Success ? clauseEnd.Index : sentence.Length;
                var phrase = TextLayout.Collapse(sentence[start..end]);
                quantities.Add(new QuantityInfo(value.Value, participle is null ? unit : $"{unit} {participle}", phrase));
            }
        }

        return quantities;
    }

    private static decimal? Value(string text)
    {
        if (NumberWords.TryGetValue(text, out var word))
        {
            return word;
        }

        return decimal.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}\-–.,/])(?:(?<qualifier>(?:over|more\s+than|approximately|around|nearly|almost|up\s+to|at\s+least|some)\s+))?" +
        @"(?<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty))" +
        @"(?![\p{L}\p{N}\-–%])",
        RegexOptions.IgnoreCase,
        1000)]
    private static partial Regex Number();

    [GeneratedRegex(@"^(?:\s+[\p{L}'’]+)+", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex LeadingWords();

    /// <summary>Clause punctuation, but not the comma or point inside a number ("100,000", "1.5").</summary>
    [GeneratedRegex(@"[,.](?!\d)|[;:()]|\s[–—]\s", RegexOptions.None, 1000)]
    private static partial Regex ClauseEnd();
}

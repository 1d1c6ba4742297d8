using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>The states that co-chaired or co-hosted the meeting.</summary>
internal sealed partial class MeetingReader
{
    /// <summary>States named as co-chairs or co-hosts, by name, through a minister or agency ("Australia's Department
    /// of Home Affairs"), or by adjective ("the Indonesian Foreign Minister").</summary>
    private List<string> CoChairs(List<Sentence> sentences)
    {
        foreach (var s in sentences.Where(s => s.Paragraph < AnchorParagraphs))
        {
            var text = s.Text;
            if (CoChairLabel().IsMatch(text) && TextLayout.WordCount(text) < 8)
            {
                continue;
            }

            var after = CoChairAfter().Match(text);
            if (after.Success)
            {
                var window = text[(after.Index + after.Length)..];
                var end = CoChairWindowEnd().Match(window);
                var states = States(end.Success ? window[..end.Index] : window);
                if (states.Count > 0)
                {
                    return [.. states.Take(2)];
                }
            }

            var noun = CoChairNoun().Match(text);
            if (noun.Success)
            {
                var window = text[(noun.Index + noun.Length)..];
                var first = names.FindMentions(window).FirstOrDefault(m => !m.Entry.IsBody && !m.Entry.IsOrganisation);
                if (first is not null && first.Index < 200 && OnlyNameWords(window[..first.Index]))
                {
                    var end = CoChairWindowEnd().Match(window, first.Index);
                    var states = States(end.Success ? window[..end.Index] : window);
                    if (states.Count > 0)
                    {
                        return [.. states.Take(2)];
                    }
                }
            }

            var before = CoChairBefore().Match(text);
            if (before.Success)
            {
                var prefix = text[..before.Index];
                var cut = Math.Max(prefix.LastIndexOf(';'), prefix.LastIndexOf(". ", StringComparison.Ordinal));
                var states = States(cut >= 0 ? prefix[(cut + 1)..] : prefix);
                if (states.Count > 0)
                {
                    return [.. states.TakeLast(2)];
                }
            }

            // "chaired by Indonesia and Australia": two states after a plain "chaired by" co-chair it.
            var chairedBy = ChairedBy().Match(text);
            if (chairedBy.Success)
            {
                var window = text[(chairedBy.Index + chairedBy.Length)..];
                var end = CoChairWindowEnd().Match(window);
                var states = States(end.Success ? window[..end.Index] : window);
                if (states.Count == 2)
                {
                    return states;
                }
            }

            // "Indonesia and Australia chaired the meeting", "Indonesia dan Australia memimpin pertemuan": a plain verb
            // of chairing makes co-chairs only of two states named together as its subject.
            var chaired = JointChairVerb().Match(text);
            if (chaired.Success && s.Paragraph <= AnchorParagraphs / 2)
            {
                var subject = text[..chaired.Index];
                var cut = Math.Max(subject.LastIndexOf(';'), Math.Max(subject.LastIndexOf(". ", StringComparison.Ordinal), subject.LastIndexOf(',')));
                var states = States(cut >= 0 ? subject[(cut + 1)..] : subject);
                if (states.Count == 2 && JointSubject().IsMatch(subject))
                {
                    return states;
                }
            }
        }

        return [];
    }

    /// <summary>True when the text is a formal name or punctuation only ("Bali Process on People Smuggling, ..."), no verb.</summary>
    private static bool OnlyNameWords(string text) =>
        text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
            .All(w => char.IsUpper(w[0]) || !char.IsLetter(w[0]) || NameConnectors.Contains(w.Trim('(', ')', ':')) || w is "yaitu" or "namely" or "were" or "are" or "adalah");

    private List<string> States(string text)
    {
        var mentions = names.FindMentions(text).Where(m => !m.Entry.IsBody && !m.Entry.IsOrganisation)
            .Concat(demonyms.FindMentions(text)).OrderBy(m => m.Index).Select(m => m.Entry.Code);
        return [.. mentions.Distinct()];
    }

    private static readonly (string Code, string[] Words)[] Demonyms =
    [
        ("AUS", ["Australian"]), ("IDN", ["Indonesian", "RI"]), ("THA", ["Thai"]), ("NZL", ["New Zealand's"]), ("MYS", ["Malaysian"]),
        ("PHL", ["Philippine"]), ("JPN", ["Japanese"]), ("VNM", ["Vietnamese"]), ("LKA", ["Sri Lankan"]), ("BGD", ["Bangladeshi"]),
        ("PAK", ["Pakistani"]), ("AFG", ["Afghan"]), ("FJI", ["Fijian"]), ("SGP", ["Singaporean"]), ("KHM", ["Cambodian"]),
        ("USA", ["American"]), ("CAN", ["Canadian"]), ("IND", ["Indian"]), ("CHN", ["Chinese"]),
    ];

    [GeneratedRegex(@"\bco-?chairs?['’]?\s*(?:statement|summary)\b|\bpernyataan\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CoChairLabel();

    [GeneratedRegex(@"\b(?:co-?chaired|co-?hosted|co-?convened|jointly\s+(?:chaired|hosted|convened)|chaired\s+jointly)\s*(?:,[^,]{1,30},\s*)?by\b|\bunder\s+the\s+co-?\s?chair(?:man|person)?ship\s+of\b|\b(?:dipimpin|diketuai|diselenggarakan|digelar|diadakan|dipandu)\s+bersama\s+oleh\b|\bco-?chairs?\s*(?:,|\(|:|were|are|was|of\s+the\s+meeting,)|\bketua\s+bersama\s*(?:,|\(|:|yaitu|adalah)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CoChairAfter();

    [GeneratedRegex(@"\b(?:co-?chairs|ketua\s+bersama)\b\s*(?:\([^()]*\)\s*)?", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CoChairNoun();

    [GeneratedRegex(@"[.;]|\s(?:in|on|at|from|di|pada|with|which|who|to|and\s+was|and\s+were)\s|,\s+(?:the\s+)?(?:meeting|conference|which|who|and\s+the\s+meeting)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CoChairWindowEnd();

    [GeneratedRegex(@"\b(?:co-?chaired|co-?hosted|co-?chair(?:ing)?|co-?host(?:ing)?|as\s+co-?chairs|memimpin\s+bersama|selaku\s+ketua\s+bersama|sebagai\s+ketua\s+bersama|menjadi\s+ketua\s+bersama)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CoChairBefore();

    [GeneratedRegex(@"\b(?:chaired|chair|led|lead|memimpin|mengetuai|menjadi\s+ketua)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex JointChairVerb();

    /// <summary>Two names joined as one subject just before the verb: "Indonesia and Australia ", "Indonesia dan Australia ".</summary>
    [GeneratedRegex(@"\s(?:and|dan|serta)\s+(?:the\s+)?\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,3}\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex JointSubject();

    [GeneratedRegex(@"\b(?:chaired|led|hosted|dipimpin|diketuai)\s+(?:jointly\s+)?by\b|\b(?:dipimpin|diketuai)\s+oleh\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ChairedBy();
}

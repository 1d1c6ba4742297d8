using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>Attendee lists: lists broken over lines joined back, list items split, and names told from phrases.</summary>
internal sealed partial class MeetingReader
{
    /// <summary>Longest paragraph a broken list is joined back into; a real list is far shorter.</summary>
    private const int MaxJoinedParagraph = 4000;

    /// <summary>
    /// A list broken over lines or paragraphs ("senior officials of the Governments of" / "Afghanistan, Bangladesh," /
    /// "Thailand and Viet Nam," / "as well as of UNHCR and IOM.") joined back into one paragraph: a paragraph that
    /// stops mid-sentence (a comma, a connecting word, no end punctuation before a lower-case start) goes on in the next.
    /// </summary>
    private static List<TextParagraph> JoinContinuations(List<TextParagraph> content)
    {
        var joined = new List<TextParagraph>(content.Count);
        foreach (var paragraph in content)
        {
            if (joined.Count > 0 && !joined[^1].IsListItem && !paragraph.IsListItem && StopsMidSentence(joined[^1].Text, joined[^1].IsHeading, paragraph.Text, paragraph.IsHeading)
                && joined[^1].Text.Length + paragraph.Text.Length <= MaxJoinedParagraph)
            {
                joined[^1] = joined[^1] with { Text = joined[^1].Text.TrimEnd() + " " + paragraph.Text.TrimStart(), IsHeading = false };
                continue;
            }

            joined.Add(paragraph);
        }

        return joined;
    }

    private static bool StopsMidSentence(string text, bool isHeading, string next, bool nextIsHeading)
    {
        var trimmed = text.TrimEnd();
        var start = next.TrimStart();
        if (trimmed.Length == 0 || start.Length == 0 || TextLayout.EndsSentence(trimmed) || trimmed.EndsWith(':'))
        {
            return false;
        }

        return trimmed.EndsWith(',') || char.IsLower(start[0]) || ContinuingWord().IsMatch(trimmed) || (!isHeading && !nextIsHeading);
    }

    private static IEnumerable<(int Start, string Text)> ListItems(string region, bool wholeItem)
    {
        if (wholeItem)
        {
            yield return (0, region);
            yield break;
        }

        var start = 0;
        var first = true;
        foreach (var separator in ListSeparator().Matches(region).Cast<Match?>().Append(null))
        {
            var end = separator?.Index ?? region.Length;
            var part = region[start..end];
            var offset = start;
            start = separator is null ? region.Length : separator.Index + separator.Length;
            if (first)
            {
                first = false;
                var lead = ListLead().Matches(part).LastOrDefault();
                if (lead is null)
                {
                    continue;
                }

                offset += lead.Index + lead.Length;
                part = part[(lead.Index + lead.Length)..];
            }

            yield return (offset, part);
        }
    }

    /// <summary>A name as written, or null for anything that reads as a phrase rather than a name.</summary>
    private static string? CleanName(string item)
    {
        var text = TextLayout.Collapse(ParenthesisedTail().Replace(item, string.Empty)).Trim().TrimEnd('.', ',', ';', ':', ')');
        text = NameLead().Replace(text, string.Empty).Trim();
        if (text.Length < 3 || text.Length > 90 || text.Any(char.IsDigit))
        {
            return null;
        }

        var words = text.Split(' ');
        if (words.Length > 9 || !char.IsUpper(words[0][0]) || words.Length == 1 && words[0].Length < 3)
        {
            return null;
        }

        foreach (var word in words)
        {
            var bare = word.Trim('(', ')', ',', '\'', '’');
            if (bare.Length == 0)
            {
                continue;
            }

            if (!char.IsUpper(bare[0]) && !NameConnectors.Contains(bare))
            {
                return null;
            }

            if (NotNames.Contains(bare) || DateParsing.ParseMonth(bare) is not null && bare.Length > 3 || Weekdays.Contains(bare))
            {
                return null;
            }
        }

        return text;
    }

    /// <summary>Capitalised words that begin phrases, not names.</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "This", "These", "They", "It", "Its", "Their", "We", "Officials", "Ministers", "Minister", "Members", "Delegates", "Delegations",
        "Participants", "Senior", "Meeting", "Conference", "Co-Chairs", "Co-chairs", "Bali", "Process", "Observers", "Observer",
        "Apologies", "Representatives", "Countries", "States", "Organisations", "Organizations", "Agencies", "All", "Other", "Others", "Several",
        "Para", "Perwakilan", "Negara", "Delegasi", "Peserta", "Pengamat", "Sebanyak", "Selain", "Ia", "Mereka", "Kami",
    };

    [GeneratedRegex(@"\s*(?:,|;|\band\b|\bdan\b|\bserta\b|\bas\s+well\s+as\b|\balong\s+with\b|\btogether\s+with\b|\bwith\b)\s*", RegexOptions.NonBacktracking)]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"(?:\b(?:from|of|by|included|include|were|was|are|dari|oleh|antara\s+lain)|:)\s+", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ListLead();

    [GeneratedRegex(@"^(?:the\s+|representatives?\s+(?:of|from)\s+(?:the\s+)?|governments?\s+of\s+(?:the\s+)?|government\s+of\s+(?:the\s+)?|delegations?\s+(?:of|from)\s+(?:the\s+)?|perwakilan\s+(?:dari\s+)?|pemerintah\s+)+", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NameLead();

    [GeneratedRegex(@"\s*\([^()]*\)\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex ParenthesisedTail();

    [GeneratedRegex(@"\b(?:of|and|the|from|by|with|including|dan|serta|dari|oleh|yaitu|antara|termasuk)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ContinuingWord();
}

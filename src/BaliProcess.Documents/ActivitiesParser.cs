using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// Reads a summary of activities: one entry per line starting "Month YYYY:" (optionally after a bullet such as
/// "•" or "·", and optionally with a day), possibly wrapped onto following lines. Each entry's lead sentence
/// gives the title, then the place as trailing capitalised segments ("..., Port Dickson, resulting in ...",
/// "..., Seoul, Korea."), a "Coordinator (Thailand)" prefix and, from the title, the body and kind.
/// </summary>
internal sealed partial class ActivitiesParser(NameCatalog names)
{
    /// <summary>Entries needed before a text counts as a summary of activities even without that heading.</summary>
    public const int MinimumEntries = 3;

    private static readonly string[] EventWords =
    [
        "meeting", "workshop", "conference", "forum", "event", "seminar", "dialogue", "process", "group", "symposium",
        "roundtable", "session", "programme", "program", "training", "exercise",
    ];

    public static int CountEntries(IEnumerable<string> lines) => lines.Count(line => EntryStart().IsMatch(Unbullet(line)));

    public List<ActivityInfo> Parse(string text, List<string> warnings)
    {
        var entries = new List<(string Line, Match Start)>();
        var undated = 0;
        string? current = null;
        Match? currentStart = null;

        void Flush()
        {
            if (current is not null && currentStart is not null)
            {
                entries.Add((current, currentStart));
            }

            current = null;
            currentStart = null;
        }

        foreach (var rawLine in text.Split('\n'))
        {
            var line = TextLayout.Collapse(MarkupCleaner.CleanInline(rawLine.Replace('\t', ' ')));
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            var bulleted = Bullet().IsMatch(line);
            var unbulleted = Unbullet(line);
            var start = EntryStart().Match(unbulleted);
            if (start.Success)
            {
                Flush();
                current = unbulleted;
                currentStart = start;
            }
            else if (bulleted)
            {
                Flush();
                undated++;
            }
            else if (current is not null)
            {
                // A wrapped entry: "Protection of Victims of" / "International Trafficking and Public Awareness, ..."
                current += " " + line;
            }
        }

        Flush();
        if (undated > 0)
        {
            warnings.Add($"{undated} undated list item(s) skipped: activities need at least a month and year");
        }

        var activities = entries.Select(entry => ToActivity(entry.Line, entry.Start)).Where(a => a is not null).Select(a => a!);

        // Summaries group entries by period (the ministerial conferences first); chronological order reads best.
        return [.. activities.OrderBy(a => a.Year).ThenBy(a => a.Month).ThenBy(a => a.Day ?? 0)];
    }

    private ActivityInfo? ToActivity(string line, Match start)
    {
        var month = DateParsing.ParseMonth(start.Groups["month"].Value);
        if (month is null || !int.TryParse(start.Groups["year"].Value, out var year))
        {
            return null;
        }

        int? day = start.Groups["day"].Success && int.TryParse(start.Groups["day"].Value, out var d) ? d : null;
        var rest = line[start.Length..].Trim();
        var lead = LeadSentence(rest);

        string? coordinator = null;
        var coordinatorMatch = CoordinatorPrefix().Match(lead);
        if (coordinatorMatch.Success)
        {
            var raw = coordinatorMatch.Groups["who"].Value.Trim();
            coordinator = names.Resolve(raw)?.Code ?? raw;
            lead = lead[coordinatorMatch.Length..].Trim();
        }

        var (title, place) = TitleAndPlace(lead);
        title = TextLayout.CapitaliseFirst(title);
        var bodyCode = names.FindMentions(title).FirstOrDefault(m => m.Entry.IsBody)?.Entry.Code;
        var kind = Kind(title, rest, bodyCode);
        return new ActivityInfo(year, month.Value, day, title, place, coordinator, bodyCode, kind, Produced(rest));
    }

    /// <summary>The entry up to its first full stop that ends a sentence (not one inside brackets or "e.g.").</summary>
    private static string LeadSentence(string rest)
    {
        var depth = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '.' when depth == 0 && (i + 1 == rest.Length || (char.IsWhiteSpace(rest[i + 1]) && !IsAbbreviationBefore(rest, i))):
                    return rest[..i].Trim();
            }
        }

        return rest.TrimEnd('.', ' ');
    }

    private static bool IsAbbreviationBefore(string text, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        return word.Length == 1 || word.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>
    /// Splits the lead into comma segments outside brackets. Segments from the first one starting in lower case
    /// ("resulting in ...") are description. Trailing place-like segments of the rest are the place; what precedes is
    /// the title. Without such segments, a closing "in Bali" is the place and "co-chaired by ..." is dropped.
    /// </summary>
    private static (string Title, string? Place) TitleAndPlace(string lead)
    {
        var segments = SplitTopLevel(lead);
        var coreEnd = segments.Count;
        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].Length > 0 && char.IsLower(segments[i][0]))
            {
                coreEnd = i;
                break;
            }
        }

        var placeStart = coreEnd;
        while (placeStart - 1 >= 1 && IsPlaceLike(segments[placeStart - 1]))
        {
            placeStart--;
        }

        if (placeStart < coreEnd)
        {
            var place = string.Join(", ", segments[placeStart..coreEnd].Select(WithoutBrackets));
            return (string.Join(", ", segments[..placeStart]), place);
        }

        var title = string.Join(", ", segments[..coreEnd]);
        string? trailingPlace = null;
        var inPlace = TrailingInPlace().Match(title);
        if (inPlace.Success && IsPlaceLike(inPlace.Groups["place"].Value))
        {
            trailingPlace = inPlace.Groups["place"].Value;
            title = title[..inPlace.Index];
        }

        title = CoChairedSuffix().Replace(title, string.Empty).Trim().TrimEnd(',');
        return (title, trailingPlace);
    }

    private static List<string> SplitTopLevel(string text)
    {
        var segments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' when depth == 0:
                    segments.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        segments.Add(text[start..].Trim());
        return segments;
    }

    /// <summary>1-4 capitalised words (bracketed remarks aside), no digits, no event words: "Bandar Seri Begawan", "Macau SAR".</summary>
    private static bool IsPlaceLike(string segment)
    {
        var words = WithoutBrackets(segment).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 1 and <= 4
            && words.All(w => char.IsUpper(w[0]) && w.All(c => char.IsLetter(c) || c is '-' or '\'' or '’' or '.'))
            && !words.Any(w => EventWords.Contains(w.ToLowerInvariant()));
    }

    private static string WithoutBrackets(string segment) => TextLayout.Collapse(Brackets().Replace(segment, " "));

    private static ActivityKind Kind(string title, string entry, string? bodyCode)
    {
        if (MinisterialWords().IsMatch(title) || bodyCode == "BPMC")
        {
            return ActivityKind.MinisterialConference;
        }

        if (SeniorOfficialsWords().IsMatch(title) || bodyCode == "SOM")
        {
            return ActivityKind.SeniorOfficialsMeeting;
        }

        if (SteeringGroupWords().IsMatch(title) || bodyCode == "SG")
        {
            return ActivityKind.SteeringGroupMeeting;
        }

        if (bodyCode == "AHG" && MeetingWords().IsMatch(title))
        {
            return ActivityKind.AdHocGroupMeeting;
        }

        if (SideEventWords().IsMatch(title))
        {
            return ActivityKind.SideEvent;
        }

        if (WorkshopWords().IsMatch(title))
        {
            return ActivityKind.Workshop;
        }

        if (MeetingWords().IsMatch(title))
        {
            return ActivityKind.Meeting;
        }

        // The title does not say ("Protection of Victims of International Trafficking..."), the description may.
        return WorkshopWords().IsMatch(entry) ? ActivityKind.Workshop : ActivityKind.Other;
    }

    /// <summary>What the activity produced, where the entry says: "resulting in ...", "formulated a ...", "Outcomes include ...".</summary>
    private static string? Produced(string entry)
    {
        var resulting = ResultingIn().Match(entry);
        if (resulting.Success)
        {
            var produced = resulting.Groups["what"].Value.Trim();
            var developmentOf = DevelopmentOf().Match(produced);
            return developmentOf.Success ? developmentOf.Groups["what"].Value.Trim() : produced;
        }

        var formulated = Formulated().Match(entry);
        if (formulated.Success)
        {
            return formulated.Groups["what"].Value.Trim();
        }

        var outcomes = OutcomesInclude().Match(entry);
        return outcomes.Success ? outcomes.Groups["what"].Value.Trim() : null;
    }

    private static string Unbullet(string line) => Bullet().Replace(line, string.Empty);

    [GeneratedRegex(@"^\s*[•·▪◦\-*–]\s*", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex Bullet();

    [GeneratedRegex(
        @"^(?:(?<day>\d{1,2})\s+)?(?<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(?<year>(?:19|20)\d\d)\s*:\s*",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking,
        1000)]
    private static partial Regex EntryStart();

    [GeneratedRegex(@"^Coordinator\s*\((?<who>[^)]+)\)\s*,?\s*", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex CoordinatorPrefix();

    [GeneratedRegex(@"\s+in\s+(?<place>\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*){0,3})$", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex TrailingInPlace();

    [GeneratedRegex(@"\s+co-?chaired\s+by\s+.*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex CoChairedSuffix();

    [GeneratedRegex(@"\([^)]*\)", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\bministerial\s+(?:conference|meeting)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex MinisterialWords();

    [GeneratedRegex(@"\bsenior\s+officials['’]?\s+meeting\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex SeniorOfficialsWords();

    [GeneratedRegex(@"\bsteering\s+group\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex SteeringGroupWords();

    [GeneratedRegex(@"\bside\s+event\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex SideEventWords();

    [GeneratedRegex(@"\b(?:workshops?|seminars?|roundtables?|symposi(?:um|a)|training\s+courses?)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex WorkshopWords();

    [GeneratedRegex(@"\bmeetings?\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex MeetingWords();

    [GeneratedRegex(@"\bresulting\s+in\s+(?:the\s+)?(?<what>[^.;(]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex ResultingIn();

    [GeneratedRegex(@"^development\b.*?\bof\s+(?<what>.+)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex DevelopmentOf();

    [GeneratedRegex(@"\bformulated\s+(?:a|an|the)\s+(?<what>[^,.;]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex Formulated();

    [GeneratedRegex(@"\bOutcomes\s+include[sd]?\s+(?<what>[^.]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex OutcomesInclude();
}

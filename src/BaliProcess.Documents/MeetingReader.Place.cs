using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>Where the meeting was held and in what format (in person, virtual, hybrid).</summary>
internal sealed partial class MeetingReader
{
    private string? PlaceIn(string text)
    {
        string? building = null;
        foreach (Match m in PlaceAfterIn().Matches(text))
        {
            var previous = PreviousWord().Match(text[..m.Index]);
            if (previous.Success && char.IsUpper(previous.Value[0]) && !SentenceStart().IsMatch(text[..m.Index]))
            {
                continue;
            }

            var place = CleanPlace(m.Groups["place"].Value);
            if (place is not null && BuildingWord().IsMatch(place))
            {
                building ??= place;
                continue;
            }

            if (place is not null)
            {
                return place;
            }
        }

        return building;
    }

    /// <summary>"in Jakarta, Indonesia on 6 May" or "on 6 May in Jakarta": the place written next to the meeting's date.</summary>
    private string? PlaceNearDate(string text, DateSpan? date)
    {
        if (date is null || date.Index + date.Length > text.Length)
        {
            return null;
        }

        string? before = null;
        foreach (Match m in PlaceAfterIn().Matches(text[..date.Index]))
        {
            if (date.Index - (m.Index + m.Length) <= 25)
            {
                before = CleanPlace(m.Groups["place"].Value) ?? before;
            }
        }

        if (before is not null)
        {
            return before;
        }

        var after = PlaceAfterIn().Match(text, date.Index + date.Length);
        return after.Success && after.Index - (date.Index + date.Length) <= 8 ? CleanPlace(after.Groups["place"].Value) : null;
    }

    /// <summary>"Bali Process Senior Officials' Meeting – Bali – March 2013": a short segment that is neither body nor date.</summary>
    private string? TitlePlace(string title)
    {
        var parts = TitleSeparator().Split(title);
        if (parts.Length < 2)
        {
            return null;
        }

        foreach (var part in parts.Skip(1))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0 && TextLayout.WordCount(trimmed) <= 4 && DateParsing.FindFirst(trimmed) is null
                && BodyMentions(trimmed).Count == 0 && !MeetingWord().IsMatch(trimmed) && char.IsUpper(trimmed[0]))
            {
                return CleanPlace(trimmed);
            }
        }

        return null;
    }

    /// <summary>Trailing weekdays, months and figures cut; names of bodies, organisations and months refused.</summary>
    private string? CleanPlace(string raw)
    {
        var words = raw.Split([' '], StringSplitOptions.RemoveEmptyEntries).ToList();
        var kept = new List<string>();
        foreach (var word in words)
        {
            var bare = word.Trim(',', '.', '(', ')');
            if (Weekdays.Contains(bare) || DateParsing.ParseMonth(bare) is not null || bare.Any(char.IsDigit) || PlaceStopWords.Contains(bare))
            {
                break;
            }

            kept.Add(word);
        }

        var place = string.Join(' ', kept).Trim().TrimEnd(',', '.', ';', ':');
        if (place.Length < 2 || !char.IsUpper(place[0]))
        {
            return null;
        }

        var mentions = names.FindMentions(place);
        if (mentions.Any(m => m.Entry.IsBody || m.Entry.IsOrganisation) || BodyMentions(place).Count > 0 || BaliProcess().IsMatch(place))
        {
            return null;
        }

        return TextLayout.TitleCaseIfShouting(place);
    }

    private static MeetingFormat Format(string text, bool hasPlace)
    {
        if (HybridWord().IsMatch(text))
        {
            return MeetingFormat.Hybrid;
        }

        if (VirtualWord().IsMatch(text))
        {
            return InPersonWord().IsMatch(text) || (hasPlace && RemoteParticipation().IsMatch(text)) ? MeetingFormat.Hybrid : MeetingFormat.Virtual;
        }

        return MeetingFormat.InPerson;
    }

    private static readonly HashSet<string> PlaceStopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "on", "from", "between", "pada", "tanggal", "to", "and", "dan", "for", "untuk", "with", "dengan", "The", "This", "It", "In", "On",
    };

    [GeneratedRegex(@"\b(?:in|at|di)\s+(?<place>\p{Lu}[\p{L}'’\-]*(?:(?:,\s*|\s+)\p{Lu}[\p{L}'’\-]*){0,4})", RegexOptions.NonBacktracking)]
    private static partial Regex PlaceAfterIn();

    [GeneratedRegex(@"\p{L}[\p{L}'’\-]*\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex PreviousWord();

    [GeneratedRegex(@"^\s*\p{L}[\p{L}'’\-]*\s*$|[.:]\s*\p{L}[\p{L}'’\-]*\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex SentenceStart();

    [GeneratedRegex(@"\b(?:gedung|hotel|centre|center|convention|building|ministry|kementerian|kantor|hall|room|resort|westin|hilton|hyatt|sheraton|grand|auditorium|balai|ruang|house|office)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BuildingWord();

    [GeneratedRegex(@"\s+[–—|]\s+|\s+-\s+", RegexOptions.NonBacktracking)]
    private static partial Regex TitleSeparator();

    [GeneratedRegex(@"\bhybrid\b|\bhibrida?\b|\bin[\s-]person\s+and\s+(?:online|virtual(?:ly)?)\b|\b(?:online|virtual(?:ly)?)\s+and\s+in[\s-]person\b|\bboth\s+in[\s-]person\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex HybridWord();

    [GeneratedRegex(@"\bvirtual(?:ly)?\b|\b(?:held|met|meet|meeting|convened|took\s+place|gathered)\s+online\b|\bonline\s+(?:meeting|session|conference)\b|\bentirely\s+online\b|\bvideo\s*-?conferenc\w*|\bteleconferenc\w*|\bvideo\s+link\b|\bwebinar\b|\bdaring\b|\bvirtual\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex VirtualWord();

    [GeneratedRegex(@"\bin[\s-]person\b|\bface[\s-]to[\s-]face\b|\btatap\s+muka\b|\bluring\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex InPersonWord();

    [GeneratedRegex(@"\b(?:joined|joining|participat\w*|took\s+part|attend\w*)\s+(?:\w+\s+){0,3}(?:online|virtually|remotely)\b|\bremote(?:ly)?\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex RemoteParticipation();
}

using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>Where the meeting was held and in what format (in person, virtual, hybrid).</summary>
internal sealed partial class MeetingReader
{
    private const int MaxPlaceWords = 5;

    private string? PlaceIn(string text)
    {
        string? building = null;
        foreach (Match m in PlaceAfterIn().Matches(text))
        {
            if (InsideName(text, m.Index))
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

    /// <summary>True for the "in" of a catalogued name ("Working Group on Trafficking in Persons").</summary>
    private bool InsideKnownName(string text, int index) =>
        BodyMentions(text).Concat(names.FindMentions(text)).Any(m => m.Index < index && index < m.Index + m.Length);

    /// <summary>True for the "in" of a name ("Trafficking in Persons"): the word before it is capitalised mid-sentence.</summary>
    private static bool InsideName(string text, int index)
    {
        var previous = PreviousWord().Match(text[..index]);
        return previous.Success && char.IsUpper(previous.Value[0]) && !SentenceStart().IsMatch(text[..index]);
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
            if (date.Index - (m.Index + m.Length) <= 25 && !InsideKnownName(text, m.Index))
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

    /// <summary>"BANGKOK, THAILAND, 14 MARCH 2014" under a title: the place of a line that is a place and a date only.</summary>
    private string? PlaceDateLine(string line)
    {
        var date = DateParsing.FindAll(line).FirstOrDefault();
        if (date is null || date.IsMonthOnly || line[(date.Index + date.Length)..].Trim().Length > 0)
        {
            return null;
        }

        var before = line[..date.Index].Trim().TrimEnd(',', '–', '-', '|').Trim();
        var words = before.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return words.Length is > 0 and <= MaxPlaceWords && words.All(w => char.IsUpper(w[0]) || w is "and" or "dan" or "/") ? CleanPlace(before) : null;
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

        return TextLayout.TitleCaseIfShouting(CityAfterVenue(place));
    }

    /// <summary>"Shangri-La Hotel, Bangkok" and "Gedung Pancasila, Kementerian Luar Negeri, Jakarta": the venue's
    /// city is the place; the building is kept only when no city follows it.</summary>
    private static string CityAfterVenue(string place)
    {
        var parts = place.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var first = Array.FindIndex(parts, p => !BuildingWord().IsMatch(p));
        return first > 0 && parts[..first].All(p => BuildingWord().IsMatch(p)) ? string.Join(", ", parts[first..]) : place;
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

        // "held in Jakarta, with some delegations joining online": a venue with remote participants is hybrid.
        return hasPlace && RemoteParticipation().IsMatch(text) ? MeetingFormat.Hybrid : MeetingFormat.InPerson;
    }

    private static readonly HashSet<string> PlaceStopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "on", "from", "between", "pada", "tanggal", "to", "and", "dan", "for", "untuk", "with", "dengan", "The", "This", "It", "In", "On",
    };

    [GeneratedRegex(@"\b(?:(?:in|di)\s+|at\s+(?:the\s+)?)(?<place>\p{Lu}[\p{L}'’\-]*(?:(?:,\s*|\s+)\p{Lu}[\p{L}'’\-]*){0,7})", RegexOptions.NonBacktracking)]
    private static partial Regex PlaceAfterIn();

    [GeneratedRegex(@"\p{L}[\p{L}'’\-]*\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex PreviousWord();

    [GeneratedRegex(@"^\s*\p{L}[\p{L}'’\-]*\s*$|[.:]\s*\p{L}[\p{L}'’\-]*\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex SentenceStart();

    [GeneratedRegex(@"\b(?:gedung|hotel|centre|center|convention|building|ministry|kementerian|kantor|hall|room|resort|westin|hilton|hyatt|sheraton|grand|auditorium|balai|ruang|house|office)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BuildingWord();

    [GeneratedRegex(@"\s+[–—]\s+|\s+-\s+", RegexOptions.NonBacktracking)]
    private static partial Regex TitleSeparator();

    [GeneratedRegex(@"\bhybrid\b|\bhibrida?\b|\bin[\s-]person\s+and\s+(?:online|virtual(?:ly)?)\b|\b(?:online|virtual(?:ly)?)\s+and\s+in[\s-]person\b|\bboth\s+in[\s-]person\b|\b(?:and|dan)\s+(?:online|virtually|secara\s+daring)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex HybridWord();

    [GeneratedRegex(@"\bvirtual(?:ly)?\b|\b(?:held|met|meet|meeting|convened|took\s+place|gathered)\s+online\b|\bonline\s+(?:meeting|session|conference)\b|\bentirely\s+online\b|\bvideo\s*-?conferenc\w*|\bteleconferenc\w*|\bvideo\s+link\b|\bwebinar\b|\bdaring\b|\bvirtual\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex VirtualWord();

    [GeneratedRegex(@"\bin[\s-]person\b|\bface[\s-]to[\s-]face\b|\btatap\s+muka\b|\bluring\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex InPersonWord();

    [GeneratedRegex(@"\b(?:joined|joining|connected|connecting|participat\w*|took\s+part|attend\w*)\s+(?:\w+\s+){0,3}(?:online|virtually|remotely)\b|\bremote(?:ly)?\b|\b(?:joined|joining|connected|connecting|participat\w*|attend\w*)\s+(?:\w+\s+){0,2}(?:by|via|through)\s+video\b|\bbergabung\s+secara\s+daring\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex RemoteParticipation();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// Reads the meeting a statement reports on. The meeting's own details come from the heading block and the
/// opening sentence ("The Co-Chairs ... hosted the first Meeting of the Ad Hoc Group in Bali, Indonesia on
/// 27 - 29 July 2009"), never from later sentences, which mention other meetings and their dates (BRMC III).
/// </summary>
internal sealed partial class StatementParser(NameCatalog names)
{
    /// <summary>How many body paragraphs may precede the one that opens the meeting.</summary>
    private const int OpeningSearchParagraphs = 3;

    public sealed record Result(MeetingInfo? Meeting, string? MeetingTitle, bool HasCoChairsOpening);

    public Result Parse(IReadOnlyList<TextParagraph> header, IReadOnlyList<TextParagraph> body, List<string> warnings)
    {
        var opening = FindOpeningSentence(body);
        var headerTitle = header.Select(p => p.Text).FirstOrDefault(IsMeetingTitleLine);
        var headerTitleCased = headerTitle is null ? null : TextLayout.TitleCaseIfShouting(headerTitle, names.IsKnownAcronym);
        var phrase = opening is null ? null : MeetingPhrase().Match(opening);
        var hasCoChairsOpening = opening is not null && CoChairsSubject().IsMatch(opening) && phrase is { Success: true };

        var (date, dateFromHeading, headerDateLine) = MeetingDate(opening, phrase, header);
        var meetingTitle = headerTitleCased
            ?? (phrase is { Success: true } ? TextLayout.CapitaliseFirst(TextLayout.Collapse(phrase.Value)) : null);

        if (date is null)
        {
            warnings.Add("no meeting date found in the heading or the opening sentence; meeting details not recognised");
            return new Result(null, meetingTitle, hasCoChairsOpening);
        }

        if (date.IsMonthOnly)
        {
            var month = date.Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
            warnings.Add($"the meeting date gives only the month ({month}); the first of the month is used");
        }

        if (dateFromHeading && opening is null)
        {
            warnings.Add("no opening sentence naming the meeting; date taken from the heading");
        }

        var ordinal = Ordinal(phrase, headerTitleCased);
        var bodyCode = BodyCode(phrase, headerTitleCased);
        if (bodyCode is null)
        {
            warnings.Add("the meeting's body (Ad Hoc Group, Senior Officials' Meeting...) was not recognised");
        }

        var place = (dateFromHeading ? null : Place(opening, date)) ?? HeaderPlace(headerDateLine, date);
        var start = date.Start;
        var end = date.IsMonthOnly ? date.Start : date.End;
        var meeting = new MeetingInfo(
            bodyCode ?? string.Empty,
            ordinal,
            meetingTitle ?? "Meeting",
            start,
            end,
            place,
            Format(opening, header),
            CoChairs(opening),
            Attendees(body),
            AgendaItems(header, body),
            Outcomes(body));
        return new Result(meeting, meetingTitle, hasCoChairsOpening);
    }

    /// <summary>
    /// The first sentence in the opening paragraphs that says a meeting was hosted, chaired, convened or held
    /// and carries a date.
    /// </summary>
    private static string? FindOpeningSentence(IReadOnlyList<TextParagraph> body)
    {
        foreach (var paragraph in body.Where(p => !p.IsHeading).Take(OpeningSearchParagraphs))
        {
            foreach (var sentence in TextLayout.Sentences(paragraph.Text))
            {
                if (MeetingVerb().IsMatch(sentence) && DateParsing.FindFirst(sentence) is not null)
                {
                    return sentence;
                }
            }
        }

        return null;
    }

    private static bool IsMeetingTitleLine(string line) =>
        MeetingWord().IsMatch(line) && !StatementLabel().IsMatch(line) && TextLayout.WordCount(line) <= 14;

    private static (DateSpan? Date, bool FromHeading, string? HeaderLine) MeetingDate(
        string? opening, Match? phrase, IReadOnlyList<TextParagraph> header)
    {
        string? headerLine = null;
        DateSpan? headerDate = null;
        foreach (var paragraph in header)
        {
            headerDate = DateParsing.FindFirst(paragraph.Text);
            if (headerDate is not null)
            {
                headerLine = paragraph.Text;
                break;
            }
        }

        if (opening is not null)
        {
            // The meeting's date follows the phrase naming it; an earlier date in the same sentence belongs to
            // something else ("Following BRMC III, held on 14-15 April 2009, the Co-Chairs hosted ...").
            var dates = DateParsing.FindAll(opening);
            var anchor = phrase is { Success: true } ? phrase.Index + phrase.Length : 0;
            var sentenceDate = dates.FirstOrDefault(d => d.Index >= anchor) ?? dates.FirstOrDefault();
            if (sentenceDate is not null)
            {
                return (sentenceDate, false, headerLine);
            }
        }

        return (headerDate, headerDate is not null, headerLine);
    }

    private static int? Ordinal(Match? phrase, string? headerTitle)
    {
        if (phrase is { Success: true })
        {
            return DateParsing.ParseOrdinal(phrase.Groups["ord"].Value);
        }

        var headerMatch = headerTitle is null ? null : HeaderOrdinal().Match(headerTitle);
        return headerMatch is { Success: true } ? DateParsing.ParseOrdinal(headerMatch.Groups["ord"].Value) : null;
    }

    private string? BodyCode(Match? phrase, string? headerTitle)
    {
        foreach (var candidate in new[] { phrase is { Success: true } ? phrase.Groups["name"].Value : null, headerTitle })
        {
            if (candidate is null)
            {
                continue;
            }

            var body = names.FindMentions(candidate).FirstOrDefault(m => m.Entry.IsBody);
            if (body is not null)
            {
                return body.Entry.Code;
            }
        }

        return null;
    }

    /// <summary>
    /// Where the opening sentence says the meeting took place: "in Bali, Indonesia on 6 December 2022" (the place
    /// just before the date), "on 6 December 2022 in Bangkok" (just after it), else the first capitalised place
    /// after the meeting verb.
    /// </summary>
    private static string? Place(string? opening, DateSpan date)
    {
        if (opening is null || date.Index + date.Length > opening.Length)
        {
            return null;
        }

        var before = PlaceBeforeDate().Match(opening[..date.Index]);
        if (before.Success)
        {
            return before.Groups["place"].Value;
        }

        var after = PlaceAfterDate().Match(opening[(date.Index + date.Length)..]);
        if (after.Success && !StartsWithMonth(after.Groups["place"].Value))
        {
            return after.Groups["place"].Value;
        }

        var verb = MeetingVerb().Match(opening);
        var rest = verb.Success ? opening[(verb.Index + verb.Length)..] : opening;
        foreach (Match match in PlaceAfterIn().Matches(rest))
        {
            var place = match.Groups["place"].Value.TrimEnd(',', ' ');
            if (!StartsWithMonth(place))
            {
                return place;
            }
        }

        return null;
    }

    private static bool StartsWithMonth(string place) => DateParsing.ParseMonth(place.Split(' ', ',')[0]) is not null;

    /// <summary>"BALI, INDONESIA, 27-29 JULY 2009": the place is what precedes the date on the heading line.</summary>
    private static string? HeaderPlace(string? headerLine, DateSpan date)
    {
        if (headerLine is null)
        {
            return null;
        }

        var headerDate = DateParsing.FindFirst(headerLine);
        if (headerDate is null || headerDate.Start != date.Start)
        {
            return null;
        }

        var before = headerLine[..headerDate.Index].Trim().TrimEnd(',', '-', '–', ' ');
        if (before.Length == 0 || TextLayout.WordCount(before) > 6 || MeetingWord().IsMatch(before))
        {
            return null;
        }

        return TextLayout.TitleCaseIfShouting(before);
    }

    /// <summary>Only the opening sentence and heading count: later text discusses formats in general.</summary>
    private static MeetingFormat? Format(string? opening, IReadOnlyList<TextParagraph> header)
    {
        var text = string.Join(' ', header.Select(p => p.Text).Append(opening ?? string.Empty));
        var hybrid = Hybrid().IsMatch(text);
        var isVirtual = Virtual().IsMatch(text);
        var inPerson = InPerson().IsMatch(text);
        if (hybrid || (isVirtual && inPerson))
        {
            return MeetingFormat.Hybrid;
        }

        if (isVirtual)
        {
            return MeetingFormat.Virtual;
        }

        return inPerson ? MeetingFormat.InPerson : null;
    }

    private List<string> CoChairs(string? opening)
    {
        if (opening is null)
        {
            return [];
        }

        var match = CoChairedBy().Match(opening);
        return match.Success
            ? [.. names.FindAll(match.Groups["who"].Value).Where(e => !e.IsBody).Select(e => e.Code)]
            : [];
    }

    /// <summary>
    /// The sentence that lists who attended. Observers are those the catalog lists as observers and those the
    /// sentence calls observers ("and the ASEAN Secretariat as an observer").
    /// </summary>
    private List<AttendeeInfo> Attendees(IReadOnlyList<TextParagraph> body)
    {
        var sentence = body.Where(p => !p.IsHeading)
            .SelectMany(p => TextLayout.Sentences(p.Text))
            .FirstOrDefault(s => AttendedBy().IsMatch(s));
        if (sentence is null)
        {
            return [];
        }

        var listStart = AttendedBy().Match(sentence).Index;
        var attendees = new List<AttendeeInfo>();
        foreach (var mention in names.FindMentions(sentence[listStart..]))
        {
            if (mention.Entry.IsBody || attendees.Any(a => a.Code == mention.Entry.Code))
            {
                continue;
            }

            var after = sentence[(listStart + mention.Index + mention.Length)..];
            var clauseEnd = ClauseEnd().Match(after);
            var clause = clauseEnd.Success ? after[..clauseEnd.Index] : after;
            var calledObserver = ObserverWord().IsMatch(clause);
            attendees.Add(new AttendeeInfo(mention.Entry.Code, mention.Entry.IsObserver || calledObserver));
        }

        return attendees;
    }

    internal static List<AgendaItemInfo> AgendaItems(IReadOnlyList<TextParagraph> header, IReadOnlyList<TextParagraph> body)
    {
        var items = new SortedDictionary<int, string>();
        foreach (var paragraph in header.Concat(body))
        {
            var pattern = paragraph.IsHeading ? AgendaHeading() : AgendaQuoted();
            foreach (Match match in pattern.Matches(paragraph.Text))
            {
                if (int.TryParse(match.Groups["n"].Value, out var number))
                {
                    items.TryAdd(number, TextLayout.Collapse(match.Groups["title"].Value).TrimEnd('.', ','));
                }
            }
        }

        return [.. items.Select(item => new AgendaItemInfo(item.Key, item.Value))];
    }

    /// <summary>
    /// Decisions and positions: sentences where the meeting, participants, members or co-chairs agreed, noted,
    /// welcomed, recommended, endorsed, supported, commended or affirmed something, plus passive forms
    /// ("Two technical expert meetings were agreed"). Coordinated verbs ("reaffirmed ... and welcomed ...")
    /// give one outcome each. A sentence ending in a colon takes the list items that follow it.
    /// </summary>
    internal static List<OutcomeInfo> Outcomes(IReadOnlyList<TextParagraph> body)
    {
        var outcomes = new List<OutcomeInfo>();
        for (var index = 0; index < body.Count; index++)
        {
            var paragraph = body[index];
            if (paragraph.IsHeading)
            {
                continue;
            }

            var sentences = TextLayout.Sentences(paragraph.Text);
            for (var s = 0; s < sentences.Count; s++)
            {
                var sentence = sentences[s];
                var found = SentenceOutcomes(sentence).ToList();
                var items = s == sentences.Count - 1 && sentence.EndsWith(':') ? FollowingListItems(body, index) : null;
                if (items is not null && found.Count > 0)
                {
                    found[^1] = (found[^1].Verb, $"{found[^1].Text} {items}");
                }

                foreach (var (verb, text) in found)
                {
                    // "the meeting agreed as follows:" followed by headings rather than items says nothing itself.
                    if (!AsFollowsOnly().IsMatch(text))
                    {
                        outcomes.Add(new OutcomeInfo(verb, text, outcomes.Count + 1));
                    }
                }
            }
        }

        return outcomes;
    }

    private static string? FollowingListItems(IReadOnlyList<TextParagraph> body, int index)
    {
        var items = new List<string>();
        for (var next = index + 1; next < body.Count && body[next].IsListItem; next++)
        {
            items.Add($"{body[next].ListMarker} {body[next].Text}");
        }

        return items.Count == 0 ? null : string.Join(' ', items);
    }

    private static IEnumerable<(OutcomeVerb Verb, string Text)> SentenceOutcomes(string sentence)
    {
        var active = ActiveOutcome().Match(sentence);
        if (!active.Success)
        {
            var passive = PassiveOutcome().Match(sentence);
            if (passive.Success && ToVerb(passive.Groups["verb"].Value) is { } passiveVerb)
            {
                yield return (passiveVerb, sentence);
            }

            yield break;
        }

        var subject = TextLayout.CapitaliseFirst(active.Groups["subj"].Value);
        var clauses = new List<(OutcomeVerb Verb, int Start, int JoinStart)>();
        if (ToVerb(active.Groups["verb"].Value) is { } first)
        {
            clauses.Add((first, 0, sentence.Length));
        }

        foreach (Match coordinated in CoordinatedVerb().Matches(sentence, active.Index + active.Length))
        {
            if (ToVerb(coordinated.Groups["verb"].Value) is { } verb)
            {
                clauses.Add((verb, coordinated.Groups["verb"].Index, coordinated.Index));
            }
        }

        if (clauses.Count == 1)
        {
            yield return (clauses[0].Verb, sentence);
            yield break;
        }

        for (var i = 0; i < clauses.Count; i++)
        {
            var end = i + 1 < clauses.Count ? clauses[i + 1].JoinStart : sentence.Length;
            var part = sentence[clauses[i].Start..end].Trim().TrimEnd(',');
            var text = i == 0 ? part : $"{subject} {part}";
            yield return (clauses[i].Verb, EnsureStop(text));
        }
    }

    private static string EnsureStop(string text) => TextLayout.EndsSentence(text) ? text : text + ".";

    private static OutcomeVerb? ToVerb(string word)
    {
        var lower = TextLayout.Collapse(word).ToLowerInvariant();
        return lower switch
        {
            "agreed" => OutcomeVerb.Agreed,
            "noted" or "took note" => OutcomeVerb.Noted,
            "welcomed" => OutcomeVerb.Welcomed,
            "recommended" => OutcomeVerb.Recommended,
            "endorsed" => OutcomeVerb.Endorsed,
            "supported" => OutcomeVerb.Supported,
            "commended" => OutcomeVerb.Commended,
            "affirmed" or "reaffirmed" or "re-affirmed" => OutcomeVerb.Affirmed,
            _ => null,
        };
    }

    private const string Verbs = @"(?<verb>re-?affirmed|affirmed|agreed|took\s+note|noted|welcomed|recommended|endorsed|supported|commended)(?![\p{L}])";

    private const string Adverbs = @"(?:(?:also|further|strongly|warmly|subsequently|then|unanimously|collectively|again|fully|duly)\s+){0,2}";

    [GeneratedRegex(
        @"(?<![\p{L}\-])(?<subj>(?:[Tt]he\s+)?(?:[Mm]eeting|[Pp]articipants|[Mm]embers(?:\s+of\s+the\s+\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*)*(?:\s*\([^)]{1,20}\))?)?|Co-[Cc]hairs|[Ss]enior\s+[Oo]fficials|Ministers|They|[Dd]elegates|[Dd]elegations|AHG\s+[Mm]embers))\s+" + Adverbs + Verbs,
        RegexOptions.None,
        1000)]
    private static partial Regex ActiveOutcome();

    [GeneratedRegex(@"(?:,\s*|\s+)and\s+(?:(?:also|further|strongly)\s+)?" + Verbs, RegexOptions.None, 1000)]
    private static partial Regex CoordinatedVerb();

    [GeneratedRegex(@"\b(?:was|were|has\s+been|have\s+been)\s+(?:(?:also|further|unanimously|duly)\s+)?(?<verb>agreed|endorsed|welcomed|noted|recommended|supported|commended|affirmed)(?![\p{L}])", RegexOptions.None, 1000)]
    private static partial Regex PassiveOutcome();

    [GeneratedRegex(@"(?:agreed|noted|recommended|endorsed|supported)\s+as\s+follows\s*:?\s*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex AsFollowsOnly();

    [GeneratedRegex(@"\b(?:hosted|co-chaired|chaired|convened|held|met|took\s+place|was\s+opened)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex MeetingVerb();

    [GeneratedRegex(@"\bCo-?Chairs?\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex CoChairsSubject();

    [GeneratedRegex(
        @"(?i:\b(?<ord>" + DateParsing.OrdinalPattern + @"))\s+(?<name>(?:[\p{L}'’\-]+\s+){0,8}?(?i:meeting|conference|forum|dialogue|symposium|roundtable|workshop)(?:\s+of\s+the\s+(?:\p{Lu}[\p{L}'’\-]*\s?)+)?)",
        RegexOptions.NonBacktracking,
        1000)]
    private static partial Regex MeetingPhrase();

    [GeneratedRegex(@"^(?i:(?<ord>" + DateParsing.OrdinalPattern + @"))\b", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex HeaderOrdinal();

    [GeneratedRegex(@"\b(?:meeting|conference|forum|dialogue|symposium|roundtable|workshop)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex MeetingWord();

    [GeneratedRegex(@"\bstatement\b|\bdeclaration\b|\bsummary\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex StatementLabel();

    [GeneratedRegex(@"\bin\s+(?<place>\p{Lu}[\p{L}'’\-]*(?:(?:,\s*|\s+)\p{Lu}[\p{L}'’\-]*){0,4})", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex PlaceAfterIn();

    [GeneratedRegex(@"\bin\s+(?<place>\p{Lu}[\p{L}'’\-]*(?:(?:,\s*|\s+)\p{Lu}[\p{L}'’\-]*){0,4})\s*,?\s*(?:on|from|between)\s+$", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex PlaceBeforeDate();

    [GeneratedRegex(@"^\s*,?\s*in\s+(?<place>\p{Lu}[\p{L}'’\-]*(?:(?:,\s*|\s+)\p{Lu}[\p{L}'’\-]*){0,4})", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex PlaceAfterDate();

    [GeneratedRegex(@"\bhybrid\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex Hybrid();

    [GeneratedRegex(@"\b(?:virtual(?:ly)?|online|video\s*conferenc\w*|teleconferenc\w*)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex Virtual();

    [GeneratedRegex(@"\bin[\s-]person\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex InPerson();

    [GeneratedRegex(@"\bco-?chaired\s+by\s+(?<who>.+?)(?=\s+(?:in|on|at|from|between)\s|[,.;]|$)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex CoChairedBy();

    [GeneratedRegex(@"\battended\s+by\b|\bparticipants\s+(?:came\s+)?from\b|\battendance\s+of\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex AttendedBy();

    [GeneratedRegex(@"[,;]|\s+and\s+|\s+as\s+well\s+as\s+", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex ClauseEnd();

    [GeneratedRegex(@"\bobservers?\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex ObserverWord();

    [GeneratedRegex(@"\bagenda\s+item\s+(?<n>\d{1,2})\s*[:\-–—.]?\s*(?:“(?<title>[^”]+)”|""(?<title>[^""]+)""|‘(?<title>[^’]+)’)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex AgendaQuoted();

    [GeneratedRegex(@"^\s*agenda\s+item\s+(?<n>\d{1,2})\s*[:\-–—.]\s*(?<title>.+)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex AgendaHeading();
}

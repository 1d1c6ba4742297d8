using System.Globalization;
using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>The meeting's own date: the anchor sentence that names the meeting, and the dates it gives.</summary>
internal sealed partial class MeetingReader
{
    /// <summary>Characters before a date searched for the words that make it another meeting's ("since the ... of").</summary>
    private const int OtherMeetingWindow = 80;

    /// <summary>Heading lines at the top that make up a statement's title block.</summary>
    private const int TitleBlockParagraphs = 4;

    private static bool Overlaps(DateSpan a, DateSpan b) => a.Start <= b.End && b.Start <= a.End;

    private static string Describe(DateSpan d) =>
        d.IsMonthOnly ? d.Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
        : d.Start == d.End ? d.Start.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
        : $"{d.Start.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} to {d.End.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>The publication year, else the year most often written in the opening paragraphs.</summary>
    private static int? ContextYear(List<DateSpan> publication, List<TextParagraph> content)
    {
        if (publication.Count > 0)
        {
            return publication[0].Start.Year;
        }

        // "Fifth Meeting — Jakarta, 2020": a year in the title block is the meeting's, before years the text recalls.
        var titleYear = content.Take(TitleBlockParagraphs).Where(p => p.IsHeading).Select(p => FourDigitYear().Match(p.Text)).FirstOrDefault(m => m.Success);
        if (titleYear is not null)
        {
            return int.Parse(titleYear.Value, CultureInfo.InvariantCulture);
        }

        return content.Take(AnchorParagraphs).SelectMany(p => DateParsing.FindAll(p.Text)).GroupBy(d => d.Start.Year)
            .OrderByDescending(g => g.Count()).Select(g => (int?)g.Key).FirstOrDefault()
            ?? content.Take(4).Select(p => FourDigitYear().Match(p.Text)).Where(m => m.Success).Select(m => (int?)int.Parse(m.Value, CultureInfo.InvariantCulture)).FirstOrDefault();
    }

    /// <summary>Dates in the text: those with a year first, then day dates without one, dated in the context year.</summary>
    private static List<DateSpan> Dates(string text, int? year)
    {
        var dated = DateParsing.FindAll(text);
        var all = new List<DateSpan>(dated);
        if (year is { } y)
        {
            all.AddRange(DateParsing.FindYearless(text, y, dated));
        }

        all.AddRange(NumericDates(text, year));
        all.Sort((a, b) => a.Index.CompareTo(b.Index));
        return all;
    }

    /// <summary>"Rabu (23/3)" and "23/03/2016": Indonesian news gives the day and month in figures; web pages "2016-03-23".</summary>
    private static IEnumerable<DateSpan> NumericDates(string text, int? year)
    {
        foreach (Match m in NumericDate().Matches(text))
        {
            var y = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : year;
            var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (y is >= 1990 and <= 2199 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y.Value, month))
            {
                var date = new DateOnly(y.Value, month, day);
                yield return new DateSpan(date, date, false, m.Index, m.Length);
            }
        }
    }

    /// <summary>
    /// The sentence that reports the meeting: it names a body or a meeting, with a meeting verb or a date of its own,
    /// and is not about an earlier or a later meeting. A date long before the document was issued is recalled.
    /// </summary>
    private Sentence? FindAnchor(List<Sentence> sentences, Dating dating, out DateSpan? date, out NameMention? body)
    {
        Sentence? best = null;
        DateSpan? bestDate = null;
        NameMention? bestBody = null;
        var bestScore = 0.0;
        foreach (var s in sentences.Where(s => s.Paragraph < AnchorParagraphs && !s.IsChronology))
        {
            var bodies = BodyMentions(s.Text);
            var meetingWord = MeetingWord().IsMatch(s.Text);
            if (bodies.Count == 0 && !meetingWord)
            {
                continue;
            }

            var verb = MeetingVerb().IsMatch(s.Text);
            var mention = FirstMeetingBody(s.Text);
            var dates = OwnDates(s.Text, dating, s.Paragraph == dating.LeadParagraph);
            var picked = PickDate(dates, mention);
            if (picked is not null && IsLongBefore(picked, dating))
            {
                continue;
            }

            var recall = Recall().IsMatch(s.Text) || FollowedAnother().IsMatch(s.Text);
            var future = FutureWord().IsMatch(s.Text);
            var score = (bodies.Count > 0 ? 3 : 0) + (meetingWord ? 1 : 0) + (verb ? 2 : 0) + (dates.Count > 0 ? 3 : 0)
                - (recall ? 4 : 0) - (future ? 4 : 0) - (s.IsHeading ? 2 : 0) - (0.2 * s.Paragraph);
            if (!verb && dates.Count == 0)
            {
                continue;
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = s;
                bestBody = mention;
                bestDate = picked;
            }
        }

        date = bestDate;
        body = bestBody;
        return bestScore >= 4 ? best : null;
    }

    /// <summary>
    /// The dates a sentence gives as its own: not a publication date, not one introduced as another meeting's
    /// ("since the conference of August 2018", "following the SOM on 1 April"). A news lead without a date reads
    /// "today", "yesterday" and "on Tuesday" against the dateline.
    /// </summary>
    private static List<DateSpan> OwnDates(string text, Dating dating, bool lead = false)
    {
        // Once a sentence turns to recalling ("Recalling the Declaration of ... and the conference of ..."), its later
        // dates are the recalled meetings'.
        var recall = RecallingClause().Match(text);
        var dates = Dates(text, dating.Year)
            .Where(d => !PublicationWord().IsMatch(text[..d.Index]) && !OtherMeetingBefore().IsMatch(text[Math.Max(0, d.Index - OtherMeetingWindow)..d.Index])
                && !(recall.Success && recall.Index < d.Index))
            .ToList();
        if (dates.Count == 0 && lead && dating.Reference is { } reference && RelativeDate(text, reference) is { } relative)
        {
            dates.Add(relative);
        }

        return dates;
    }

    /// <summary>A list item that opens with a year or a date ("2009: ...", "14-15 April 2009 – ...") belongs to a timeline.</summary>
    private static bool IsChronologyEntry(TextParagraph paragraph) =>
        paragraph.IsListItem && (ChronologyStart().IsMatch(paragraph.Text) || DateParsing.FindFirst(paragraph.Text) is { Index: 0 });

    /// <summary>"today", "this evening", "yesterday", "on Thursday", "hari ini", "kemarin": a day counted back from the reference.</summary>
    private static DateSpan? RelativeDate(string text, DateOnly reference)
    {
        var m = RelativeDay().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var word = m.Value.ToLowerInvariant();
        var day = word is "yesterday" or "kemarin" ? reference.AddDays(-1)
            : WeekdayNumber(word) is { } weekday ? reference.AddDays(-(((int)reference.DayOfWeek - (int)weekday + 7) % 7))
            : reference;
        return new DateSpan(day, day, false, m.Index, m.Length);
    }

    private static DayOfWeek? WeekdayNumber(string word) => word switch
    {
        "monday" or "senin" => DayOfWeek.Monday,
        "tuesday" or "selasa" => DayOfWeek.Tuesday,
        "wednesday" or "rabu" => DayOfWeek.Wednesday,
        "thursday" or "kamis" => DayOfWeek.Thursday,
        "friday" or "jumat" or "jum'at" => DayOfWeek.Friday,
        "saturday" or "sabtu" => DayOfWeek.Saturday,
        "sunday" or "minggu" => DayOfWeek.Sunday,
        _ => null,
    };

    /// <summary>The date written nearest the meeting's name ("held on 6 May at the Eighth ...", "the Eighth ... on 6 May"), else the first one.</summary>
    private static DateSpan? PickDate(List<DateSpan> dates, NameMention? body)
    {
        if (dates.Count == 0)
        {
            return null;
        }

        return body is null ? dates[0]
            : dates.MinBy(d => d.Index >= body.Index + body.Length ? d.Index - (body.Index + body.Length) : Math.Max(0, body.Index - (d.Index + d.Length)));
    }

    private static bool DateOnlyLine(string text)
    {
        var dates = DateParsing.FindAll(text);
        if (dates.Count == 0)
        {
            return false;
        }

        var rest = text.Remove(dates[0].Index, dates[0].Length);
        return TextLayout.WordCount(WeekdayOrTime().Replace(rest, " ").Trim(' ', ',', '|', '-', '–')) <= 1;
    }

    private static readonly HashSet<string> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu",
    };

    [GeneratedRegex(@"\b(?:19|20|21)\d\d\b", RegexOptions.NonBacktracking)]
    private static partial Regex FourDigitYear();

    [GeneratedRegex(@"(?:^|[^\p{N}/])(?<d>\d{1,2})/(?<m>\d{1,2})(?:/(?<y>(?:19|20|21)\d\d))?(?:$|[^\p{N}/])|(?:^|[^\p{N}\-])(?<y>(?:19|20|21)\d\d)-(?<m>\d{2})-(?<d>\d{2})(?:$|[^\p{N}\-])", RegexOptions.NonBacktracking)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?:meeting|conference|forum|dialogue|symposium|roundtable|workshop|consultation|session|summit|group|committee|task\s*force|konferensi|pertemuan|rapat|lokakarya|sidang|kelompok|komite)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MeetingWord();

    [GeneratedRegex(@"\b(?:held|met|meet|convened|hosted|co-?hosted|co-?chaired|chaired|took\s+place|opened|gathered|came\s+together|attended|concluded|agreed|ended|closed|wrapped\s+up|berlangsung|menyepakati|diselenggarakan|digelar|dihadiri|bertemu|memimpin|dipimpin|diadakan|dibuka|menyelenggarakan|menggelar|ditutup)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MeetingVerb();

    [GeneratedRegex(@"\b(?:previous|last|earlier|recall(?:ed|ing)?|former|preceding|prior|sebelumnya|terdahulu|lalu)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Recall();

    [GeneratedRegex(@"\b(?:next|will|would|could|should|might|upcoming|forthcoming|planned|expects?|expected|future|akan|mendatang|berikutnya|to\s+be\s+(?:held|convened|hosted|organi[sz]ed|confirmed|decided|determined)|proposed|scheduled|tbc|dijadwalkan|direncanakan)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex FutureWord();

    [GeneratedRegex(@"\b(?:following|followed|follows|after|since|ahead\s+of|before|prepare(?:d)?(?:\s+for)?|preparation\s+for|since|recalling|established\s+(?:at|by)|founded\s+at|created\s+at|set\s+up\s+at|setelah|sejak|menjelang|sebelum|dibentuk\s+(?:pada|dalam))\s+(?:the\s+)?(?:[\p{L}'’\-]+\s+){0,8}$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OtherMeetingBefore();

    [GeneratedRegex(@"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b|\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|wib|wita|wit|aest|aedt))?|\b(?:wib|wita|wit)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WeekdayOrTime();

    [GeneratedRegex(@"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|hari\s+ini|kemarin|monday|tuesday|wednesday|thursday|friday|saturday|sunday|senin|selasa|rabu|kamis|jumat|jum'at|sabtu)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex RelativeDay();

    /// <summary>"The conference followed a meeting of the Forum held ...": the sentence dates the earlier meeting.</summary>
    [GeneratedRegex(@"\bfollowed\s+(?:a|an|the|on\s+from)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex FollowedAnother();

    [GeneratedRegex(@"^\s*(?:19|20|21)\d\d\s*[:–—-]", RegexOptions.NonBacktracking)]
    private static partial Regex ChronologyStart();

    /// <summary>Words that turn a sentence to other meetings; "last week" or "earlier this week" do not.</summary>
    [GeneratedRegex(@"\b(?:recall(?:ed|ing)|previous|preceding|prior\s+to|sebelumnya|terdahulu)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex RecallingClause();
}

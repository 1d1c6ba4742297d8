using System.Globalization;
using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>The meeting's own date: the anchor sentence that names the meeting, and the dates it gives.</summary>
internal sealed partial class MeetingReader
{
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

    /// <summary>"Rabu (23/3)" and "23/03/2016": Indonesian news gives the day and month in figures.</summary>
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

    private Sentence? FindAnchor(List<Sentence> sentences, int? year, out DateSpan? date, out NameMention? body)
    {
        Sentence? best = null;
        DateSpan? bestDate = null;
        NameMention? bestBody = null;
        var bestScore = 0.0;
        foreach (var s in sentences.Where(s => s.Paragraph < AnchorParagraphs))
        {
            var bodies = BodyMentions(s.Text);
            var meetingWord = MeetingWord().IsMatch(s.Text);
            if (bodies.Count == 0 && !meetingWord)
            {
                continue;
            }

            var verb = MeetingVerb().IsMatch(s.Text);
            var dates = Dates(s.Text, year).Where(d => !PublicationWord().IsMatch(s.Text[..d.Index])).ToList();
            var recall = Recall().IsMatch(s.Text);
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
                var mention = FirstMeetingBody(s.Text);
                bestBody = mention;
                bestDate = PickDate(dates, mention, s.Text);
            }
        }

        date = bestDate;
        body = bestBody;
        return bestScore >= 4 ? best : null;
    }

    /// <summary>The date that follows the meeting's name, else the first one not introduced as something else's.</summary>
    private static DateSpan? PickDate(List<DateSpan> dates, NameMention? body, string text)
    {
        if (dates.Count == 0)
        {
            return null;
        }

        var usable = dates.Where(d => !OtherMeetingBefore().IsMatch(text[Math.Max(0, d.Index - 40)..d.Index])).ToList();
        if (usable.Count == 0)
        {
            usable = dates;
        }

        var after = body is null ? null : usable.FirstOrDefault(d => d.Index >= body.Index);
        return after ?? usable[0];
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

    [GeneratedRegex(@"(?:^|[^\p{N}/])(?<d>\d{1,2})/(?<m>\d{1,2})(?:/(?<y>(?:19|20|21)\d\d))?(?:$|[^\p{N}/])", RegexOptions.NonBacktracking)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?:meeting|conference|forum|dialogue|symposium|roundtable|workshop|consultation|session|summit|konferensi|pertemuan|rapat|lokakarya|sidang)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MeetingWord();

    [GeneratedRegex(@"\b(?:held|met|meet|convened|hosted|co-?hosted|co-?chaired|chaired|took\s+place|opened|gathered|came\s+together|attended|concluded|berlangsung|diselenggarakan|digelar|dihadiri|bertemu|memimpin|dipimpin|diadakan|dibuka|menyelenggarakan|menggelar|ditutup)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MeetingVerb();

    [GeneratedRegex(@"\b(?:previous|last|earlier|recall(?:ed|ing)?|former|preceding|prior|sebelumnya|terdahulu|lalu)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Recall();

    [GeneratedRegex(@"\b(?:next|will|would|could|should|might|upcoming|forthcoming|planned|expects?|expected|future|akan|mendatang|berikutnya)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex FutureWord();

    [GeneratedRegex(@"\b(?:following|after|since|ahead\s+of|before|prepare(?:d)?(?:\s+for)?|preparation\s+for|since|recalling|setelah|sejak|menjelang|sebelum)\s+(?:the\s+)?(?:[\p{L}'’\-]+\s+){0,6}$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OtherMeetingBefore();

    [GeneratedRegex(@"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b|\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|wib|wita|wit|aest|aedt))?|\b(?:wib|wita|wit)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WeekdayOrTime();
}

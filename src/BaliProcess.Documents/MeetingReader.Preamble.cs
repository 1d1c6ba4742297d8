using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// The lines around a document's text that are about the document, not the meeting: publication and print lines,
/// URLs and page furniture, labelled lines ("Date:", "Venue:") and a news dateline. They give the year and the day a
/// report was written, never the meeting's date themselves.
/// </summary>
internal sealed partial class MeetingReader
{
    /// <summary>A report written this long after a meeting recalls it; it does not report it.</summary>
    private const int MaxReportDelayDays = 365;

    /// <summary>Heading lines at the top searched for the document's issue date.</summary>
    private const int MastheadParagraphs = 5;

    /// <summary>Words a dateline's lead needs to read as a sentence rather than a banner ("WIRE SERVICE -- ARCHIVE").</summary>
    private const int MinLeadWords = 6;

    private sealed record Preamble(
        List<TextParagraph> Content,
        List<DateSpan> Publication,
        List<DateSpan> Issued,
        Dictionary<string, string> Labelled,
        string? DatelineCity,
        string? DatelineText,
        int? LeadParagraph);

    /// <summary>How dates are read: the year for dates written without one, the day "today" and "on Tuesday" count
    /// from (a dateline's or publication's), and the day the document was issued.</summary>
    private sealed record Dating(int? Year, DateOnly? Reference, DateOnly? Issued, int? LeadParagraph);

    private static Preamble ReadPreamble(IReadOnlyList<TextParagraph> paragraphs)
    {
        var publication = new List<DateSpan>();
        var issued = new List<DateSpan>();
        string? datelineCity = null;
        string? datelineText = null;
        int? leadParagraph = null;
        var labelled = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var content = new List<TextParagraph>();
        foreach (var paragraph in paragraphs)
        {
            var text = paragraph.Text;
            var label = LabelLine().Match(text);
            if (label.Success)
            {
                var key = LabelKey(label.Groups["label"].Value);
                labelled.TryAdd(key, label.Groups["value"].Value.Trim());
                if (key == "published")
                {
                    var found = DateParsing.FindAll(text);
                    publication.AddRange(found);
                    issued.AddRange(found);
                    continue;
                }
            }

            if (IsMetadata(text))
            {
                if (PublicationWord().IsMatch(text) || content.Count == 0 || DateOnlyLine(text))
                {
                    var found = DateParsing.FindAll(text);
                    publication.AddRange(found);
                    if (IssueWord().IsMatch(text))
                    {
                        issued.AddRange(found);
                    }
                }

                continue;
            }

            var dateline = Dateline().Match(text);
            if (!dateline.Success)
            {
                dateline = CityDateDateline().Match(text);
            }

            var lead = dateline.Success ? text[dateline.Length..].Trim() : string.Empty;
            if (dateline.Success && datelineCity is null && (content.Count < 6 || content.All(p => p.IsHeading)) && ReadsAsSentence(lead))
            {
                datelineCity = TextLayout.TitleCaseIfShouting(dateline.Groups["city"].Value.Trim());
                datelineText = dateline.Value;
                leadParagraph = content.Count;
                var found = DateParsing.FindAll(dateline.Value);
                publication.AddRange(found);
                issued.AddRange(found);
                content.Add(paragraph with { Text = lead });
                continue;
            }

            // A masthead or a "Jakarta and Canberra, 25 October 2022" line dates the document's issue; it stays content,
            // since a statement's heading line is also its meeting's date.
            if (paragraph.IsHeading && content.Count < MastheadParagraphs && !MeetingWord().IsMatch(text))
            {
                issued.AddRange(DateParsing.FindAll(text).Where(d => !d.IsMonthOnly));
            }

            content.Add(paragraph);
        }

        // Without a dateline, a media release's first paragraph is its lead: "The Minister today co-chaired ...".
        leadParagraph ??= content.FindIndex(p => !p.IsHeading) is var first and >= 0 ? first : null;
        return new Preamble(content, publication, issued, labelled, datelineCity, datelineText, leadParagraph);
    }

    /// <summary>A lead that goes on as prose: enough words, some in lower case.</summary>
    private static bool ReadsAsSentence(string text) =>
        TextLayout.WordCount(text) >= MinLeadWords && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => char.IsLower(w[0])) >= 2;

    /// <summary>The day a news lead's "today", "yesterday" or "on Tuesday" counts from: the dateline's day, else the issue date.</summary>
    private static DateOnly? ReferenceDate(Preamble preamble, int? year)
    {
        if (preamble.DatelineText is { } dateline)
        {
            var dated = Dates(dateline, year).FirstOrDefault(d => !d.IsMonthOnly);
            if (dated is not null)
            {
                return dated.Start;
            }
        }

        return IssueDate(preamble, year);
    }

    /// <summary>The day the document was issued: a publication line or masthead, else its dateline ("DENPASAR, 26 February").</summary>
    private static DateOnly? IssueDate(Preamble preamble, int? year) =>
        preamble.Issued.FirstOrDefault(d => !d.IsMonthOnly)?.Start
        ?? (preamble.DatelineText is { } dateline ? Dates(dateline, year).FirstOrDefault(d => !d.IsMonthOnly)?.Start : null);

    /// <summary>True when the document was issued long after the date: a retrospective or a brief recalls the meeting.</summary>
    private static bool IsLongBefore(DateSpan date, Dating dating) =>
        dating.Issued is { } issued && date.End.AddDays(MaxReportDelayDays) < issued;

    private static string LabelKey(string label) => label.ToLowerInvariant() switch
    {
        "date" or "dates" or "tanggal" or "waktu" or "when" => "date",
        "venue" or "location" or "place" or "tempat" or "lokasi" or "where" => "venue",
        "format" or "mode" => "format",
        _ => "published",
    };

    private static bool IsMetadata(string text)
    {
        var t = text.Trim();
        return UrlOrFile().IsMatch(t) || PageFurniture().IsMatch(t) || (t.Count(c => c is '|' or '>') >= 2 && TextLayout.WordCount(t) <= 20)
            || (PublicationWord().IsMatch(t) && TextLayout.WordCount(t) <= 14 && DateParsing.FindFirst(t) is not null);
    }

    [GeneratedRegex(@"^(?<label>date|dates|tanggal|waktu|when|venue|location|place|tempat|lokasi|where|format|mode|published|released|issued|posted|prepared|diterbitkan|dirilis|dipublikasikan|disusun)\s*:\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"\b(?:published|released|issued|posted|updated|printed|prepared|diterbitkan|dirilis|dipublikasikan|diperbarui|disusun|media\s+release|siaran\s+pers)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PublicationWord();

    /// <summary>Lines that date the document's writing (not a later print or update of it).</summary>
    [GeneratedRegex(@"\b(?:published|released|issued|posted|prepared|diterbitkan|dirilis|dipublikasikan|disusun|media\s+release|siaran\s+pers)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex IssueWord();

    [GeneratedRegex(@"(?:https?://|www\.)\S+|^\S+\.(?:pdf|docx?|html?|txt)$|^(?:file|source|sumber|ref|reference|url)\s*:", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex UrlOrFile();

    [GeneratedRegex(@"^(?:page\s+\d+(?:\s+of\s+\d+)?|halaman\s+\d+|printed\s+(?:on|from)\b.*|home\s*(?:>|›|»|/).*|\d+\s*/\s*\d+)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PageFurniture();

    /// <summary>"JAKARTA, 13 October (Nusantara Wire) –", "NUSA DUA, Bali —", "BANGKOK (Reuters) -": a news dateline.</summary>
    [GeneratedRegex(@"^(?<city>\p{Lu}[\p{Lu}'’.\-]*(?:\s+\p{Lu}[\p{Lu}'’.\-]*){0,3})(?:,\s*[\p{Lu}][\p{L}'’.\-]*(?:\s+[\p{Lu}][\p{L}'’.\-]*){0,2})?(?:(?:,\s*|\s+)[^–—()]{0,30})?(?:\s*\([^()]{1,40}\))?\s*(?:–|—|--|-)\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Dateline();

    /// <summary>"Jakarta, 14 Oktober 2017 –", "Suva, Fiji, Tuesday 3 May 2022 (Agency) —", "Jakarta (ANTARA) -": a dateline
    /// in ordinary case, which must carry a day and month or an agency so that "The Co-Chairs – ..." is not one.</summary>
    [GeneratedRegex(@"^(?<city>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,2}),\s*(?:\p{Lu}[\p{L}'’.\-]*,\s*)?(?:\p{L}+,?\s+)?\d{1,2}\s+\p{L}+\.?(?:\s+(?:19|20|21)\d\d)?(?:\s*\([^()]{1,40}\))?\s*(?:–|—|--|-)\s+|^(?<city>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,2})\s*\((?:\p{Lu}[\p{L}.\-]*\s?){1,4}\)\s*(?:–|—|--|-)\s+", RegexOptions.NonBacktracking)]
    private static partial Regex CityDateDateline();
}

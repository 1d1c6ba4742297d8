using System.Globalization;

namespace BaliProcess.Documents;

/// <summary>
/// Reads the meeting a document reports on, whatever its form (statement, event page, media release, news article,
/// note for the file; English or Bahasa Indonesia). It scores the early sentences for the one that names a meeting
/// (a body or meeting word, a meeting verb, a date) and is not about an earlier or later meeting, and reads the
/// body, ordinal, date, place and format around it; co-chairs and attendees come from the sentences that name them.
/// Publication lines and datelines give the year for "12-13 October" but are never the meeting's date themselves.
/// </summary>
internal sealed partial class MeetingReader
{
    /// <summary>Content paragraphs searched for the meeting's own sentence: it comes early in every form.</summary>
    private const int AnchorParagraphs = 10;

    private const int FormatParagraphs = 3;

    private readonly NameCatalog names;

    private readonly NameCatalog bodyAliases;

    private readonly NameCatalog demonyms;

    public MeetingReader(NameCatalog names)
    {
        this.names = names;
        bodyAliases = new NameCatalog(BodyAliases.Where(a => names.Resolve(a.Code) is { IsBody: true })
            .Select(a => new NameEntry(a.Code, a.Phrases[0], [.. a.Phrases.SelectMany(WithBaliProcessInside)], false, false, IsBody: true)));
        demonyms = new NameCatalog(Demonyms.Where(d => names.Resolve(d.Code) is { IsBody: false })
            .Select(d => new NameEntry(d.Code, d.Words[0], d.Words, false, false)));
    }

    /// <param name="Refused">The reader found a meeting but refused it as recalled (long before the document was issued).</param>
    public sealed record Reading(MeetingInfo? Meeting, IReadOnlyList<ReviewFlag> Flags, DateOnly? PublicationDate, string? Dateline, DateOnly? IssueDate = null, bool Refused = false)
    {
        /// <summary>True when a meeting on this date would be one the document only recalls.</summary>
        public bool IsRecalled(DateOnly start) => IssueDate is { } issued && start.AddDays(MaxReportDelayDays) < issued;
    }

    /// <param name="IsChronology">An entry of a timeline ("2009: the Third Ministerial Conference ..."), never the document's own meeting.</param>
    private sealed record Sentence(string Text, int Paragraph, bool IsHeading, bool IsChronology = false);

    public Reading Read(IReadOnlyList<TextParagraph> paragraphs, IReadOnlyList<AgendaItemInfo> agenda, IReadOnlyList<OutcomeInfo> outcomes, List<string> warnings)
    {
        var flags = new List<ReviewFlag>();
        var preamble = ReadPreamble(paragraphs);
        var (content, publication, labelled, datelineCity) = (preamble.Content, preamble.Publication, preamble.Labelled, preamble.DatelineCity);
        var contextYear = ContextYear(publication.Count > 0 ? publication : preamble.Issued, content);
        var dating = new Dating(contextYear, ReferenceDate(preamble, contextYear), IssueDate(preamble, contextYear), preamble.LeadParagraph);

        var sentences = new List<Sentence>();
        for (var i = 0; i < content.Count; i++)
        {
            foreach (var s in content[i].IsHeading ? [content[i].Text] : TextLayout.Sentences(content[i].Text))
            {
                sentences.Add(new Sentence(s, i, content[i].IsHeading, IsChronologyEntry(content[i])));
            }
        }

        var anchor = FindAnchor(sentences, dating, out var anchorDate, out var anchorBody);
        var title = sentences.FirstOrDefault(s => s.IsHeading && s.Paragraph < 4 && (MeetingWord().IsMatch(s.Text) || BodyMentions(s.Text).Count > 0));
        var (date, labelDate, dateLine) = MeetingDate(sentences, anchor, anchorDate, title, labelled, dating, flags);

        // A meeting long before the document's issue is recalled, unless the title block dates it: then the document is
        // that meeting's own (a statement posted later on a website).
        var titled = date is not null && ((dateLine is not null && Dates(dateLine.Text, contextYear).Any(d => Overlaps(d, date)))
            || (labelDate is not null && Overlaps(labelDate, date)));
        var recalled = date is not null && !titled && IsLongBefore(date, dating);
        if (date is null || (anchor is null && title is null && labelDate is null) || recalled)
        {
            return new Reading(null, flags, publication.FirstOrDefault()?.Start, datelineCity, dating.Issued, Refused: recalled);
        }

        FlagDateConflicts(date, anchor, anchorDate, title, labelDate, publication, dating, flags);
        var anchorText = anchor?.Text ?? string.Empty;
        var bodyMention = anchorBody ?? (title is null ? null : FirstMeetingBody(title.Text));
        var bodySource = anchorBody is not null ? anchorText : title?.Text ?? string.Empty;
        if (bodyMention is null)
        {
            warnings.Add("the meeting's body (Ad Hoc Group, Senior Officials' Meeting...) was not recognised");
            flags.Add(new ReviewFlag("body", "body-not-recognised", "No Bali Process body was recognised for the meeting."));
        }

        var ordinal = MeetingOrdinal(title, bodyMention, bodySource, anchor, sentences);

        var anchorParagraph = anchor is null ? null : content[anchor.Paragraph].Text;
        string?[] places =
        [
            labelled.TryGetValue("venue", out var venue) ? CleanPlace(venue) : null,
            anchor is null ? null : PlaceNearDate(anchorText, anchorDate) ?? PlaceIn(anchorText),
            title is null ? null : TitlePlace(title.Text),
            dateLine is null ? null : PlaceDateLine(dateLine.Text),
            anchorParagraph is null ? null : PlaceIn(anchorParagraph),
            datelineCity,
        ];

        // "at the Ministry of Foreign Affairs": a building alone is the place only when no city is named anywhere.
        var place = places.FirstOrDefault(p => p is not null && !BuildingWord().IsMatch(p)) ?? places.FirstOrDefault(p => p is not null);

        // Later sentences about formats in general ("future meetings could be held virtually") say nothing of this one.
        var formatText = string.Join(' ', sentences.Where(s => s.Paragraph < (anchor?.Paragraph ?? 0) + FormatParagraphs
                && (s == anchor || !FutureWord().IsMatch(s.Text))).Select(s => s.Text))
            + " " + (labelled.TryGetValue("format", out var f) ? f : string.Empty);
        var format = Format(formatText, place is not null);
        if (format == MeetingFormat.Virtual)
        {
            // A virtual meeting has no venue; "hosted from Jakarta" names where the hosts sat, not where it was held.
            place = null;
        }

        var coChairs = CoChairs(sentences);
        var attendees = Attendees(content, coChairs, date, contextYear, flags);
        if (date.IsMonthOnly)
        {
            warnings.Add($"the meeting date gives only the month ({date.Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture)})");
        }

        var meetingTitle = title is not null ? TextLayout.TitleCaseIfShouting(title.Text, names.IsKnownAcronym)
            : bodyMention is not null ? MeetingTitles.FromMention(bodySource, bodyMention) : "Meeting";
        var meeting = new MeetingInfo(
            bodyMention?.Entry.Code ?? string.Empty, ordinal, meetingTitle, date.Start, date.End, place, format, coChairs, attendees, agenda, outcomes);
        return new Reading(meeting, flags, publication.FirstOrDefault()?.Start, datelineCity, dating.Issued);
    }
}

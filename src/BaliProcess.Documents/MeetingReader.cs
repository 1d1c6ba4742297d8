using System.Globalization;
using System.Text.RegularExpressions;

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
            .Select(a => new NameEntry(a.Code, a.Phrases[0], a.Phrases, false, false, IsBody: true)));
        demonyms = new NameCatalog(Demonyms.Where(d => names.Resolve(d.Code) is { IsBody: false })
            .Select(d => new NameEntry(d.Code, d.Words[0], d.Words, false, false)));
    }

    public sealed record Reading(MeetingInfo? Meeting, IReadOnlyList<ReviewFlag> Flags, DateOnly? PublicationDate, string? Dateline);

    private sealed record Sentence(string Text, int Paragraph, bool IsHeading);

    public Reading Read(IReadOnlyList<TextParagraph> paragraphs, IReadOnlyList<AgendaItemInfo> agenda, IReadOnlyList<OutcomeInfo> outcomes, List<string> warnings)
    {
        var flags = new List<ReviewFlag>();
        var publication = new List<DateSpan>();
        string? datelineCity = null;
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
                    publication.AddRange(DateParsing.FindAll(text));
                    continue;
                }
            }

            if (IsMetadata(text))
            {
                if (PublicationWord().IsMatch(text) || content.Count == 0 || DateOnlyLine(text))
                {
                    publication.AddRange(DateParsing.FindAll(text));
                }

                continue;
            }

            var dateline = Dateline().Match(text);
            if (dateline.Success && datelineCity is null && content.Count < 6)
            {
                datelineCity = TextLayout.TitleCaseIfShouting(dateline.Groups["city"].Value.Trim());
                publication.AddRange(DateParsing.FindAll(dateline.Value));
                var rest = text[dateline.Length..].Trim();
                if (rest.Length > 0)
                {
                    content.Add(paragraph with { Text = rest });
                }

                continue;
            }

            content.Add(paragraph);
        }

        var contextYear = ContextYear(publication, content);
        if (publication.Count == 0 && datelineCity is not null && contextYear is { } y)
        {
            _ = y;
        }

        var sentences = new List<Sentence>();
        for (var i = 0; i < content.Count; i++)
        {
            foreach (var s in content[i].IsHeading ? [content[i].Text] : TextLayout.Sentences(content[i].Text))
            {
                sentences.Add(new Sentence(s, i, content[i].IsHeading));
            }
        }

        var anchor = FindAnchor(sentences, contextYear, out var anchorDate, out var anchorBody);
        var title = sentences.FirstOrDefault(s => s.IsHeading && s.Paragraph < 4 && (MeetingWord().IsMatch(s.Text) || BodyMentions(s.Text).Count > 0));
        var labelDate = labelled.TryGetValue("date", out var dateText) ? Dates(dateText, contextYear).FirstOrDefault() : null;
        var date = anchorDate;
        if (labelDate is not null)
        {
            if (date is not null && !Overlaps(date, labelDate))
            {
                flags.Add(new ReviewFlag("dates", "contradictory-dates",
                    $"The date line gives {Describe(labelDate)} but the text says the meeting was held {Describe(date)}; the date line is used."));
            }

            date = labelDate;
        }

        if (date is null && title is not null)
        {
            date = Dates(title.Text, contextYear).FirstOrDefault();
        }

        if (date is null && anchor is not null)
        {
            date = sentences.Where(s => s.Paragraph == anchor.Paragraph && !Recall().IsMatch(s.Text))
                .Select(s => Dates(s.Text, contextYear).FirstOrDefault()).FirstOrDefault(d => d is not null);
        }

        if (date is null)
        {
            // A heading that is only a date (an event page's date line) dates the meeting when nothing closer does.
            date = sentences.Where(s => s.IsHeading && s.Paragraph < 6 && DateOnlyLine(s.Text))
                .Select(s => Dates(s.Text, contextYear).FirstOrDefault()).FirstOrDefault(d => d is not null);
        }

        if (date is null || (anchor is null && title is null && labelDate is null))
        {
            return new Reading(null, flags, publication.FirstOrDefault()?.Start, datelineCity);
        }

        if (anchor is not null && title is not null && anchorDate is not null)
        {
            var titleDate = Dates(title.Text, contextYear).FirstOrDefault();
            if (titleDate is not null && !titleDate.IsMonthOnly && !Overlaps(titleDate, anchorDate) && labelDate is null)
            {
                flags.Add(new ReviewFlag("dates", "contradictory-dates",
                    $"The heading gives {Describe(titleDate)} but the text says the meeting was held {Describe(anchorDate)}; the text's date is used."));
            }
        }

        if (publication.FirstOrDefault() is { } published && date.Start > published.End && !FutureWord().IsMatch(anchor?.Text ?? string.Empty))
        {
            flags.Add(new ReviewFlag("dates", "contradictory-dates",
                $"The meeting date {Describe(date)} is after the publication date {Describe(published)}."));
        }

        var anchorText = anchor?.Text ?? string.Empty;
        var bodyMention = anchorBody ?? (title is null ? null : FirstMeetingBody(title.Text));
        var bodySource = anchorBody is not null ? anchorText : title?.Text ?? string.Empty;
        if (bodyMention is null)
        {
            warnings.Add("the meeting's body (Ad Hoc Group, Senior Officials' Meeting...) was not recognised");
            flags.Add(new ReviewFlag("body", "body-not-recognised", "No Bali Process body was recognised for the meeting."));
        }

        var ordinal = bodyMention is null ? null : OrdinalAround(bodySource, bodyMention);
        if (ordinal is null && title is not null && FirstMeetingBody(title.Text) is { } titleBody)
        {
            ordinal = OrdinalAround(title.Text, titleBody);
        }

        var anchorParagraph = anchor is null ? null : content[anchor.Paragraph].Text;
        var place = labelled.TryGetValue("venue", out var venue) ? CleanPlace(venue) : null;
        place ??= anchor is null ? null : PlaceNearDate(anchorText, anchorDate) ?? PlaceIn(anchorText);
        place ??= title is null ? null : TitlePlace(title.Text);
        place ??= anchorParagraph is null ? null : PlaceIn(anchorParagraph);
        place ??= datelineCity;

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
        return new Reading(meeting, flags, publication.FirstOrDefault()?.Start, datelineCity);
    }

    private static string LabelKey(string label) => label.ToLowerInvariant() switch
    {
        "date" or "dates" or "tanggal" or "waktu" or "when" => "date",
        "venue" or "location" or "place" or "tempat" or "lokasi" or "where" => "venue",
        "format" or "mode" => "format",
        _ => "published",
    };

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

    private List<NameMention> BodyMentions(string text)
    {
        var found = names.FindMentions(text).Where(m => m.Entry.IsBody && !NotMeetingBodies.Contains(m.Entry.Code))
            .Concat(bodyAliases.FindMentions(text)).OrderBy(m => m.Index).ToList();
        var result = new List<NameMention>();
        foreach (var m in found)
        {
            if (result.Count > 0 && m.Index < result[^1].Index + result[^1].Length)
            {
                if (m.Length > result[^1].Length)
                {
                    result[^1] = m;
                }

                continue;
            }

            result.Add(m);
        }

        return result;
    }

    /// <summary>The first body the sentence names that is not introduced as another meeting ("ahead of the SOM").</summary>
    private NameMention? FirstMeetingBody(string text)
    {
        var bodies = BodyMentions(text);
        return bodies.FirstOrDefault(b => !OtherMeetingBefore().IsMatch(text[Math.Max(0, b.Index - 40)..b.Index])) ?? bodies.FirstOrDefault();
    }

    private static int? OrdinalAround(string text, NameMention body)
    {
        var before = OrdinalBefore().Match(text[Math.Max(0, body.Index - 60)..body.Index]);
        if (before.Success)
        {
            return DateParsing.ParseOrdinal(before.Groups["ord"].Value);
        }

        var after = OrdinalAfter().Match(text[(body.Index + body.Length)..]);
        return after.Success ? DateParsing.ParseOrdinal(after.Groups["ord"].Value) : null;
    }

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

    /// <summary>
    /// Everyone the document says attended, observed or sent apologies, in any sentence that introduces them
    /// ("attended by", "in attendance were", "participants included", "Observers:", "dihadiri oleh") and the list
    /// items after one that ends in a colon. Names the catalog lacks are kept, unlinked, when they look like names.
    /// </summary>
    private List<AttendeeInfo> Attendees(List<TextParagraph> content, List<string> coChairs, DateSpan meetingDate, int? year, List<ReviewFlag> flags)
    {
        var found = new List<AttendeeInfo>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void Add(string? code, string name, AttendeeRole role)
        {
            var key = code ?? "name:" + name;
            if (code is not null && coChairs.Contains(code))
            {
                return;
            }

            if (seen.Add(key))
            {
                found.Add(new AttendeeInfo(code, name, role));
            }
        }

        for (var i = 0; i < content.Count; i++)
        {
            var paragraph = content[i];
            if (paragraph.IsListItem)
            {
                continue;
            }

            var sentences = TextLayout.Sentences(paragraph.Text);
            for (var s = 0; s < sentences.Count; s++)
            {
                var sentence = sentences[s];
                var trigger = AttendanceTrigger().Match(sentence);
                var official = OfficialOf().Match(sentence);
                if (!trigger.Success && !official.Success)
                {
                    continue;
                }

                // A sentence dated otherwise is about another meeting ("the 2013 conference was attended by ...").
                var dates = Dates(sentence, year);
                if (dates.Count > 0 && !dates.Any(d => Overlaps(d, meetingDate)) || Recall().IsMatch(sentence))
                {
                    continue;
                }

                if (!trigger.Success)
                {
                    foreach (Match o in OfficialOf().Matches(sentence))
                    {
                        var org = names.FindMentions(sentence[(o.Index + o.Length)..]).FirstOrDefault();
                        if (org is not null && org.Index < 4 && org.Entry.IsOrganisation && !org.Entry.IsBody)
                        {
                            Add(org.Entry.Code, org.Entry.Name, org.Entry.IsObserver ? AttendeeRole.Observer : AttendeeRole.Participant);
                        }
                    }

                    continue;
                }

                var sentenceRole = ApologyWord().IsMatch(sentence) ? AttendeeRole.Apology
                    : ObserverWord().Match(sentence) is { Success: true } obs && !ParticipantTrigger().IsMatch(sentence[..obs.Index]) ? AttendeeRole.Observer
                    : AttendeeRole.Participant;
                var region = sentence[trigger.Index..];
                if (!names.FindMentions(region).Any(m => !m.Entry.IsBody))
                {
                    region = sentence;
                }

                ReadList(region, sentenceRole, Add);
                if (s == sentences.Count - 1 && sentence.TrimEnd().EndsWith(':'))
                {
                    for (var next = i + 1; next < content.Count && (content[next].IsListItem || TextLayout.WordCount(content[next].Text) <= 10 && !TextLayout.EndsSentence(content[next].Text)); next++)
                    {
                        ReadList(content[next].Text, sentenceRole, Add, wholeItem: true);
                    }
                }
            }
        }

        foreach (var unmatched in found.Where(a => a.Code is null))
        {
            flags.Add(new ReviewFlag("attendees", "unmatched-attendee", $"'{unmatched.Name}' matches no Directory entry; link it or add it."));
        }

        return found;
    }

    private void ReadList(string region, AttendeeRole sentenceRole, Action<string?, string, AttendeeRole> add, bool wholeItem = false)
    {
        var mentions = names.FindMentions(region);
        var listed = 0;
        foreach (var mention in mentions)
        {
            if (mention.Entry.IsBody || (mention.Entry.Code == "RSO" && sentenceRole == AttendeeRole.Participant && !wholeItem))
            {
                continue;
            }

            listed++;

            var role = sentenceRole;
            if (role == AttendeeRole.Participant)
            {
                var rest = region[(mention.Index + mention.Length)..];
                var end = ClauseEnd().Match(rest);
                var clause = end.Success ? rest[..end.Index] : rest;
                if (mention.Entry.IsObserver || ObserverWord().IsMatch(clause))
                {
                    role = AttendeeRole.Observer;
                }
            }

            add(mention.Entry.Code, mention.Entry.Name, role);
        }

        // Unlinked names only come from a real list: one that names a known attendee too, or a list item.
        if (listed == 0 && !wholeItem)
        {
            return;
        }

        foreach (var (start, item) in ListItems(region, wholeItem))
        {
            var end = start + item.Length;
            if (mentions.Any(m => m.Index < end && start < m.Index + m.Length))
            {
                continue;
            }

            var name = CleanName(item);
            if (name is not null)
            {
                add(null, name, sentenceRole);
            }
        }
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

    private static bool IsMetadata(string text)
    {
        var t = text.Trim();
        return UrlOrFile().IsMatch(t) || PageFurniture().IsMatch(t) || (t.Count(c => c is '|' or '>') >= 2 && TextLayout.WordCount(t) <= 20)
            || (PublicationWord().IsMatch(t) && TextLayout.WordCount(t) <= 14 && DateParsing.FindFirst(t) is not null);
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

    private static readonly HashSet<string> NotMeetingBodies = new(StringComparer.OrdinalIgnoreCase) { "CO-CHAIRS", "RSO", "RILON" };

    private static readonly HashSet<string> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu",
    };

    private static readonly HashSet<string> PlaceStopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "on", "from", "between", "pada", "tanggal", "to", "and", "dan", "for", "untuk", "with", "dengan", "The", "This", "It", "In", "On",
    };

    private static readonly HashSet<string> NameConnectors = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le", "al", "untuk", "dan", "urusan", "bagi", "tentang", "&",
    };

    /// <summary>Capitalised words that begin phrases, not names.</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "This", "These", "They", "It", "Its", "Their", "We", "Officials", "Ministers", "Minister", "Members", "Delegates", "Delegations",
        "Participants", "Senior", "Meeting", "Conference", "Co-Chairs", "Co-chairs", "Bali", "Process", "Observers", "Observer",
        "Apologies", "Representatives", "Countries", "States", "Organisations", "Organizations", "Agencies", "All", "Other", "Others", "Several",
        "Para", "Perwakilan", "Negara", "Delegasi", "Peserta", "Pengamat", "Sebanyak", "Selain", "Ia", "Mereka", "Kami",
    };

    /// <summary>Bahasa Indonesia and other common names of Bali Process bodies, used when the catalog holds the code.</summary>
    private static readonly (string Code, string[] Phrases)[] BodyAliases =
    [
        ("BPMC", ["Konferensi Tingkat Menteri", "KTM", "Pertemuan Tingkat Menteri", "Konferensi Menteri", "Ministerial Conference", "Regional Ministerial Conference", "Ministerial Meeting"]),
        ("SOM", ["Pertemuan Pejabat Tinggi", "Pertemuan Pejabat Senior", "Senior Officials' Meeting", "Senior Officials Meeting"]),
        ("AHG", ["Kelompok Ad Hoc", "Kelompok Ad-Hoc", "Pertemuan Pejabat Tinggi Kelompok Ad Hoc", "Ad Hoc Group", "AHG SOM"]),
        ("SG", ["Kelompok Pengarah", "Steering Group"]),
        ("WG-TIP", ["Kelompok Kerja Perdagangan Orang", "Kelompok Kerja tentang Perdagangan Orang", "Kelompok Kerja mengenai Perdagangan Orang", "Working Group on Trafficking in Persons", "Working Group on Trafficking"]),
        ("WG-D", ["Kelompok Kerja Disrupsi", "Kelompok Kerja tentang Disrupsi", "Kelompok Kerja mengenai Disrupsi", "Kelompok Kerja tentang Gangguan", "Working Group on the Disruption", "Working Group on Disruption"]),
        ("TFPP", ["Gugus Tugas Perencanaan dan Kesiapsiagaan", "Satuan Tugas Perencanaan dan Kesiapsiagaan", "Task Force on Planning and Preparedness"]),
        ("GABF", ["Forum Pemerintah dan Bisnis", "Forum Bisnis dan Pemerintah", "Government and Business Forum", "Business Forum"]),
        ("TEG-RR", ["Kelompok Ahli Teknis tentang Pemulangan dan Reintegrasi", "Kelompok Ahli Teknis Pemulangan dan Reintegrasi", "Technical Experts Group on Returns and Reintegration", "Technical Expert Group on Returns and Reintegration"]),
        // The Consultation Mechanism is convened by the Co-Chairs: its meetings belong to the Co-Chairs body.
        ("CO-CHAIRS", ["Consultation Mechanism", "Bali Process Consultation Mechanism", "Mekanisme Konsultasi"]),
    ];

    private static readonly (string Code, string[] Words)[] Demonyms =
    [
        ("AUS", ["Australian"]), ("IDN", ["Indonesian", "RI"]), ("THA", ["Thai"]), ("NZL", ["New Zealand's"]), ("MYS", ["Malaysian"]),
        ("PHL", ["Philippine"]), ("JPN", ["Japanese"]), ("VNM", ["Vietnamese"]), ("LKA", ["Sri Lankan"]), ("BGD", ["Bangladeshi"]),
        ("PAK", ["Pakistani"]), ("AFG", ["Afghan"]), ("FJI", ["Fijian"]), ("SGP", ["Singaporean"]), ("KHM", ["Cambodian"]),
        ("USA", ["American"]), ("CAN", ["Canadian"]), ("IND", ["Indian"]), ("CHN", ["Chinese"]),
    ];

    [GeneratedRegex(@"^(?<label>date|dates|tanggal|waktu|when|venue|location|place|tempat|lokasi|where|format|mode|published|released|issued|posted|diterbitkan|dirilis|dipublikasikan)\s*:\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"\b(?:published|released|issued|posted|updated|printed|diterbitkan|dirilis|dipublikasikan|diperbarui|media\s+release|siaran\s+pers)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PublicationWord();

    [GeneratedRegex(@"(?:https?://|www\.)\S+|^\S+\.(?:pdf|docx?|html?|txt)$|^(?:file|source|sumber|ref|reference|url)\s*:", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex UrlOrFile();

    [GeneratedRegex(@"^(?:page\s+\d+(?:\s+of\s+\d+)?|halaman\s+\d+|printed\s+(?:on|from)\b.*|home\s*(?:>|›|»|/).*|\d+\s*/\s*\d+)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PageFurniture();

    /// <summary>"JAKARTA, 13 October (Nusantara Wire) –", "NUSA DUA, Bali —", "BANGKOK (Reuters) -": a news dateline.</summary>
    [GeneratedRegex(@"^(?<city>\p{Lu}[\p{Lu}'’.\-]*(?:\s+\p{Lu}[\p{Lu}'’.\-]*){0,3})(?:,\s*[\p{Lu}][\p{L}'’.\-]*(?:\s+[\p{Lu}][\p{L}'’.\-]*){0,2})?(?:,?\s*[^–—()]{0,30})?(?:\s*\([^()]{1,40}\))?\s*(?:–|—|--|-)\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Dateline();

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

    [GeneratedRegex(@"(?i:\b(?<ord>" + DateParsing.OrdinalPattern + @"))\s+(?:(?:\p{Lu}[\p{L}'’\-]*|of|the|on)\s+){0,4}$", RegexOptions.NonBacktracking)]
    private static partial Regex OrdinalBefore();

    [GeneratedRegex(@"^\s*(?:(?:Bali\s+Process|BP)\s+)?(?:\([^()]{1,12}\)\s*)?(?:\(|,\s*)?(?i:(?:yang\s+)?(?<ord>ke-?\s?\d{1,3}|pertama|ke(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)(?:\s+(?:belas|puluh))?|\d{1,3}(?:st|nd|rd|th)))|^\s*(?<ord>[IVX]{1,5})\b", RegexOptions.NonBacktracking)]
    private static partial Regex OrdinalAfter();

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

    [GeneratedRegex(@"\bBali\s+Process\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BaliProcess();

    [GeneratedRegex(@"\bhybrid\b|\bhibrida?\b|\bin[\s-]person\s+and\s+(?:online|virtual(?:ly)?)\b|\b(?:online|virtual(?:ly)?)\s+and\s+in[\s-]person\b|\bboth\s+in[\s-]person\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex HybridWord();

    [GeneratedRegex(@"\bvirtual(?:ly)?\b|\b(?:held|met|meet|meeting|convened|took\s+place|gathered)\s+online\b|\bonline\s+(?:meeting|session|conference)\b|\bentirely\s+online\b|\bvideo\s*-?conferenc\w*|\bteleconferenc\w*|\bvideo\s+link\b|\bwebinar\b|\bdaring\b|\bvirtual\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex VirtualWord();

    [GeneratedRegex(@"\bin[\s-]person\b|\bface[\s-]to[\s-]face\b|\btatap\s+muka\b|\bluring\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex InPersonWord();

    [GeneratedRegex(@"\b(?:joined|joining|participat\w*|took\s+part|attend\w*)\s+(?:\w+\s+){0,3}(?:online|virtually|remotely)\b|\bremote(?:ly)?\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex RemoteParticipation();

    [GeneratedRegex(@"\bco-?chairs?['’]?\s*(?:statement|summary)\b|\bpernyataan\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CoChairLabel();

    [GeneratedRegex(@"\b(?:co-?chaired|co-?hosted|co-?convened|jointly\s+(?:chaired|hosted|convened)|chaired\s+jointly)\s*(?:,[^,]{1,30},\s*)?by\b|\bunder\s+the\s+co-?chair(?:man)?ship\s+of\b|\b(?:dipimpin|diketuai|diselenggarakan|digelar|diadakan|dipandu)\s+bersama\s+oleh\b|\bco-?chairs?\s*(?:,|\(|:|were|are|was|of\s+the\s+meeting,)|\bketua\s+bersama\s*(?:,|\(|:|yaitu|adalah)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CoChairAfter();

    [GeneratedRegex(@"\b(?:co-?chairs|ketua\s+bersama)\b\s*(?:\([^()]*\)\s*)?", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CoChairNoun();

    [GeneratedRegex(@"[.;]|\s(?:in|on|at|from|di|pada|with|which|who|to|and\s+was|and\s+were)\s|,\s+(?:the\s+)?(?:meeting|conference|which|who|and\s+the\s+meeting)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CoChairWindowEnd();

    [GeneratedRegex(@"\b(?:co-?chaired|co-?hosted|co-?chair(?:ing)?|co-?host(?:ing)?|as\s+co-?chairs|memimpin\s+bersama|selaku\s+ketua\s+bersama|sebagai\s+ketua\s+bersama|menjadi\s+ketua\s+bersama)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CoChairBefore();

    [GeneratedRegex(@"\battended\s+by\b|\bin\s+attendance\b|\bparticipants\s+(?:included|came\s+from|were|from)\b|\bparticipating\s+(?:countries|members|delegations|states|organi[sz]ations)\b|\bdelegations?\s+(?:from|of)\b|\brepresentatives?\s+(?:from|of)\b|\bofficials\s+from\b|\btook\s+part\b|\bparticipated\b|\bthe\s+following\s+(?:members|countries|delegations|participants|states|governments|organi[sz]ations)\b|\bpresent\s+were\b|\bwere\s+present\b|\bjoined\s+by\b|\bobservers?\b|\bapolog\w*|\bunable\s+to\s+attend\b|\bsent\s+regrets\b|\bgovernments\s+of\b|\bdihadiri\b|\bperwakilan\s+dari\b|\bdelegasi\s+dari\b|\bpeserta\b|\bturut\s+hadir\b|\bhadir\b|\bpengamat\b|\bberhalangan\b|\bmengirimkan\b|\bikut\s+serta\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex AttendanceTrigger();

    [GeneratedRegex(@"\battended\s+by\b|\bin\s+attendance\b|\bparticipants\b|\bdelegations?\b|\brepresentatives?\b|\btook\s+part\b|\bdihadiri\b|\bperwakilan\b|\bdelegasi\b|\bpeserta\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ParticipantTrigger();

    [GeneratedRegex(@"\b(?:director-?\s?general|deputy\s+director-?\s?general|high\s+commissioner|assistant\s+high\s+commissioner|executive\s+director|secretary-?\s?general|regional\s+(?:director|representative)|representative|chief\s+of\s+mission|head)\s+(?:of|for|from)\s+(?:the\s+)?", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OfficialOf();

    [GeneratedRegex(@"\bapolog\w*|\bunable\s+to\s+attend\b|\bsent\s+regrets\b|\bberhalangan\b|\bregrets\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ApologyWord();

    [GeneratedRegex(@"\bobservers?\b|\bpengamat\b|\bobserver\s+status\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ObserverWord();

    [GeneratedRegex(@"[,;]|\s+and\s+|\s+dan\s+|\s+as\s+well\s+as\s+", RegexOptions.NonBacktracking)]
    private static partial Regex ClauseEnd();

    [GeneratedRegex(@"\s*(?:,|;|\band\b|\bdan\b|\bserta\b|\bas\s+well\s+as\b|\balong\s+with\b|\btogether\s+with\b|\bwith\b)\s*", RegexOptions.NonBacktracking)]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"(?:\b(?:from|of|by|included|include|were|was|are|dari|oleh|antara\s+lain)|:)\s+", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ListLead();

    [GeneratedRegex(@"^(?:the\s+|representatives?\s+(?:of|from)\s+(?:the\s+)?|governments?\s+of\s+(?:the\s+)?|government\s+of\s+(?:the\s+)?|delegations?\s+(?:of|from)\s+(?:the\s+)?|perwakilan\s+(?:dari\s+)?|pemerintah\s+)+", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NameLead();

    [GeneratedRegex(@"\s*\([^()]*\)\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex ParenthesisedTail();

    [GeneratedRegex(@"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b|\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|wib|wita|wit|aest|aedt))?|\b(?:wib|wita|wit)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WeekdayOrTime();
}

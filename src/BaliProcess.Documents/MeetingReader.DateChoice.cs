namespace BaliProcess.Documents;

/// <summary>Which of the dates a document gives is the meeting's, and the conflicts between them a person should check.</summary>
internal sealed partial class MeetingReader
{
    /// <summary>
    /// The meeting's date: a "Date:" line over the anchor's (the conflict flagged), then the title's, the date line under
    /// the title, a sentence of the anchor's paragraph or the next, and last a date-only heading below the title.
    /// </summary>
    private (DateSpan? Date, DateSpan? LabelDate, Sentence? DateLine) MeetingDate(
        List<Sentence> sentences, Sentence? anchor, DateSpan? anchorDate, Sentence? title, Dictionary<string, string> labelled, Dating dating, List<ReviewFlag> flags)
    {
        var labelDate = labelled.TryGetValue("date", out var dateText) ? Dates(dateText, dating.Year).FirstOrDefault() : null;
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

        date ??= title is null ? null : OwnDates(title.Text, dating).FirstOrDefault();

        // An event page puts the date on its own line under the title; that line dates the meeting before any sentence
        // of the paragraph does, since those sentences may recall other meetings.
        var dateLine = title is null ? null : sentences.FirstOrDefault(s => s.IsHeading && s.Paragraph > title.Paragraph && s.Paragraph <= title.Paragraph + 3
            && (DateOnlyLine(s.Text) || PlaceDateLine(s.Text) is not null));
        date ??= dateLine is null ? null : Dates(dateLine.Text, dating.Year).FirstOrDefault();

        if (date is null && anchor is not null)
        {
            // "The Forum concluded in Perth today." then "It was held on 24-25 August 2017.": the next paragraph may date it.
            date = sentences.Where(s => s.Paragraph >= anchor.Paragraph && s.Paragraph <= anchor.Paragraph + 1 && !s.IsHeading
                    && !Recall().IsMatch(s.Text) && !FutureWord().IsMatch(s.Text) && (s.Paragraph == anchor.Paragraph || MeetingVerb().IsMatch(s.Text)))
                .Select(s => OwnDates(s.Text, dating).FirstOrDefault()).FirstOrDefault(d => d is not null);
        }

        if (date is null)
        {
            // A heading that is only a date (an event page's date line) dates the meeting when nothing closer does;
            // one above the title is the masthead's issue date.
            date = sentences.Where(s => s.IsHeading && s.Paragraph < 6 && s.Paragraph > (title?.Paragraph ?? -1) && DateOnlyLine(s.Text))
                .Select(s => Dates(s.Text, dating.Year).FirstOrDefault()).FirstOrDefault(d => d is not null);
        }

        return (date, labelDate, dateLine);
    }

    private static void FlagDateConflicts(
        DateSpan date, Sentence? anchor, DateSpan? anchorDate, Sentence? title, DateSpan? labelDate, List<DateSpan> publication, Dating dating, List<ReviewFlag> flags)
    {
        if (anchor is not null && title is not null && anchorDate is not null)
        {
            var titleDate = OwnDates(title.Text, dating).FirstOrDefault();
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
    }
}

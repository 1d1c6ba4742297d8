using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// Works out what a Bali Process document is and reads what it records: the meeting behind a co-chairs' statement,
/// the activities of a summary of activities, the themes and actions of a progress report. It never throws: text
/// it cannot place comes back as <see cref="DocumentKind.Other"/> with a warning saying why.
/// </summary>
public sealed partial class DocumentRecognizer
{
    /// <summary>Heading lines considered before the body starts; a title block is never longer.</summary>
    private const int MaxHeaderParagraphs = 12;

    private const int MaxTitleLength = 200;

    private readonly NameCatalog names;
    private readonly StatementParser statements;
    private readonly ActivitiesParser activities;
    private readonly ProgressReportParser progressReports;
    private readonly MeetingReader meetings;

    public DocumentRecognizer(NameCatalog names)
    {
        ArgumentNullException.ThrowIfNull(names);
        this.names = names;
        statements = new StatementParser(names);
        activities = new ActivitiesParser(names);
        progressReports = new ProgressReportParser(names);
        meetings = new MeetingReader(names);
    }

    public RecognizedDocument Recognize(string text, string fileName)
    {
        try
        {
            return RecognizeText(text ?? string.Empty, fileName ?? string.Empty);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The parsers are written not to throw; this is the last line of defence for an importer that must
            // report a bad document instead of failing the upload (a regex timeout on hostile input, say).
            return new RecognizedDocument(
                DocumentKind.Other, FileTitle(fileName ?? string.Empty), null, "und", null, [], null,
                [$"the document could not be recognised: {ex.GetType().Name}: {ex.Message}"]);
        }
    }

    private RecognizedDocument RecognizeText(string rawText, string fileName)
    {
        var text = TextExtractor.Normalize(rawText);
        var warnings = new List<string>();
        var language = LanguageDetector.Detect(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            warnings.Add("the document has no text");
            return Other(FileTitle(fileName), language, warnings);
        }

        var lines = text.Split('\n');
        var paragraphs = TextLayout.Paragraphs(text);
        var headerCount = paragraphs.TakeWhile(p => p.IsHeading).Take(MaxHeaderParagraphs).Count();
        var header = paragraphs.Take(headerCount).ToList();
        var body = paragraphs.Skip(headerCount).ToList();
        var headerText = string.Join('\n', header.Select(p => p.Text));

        if (ProgressReportParser.LooksLike(lines, headerText))
        {
            var report = progressReports.Parse(text, warnings);
            return new RecognizedDocument(DocumentKind.ProgressReport, report.Title, report.Date, language, null, [], report, warnings);
        }

        if (SummaryOfActivities().IsMatch(headerText) || ActivitiesParser.CountEntries(lines) >= ActivitiesParser.MinimumEntries)
        {
            var found = activities.Parse(text, warnings);
            if (found.Count == 0)
            {
                warnings.Add("no dated activities found");
            }

            return new RecognizedDocument(DocumentKind.SummaryOfActivities, SummaryTitle(headerText), null, language, null, found, null, warnings);
        }

        var (labelKind, labelLine) = Label(header);
        if (labelKind is not (DocumentKind.CoChairsStatement or DocumentKind.Declaration or null))
        {
            return new RecognizedDocument(labelKind.Value, Title(labelLine!), HeaderDate(header), language, null, [], null, warnings);
        }

        return Meeting(labelKind, labelLine, paragraphs, header, body, fileName, language, warnings);
    }

    /// <summary>
    /// Documents that may report a meeting: statements, declarations, media releases, news articles, event pages and
    /// notes. The statement parser reads the classic co-chairs' statement; the meeting reader reads every form and
    /// fills what the statement parser leaves empty.
    /// </summary>
    private RecognizedDocument Meeting(
        DocumentKind? labelKind, string? labelLine, List<TextParagraph> paragraphs, List<TextParagraph> header, List<TextParagraph> body,
        string fileName, string language, List<string> warnings)
    {
        var statementWarnings = new List<string>();
        var result = statements.Parse(header, body, statementWarnings);
        var agenda = StatementParser.AgendaItems(header, body);
        var outcomes = StatementParser.Outcomes(body);
        var readerWarnings = new List<string>();
        var reading = meetings.Read(paragraphs, agenda, outcomes, readerWarnings);
        // The reader decides whether the document reports a meeting of its own (it refuses recalled and planned ones).
        // Where it finds none, the statement parser's meeting stands behind a classic opening ("The Co-Chairs hosted the
        // ..."), or when it names a body and is not long before the document's issue; never one the reader refused.
        var fallback = result.Meeting is { } parsed && !reading.Refused && (result.HasCoChairsOpening || (parsed.BodyCode.Length > 0 && !reading.IsRecalled(parsed.StartDate))) ? parsed : null;
        var meeting = reading.Meeting is null ? fallback : Combine(reading.Meeting, result.Meeting);
        var kind = FormKind(paragraphs, labelKind, result.HasCoChairsOpening && result.Meeting is not null, meeting is not null);
        if (kind != DocumentKind.Other || meeting is not null)
        {
            warnings.AddRange(result.Meeting is not null || reading.Meeting is null ? statementWarnings : readerWarnings);
        }

        if (labelKind is null && kind == DocumentKind.CoChairsStatement && result.HasCoChairsOpening && !paragraphs.Take(8).Any(p => JointStatementLabel().IsMatch(p.Text)))
        {
            warnings.Add("no \"Co-Chairs' Statement\" heading; recognised as one from the opening sentence (the Co-Chairs hosting or chairing a meeting)");
        }
        if (meeting is null && kind is not (DocumentKind.Other or DocumentKind.Declaration))
        {
            warnings.Add("no meeting of its own found in the document (no sentence naming a meeting with its date)");
        }

        if (kind == DocumentKind.Other)
        {
            warnings.Add("document type not recognised: no statement, declaration, release, news, note, progress report, summary of activities, guide, curriculum or handbook heading");
        }

        var title = kind switch
        {
            DocumentKind.CoChairsStatement when labelLine is not null || result.Meeting is not null => StatementTitle(labelLine, result.MeetingTitle ?? meeting?.Title),
            DocumentKind.Declaration when labelLine is not null => Title(labelLine),
            _ => DocumentTitle(paragraphs) ?? (header.Count > 0 ? Title(header[0].Text) : null) ?? FirstWords(body) ?? FileTitle(fileName),
        };
        var date = meeting?.StartDate ?? reading.PublicationDate ?? HeaderDate(header);
        return new RecognizedDocument(kind, title, date, language, meeting, [], null, warnings) { Review = reading.Flags };
    }

    /// <summary>The general reader's meeting where it found one, completed by the statement parser's fields.</summary>
    private static MeetingInfo? Combine(MeetingInfo? primary, MeetingInfo? secondary)
    {
        if (primary is null || secondary is null)
        {
            return primary ?? secondary;
        }

        return primary with
        {
            BodyCode = primary.BodyCode.Length > 0 ? primary.BodyCode : secondary.BodyCode,
            Ordinal = primary.Ordinal ?? secondary.Ordinal,
            // A virtual meeting has no venue: the statement parser's place for it is a heading word ("Online", a weekday).
            Place = primary.Place ?? (primary.Format == MeetingFormat.Virtual ? null : secondary.Place),
            Format = primary.Format ?? secondary.Format,
            CoChairCodes = primary.CoChairCodes.Count > 0 ? primary.CoChairCodes : secondary.CoChairCodes,
            Attendees = secondary.Attendees.Count > primary.Attendees.Count ? secondary.Attendees : primary.Attendees,
        };
    }

    /// <summary>The form of the document, from its heading lines and opening, most specific first.</summary>
    private static DocumentKind FormKind(List<TextParagraph> paragraphs, DocumentKind? labelKind, bool coChairsOpening, bool hasMeeting)
    {
        var top = paragraphs.Take(8).Where(p => p.IsHeading || TextLayout.WordCount(p.Text) <= 16).Select(p => p.Text).ToList();
        if (top.Any(MediaReleaseLabel().IsMatch))
        {
            return DocumentKind.MediaRelease;
        }

        if (top.Any(NoteLabel().IsMatch))
        {
            return DocumentKind.BackgroundNote;
        }

        if (labelKind is { } label)
        {
            return label;
        }

        // A statement's label lower than the header block ("Co-Chairs' Statement" under a title run into one paragraph).
        if (top.Any(JointStatementLabel().IsMatch) || top.Any(p => TextLayout.WordCount(p) <= 8 && CoChairsStatementLabel().IsMatch(p)))
        {
            return DocumentKind.CoChairsStatement;
        }

        var opening = paragraphs.Take(8).Select(p => p.Text).ToList();
        // "Declaration" in a heading names the document; in a timeline entry ("2016: the Bali Declaration is adopted") it does not.
        if (opening.Any(WeTheMinisters().IsMatch) || paragraphs.Take(8).Any(p => !p.IsListItem && (p.IsHeading || TextLayout.WordCount(p.Text) <= 16) && DeclarationWord().IsMatch(p.Text)))
        {
            return DocumentKind.Declaration;
        }

        if (opening.Take(6).Any(NewsDateline().IsMatch))
        {
            return DocumentKind.NewsArticle;
        }

        if (opening.Any(EventLabel().IsMatch) || (hasMeeting && !coChairsOpening && paragraphs.Take(6).Any(p => p.IsHeading && IsDateLine(p.Text))))
        {
            return DocumentKind.EventPage;
        }

        return coChairsOpening ? DocumentKind.CoChairsStatement : DocumentKind.Other;
    }

    private static bool IsDateLine(string text) =>
        DateParsing.FindFirst(text) is { } date && TextLayout.WordCount(text.Remove(date.Index, date.Length)) <= 2;

    /// <summary>The first heading that is neither metadata (address, file name, print header, date line) nor a bare label.</summary>
    private string? DocumentTitle(List<TextParagraph> paragraphs)
    {
        foreach (var paragraph in paragraphs.Take(MaxHeaderParagraphs))
        {
            var text = paragraph.Text;
            if (!paragraph.IsHeading || MetadataLine().IsMatch(text) || BareLabel().IsMatch(text))
            {
                continue;
            }

            if (DateParsing.FindFirst(text) is { } date && TextLayout.WordCount(text.Remove(date.Index, date.Length)) <= 3)
            {
                continue;
            }

            return Title(text);
        }

        return null;
    }

    private static RecognizedDocument Recognized(DocumentKind kind, string title, MeetingInfo? meeting, string language, List<string> warnings) =>
        new(kind, title, meeting?.StartDate, language, meeting, [], null, warnings);

    private static RecognizedDocument Other(string title, string language, List<string> warnings) =>
        new(DocumentKind.Other, title, null, language, null, [], null, warnings);

    /// <summary>The heading line that names the document type, checked from the most to the least specific.</summary>
    private static (DocumentKind? Kind, string? Line) Label(List<TextParagraph> header)
    {
        (Regex Pattern, DocumentKind Kind)[] labels =
        [
            (CoChairsStatementLabel(), DocumentKind.CoChairsStatement),
            (DeclarationLabel(), DocumentKind.Declaration),
            (QuickReferenceGuideLabel(), DocumentKind.QuickReferenceGuide),
            (PolicyGuideLabel(), DocumentKind.PolicyGuide),
            (CurriculumLabel(), DocumentKind.Curriculum),
            (HandbookLabel(), DocumentKind.Handbook),
        ];
        foreach (var (pattern, kind) in labels)
        {
            var line = header.Select(p => p.Text).FirstOrDefault(pattern.IsMatch);
            if (line is not null)
            {
                return (kind, line);
            }
        }

        return (null, null);
    }

    private string StatementTitle(string? labelLine, string? meetingTitle)
    {
        var label = labelLine is null ? "Co-Chairs' Statement" : Title(CoChairsStatementLabel().Match(labelLine).Value);
        return meetingTitle is null ? label : $"{label}: {meetingTitle}";
    }

    private string SummaryTitle(string headerText)
    {
        var match = SummaryOfActivities().Match(headerText);
        var summary = match.Success ? Title(match.Value) : "Summary of Activities";
        return BaliProcessWords().IsMatch(headerText) && !BaliProcessWords().IsMatch(summary) ? $"Bali Process {summary}" : summary;
    }

    private static DateOnly? HeaderDate(List<TextParagraph> header) =>
        header.Select(p => DateParsing.FindFirst(p.Text)).FirstOrDefault(d => d is not null)?.Start;

    private string Title(string line)
    {
        var title = TextLayout.TitleCaseIfShouting(TextLayout.Collapse(line), names.IsKnownAcronym);
        return title.Length <= MaxTitleLength ? title : title[..MaxTitleLength].TrimEnd() + "…";
    }

    private string? FirstWords(List<TextParagraph> body)
    {
        var first = body.FirstOrDefault()?.Text;
        if (first is null)
        {
            return null;
        }

        var sentence = TextLayout.Sentences(first).FirstOrDefault() ?? first;
        return Title(sentence);
    }

    private static string FileTitle(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName.Trim());
        return name.Length > 0 ? name : "Untitled document";
    }

    [GeneratedRegex(@"\bco-?chairs?['’]?\s*(?:statement|summary)\b|\bchair['’]?s['’]?\s+(?:statement|summary)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex CoChairsStatementLabel();

    [GeneratedRegex(@"\bdeclaration\b|\bdeklarasi\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex DeclarationLabel();

    [GeneratedRegex(@"\bdeclaration\b|\bdeklarasi\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex DeclarationWord();

    [GeneratedRegex(@"\b(?:joint\s+)?media\s+(?:release|statement)\b|\bpress\s+release\b|\bnews\s+release\b|\bsiaran\s+pers\b|\brilis\s+(?:media|pers)\b|\bketerangan\s+pers\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex MediaReleaseLabel();

    [GeneratedRegex(@"\bnote\s+(?:for|to)\s+(?:the\s+)?file\b|\bfile\s+note\b|\bbackground\s+(?:note|paper|brief(?:ing)?)\b|\bcatatan\s+(?:untuk\s+)?(?:arsip|berkas)\b|\bcatatan\s+latar(?:\s+belakang)?\b|\bnota\s+(?:dinas|latar\s+belakang)\b|\brecord\s+of\s+(?:the\s+)?meeting\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex NoteLabel();

    [GeneratedRegex(@"\bjoint\s+(?:communiqu[eé]|statement)\b|\bpernyataan\s+bersama\b|\bpernyataan\s+(?:para\s+)?ketua\s+bersama\b|\bchair(?:man)?['’]?s?['’]?\s+summary\b|\bcommuniqu[eé]\b|^\s*(?:meeting\s+summary|summary\s+of\s+(?:the\s+)?discussions?|ringkasan\s+pertemuan)\s*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex JointStatementLabel();

    [GeneratedRegex(@"^\s*(?:We|Kami),\s+(?:the\s+|para\s+)?(?:Ministers|Menteri|Representatives|Leaders|Members)", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex WeTheMinisters();

    [GeneratedRegex(@"^\p{Lu}[\p{Lu}'’.\-]+(?:\s+\p{Lu}[\p{Lu}'’.\-]+){0,3}(?:,\s*[\p{L}\p{N}'’.\- ,]{1,40})?\s*(?:\([^()]{1,40}\))?\s*(?:–|—|--|-)\s", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex NewsDateline();

    [GeneratedRegex(@"^(?:date|dates|venue|location|tanggal|tempat|lokasi|when|where)\s*:", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex EventLabel();

    [GeneratedRegex(@"(?:https?://|www\.)\S+|^\S+\.(?:pdf|docx?|html?|txt)$|^(?:file|source|sumber|ref|url)\s*:|^page\s+\d+|(?:\|.*){2,}|(?:>.*){2,}|\b(?:published|released|posted|printed|diterbitkan|dirilis)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex MetadataLine();

    [GeneratedRegex(@"^(?:joint\s+)?(?:media\s+release|press\s+release|news|siaran\s+pers|berita|note\s+for\s+(?:the\s+)?file|background\s+note|catatan\s+\w+|pernyataan\s+bersama|joint\s+statement|for\s+immediate\s+release)\b[\s\p{P}]*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex BareLabel();

    [GeneratedRegex(@"\bquick\s+reference\s+guides?\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex QuickReferenceGuideLabel();

    [GeneratedRegex(@"\bpolicy\s+guides?\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex PolicyGuideLabel();

    [GeneratedRegex(@"\bcurriculum\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex CurriculumLabel();

    [GeneratedRegex(@"\bhandbook\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex HandbookLabel();

    [GeneratedRegex(@"\bsummary\s+of\s+activities\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex SummaryOfActivities();

    [GeneratedRegex(@"\bbali\s+process\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex BaliProcessWords();
}

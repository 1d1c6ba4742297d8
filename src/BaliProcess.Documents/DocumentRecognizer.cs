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

    public DocumentRecognizer(NameCatalog names)
    {
        ArgumentNullException.ThrowIfNull(names);
        this.names = names;
        statements = new StatementParser(names);
        activities = new ActivitiesParser(names);
        progressReports = new ProgressReportParser(names);
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
        return labelKind switch
        {
            DocumentKind.CoChairsStatement or DocumentKind.Declaration or null => Statement(labelKind, labelLine, header, body, fileName, language, warnings),
            _ => new RecognizedDocument(labelKind.Value, Title(labelLine!), HeaderDate(header), language, null, [], null, warnings),
        };
    }

    private RecognizedDocument Statement(
        DocumentKind? labelKind, string? labelLine, List<TextParagraph> header, List<TextParagraph> body, string fileName, string language, List<string> warnings)
    {
        var statementWarnings = new List<string>();
        var result = statements.Parse(header, body, statementWarnings);
        switch (labelKind)
        {
            case DocumentKind.CoChairsStatement:
                warnings.AddRange(statementWarnings);
                return Recognized(DocumentKind.CoChairsStatement, StatementTitle(labelLine, result.MeetingTitle), result.Meeting, language, warnings);

            case DocumentKind.Declaration:
                // A declaration need not describe a meeting; its warnings only matter when it does.
                if (result.Meeting is not null)
                {
                    warnings.AddRange(statementWarnings);
                }

                return new RecognizedDocument(
                    DocumentKind.Declaration, Title(labelLine!), result.Meeting?.StartDate ?? HeaderDate(header), language, result.Meeting, [], null, warnings);

            default:
                if (result.HasCoChairsOpening && result.Meeting is not null)
                {
                    warnings.Add("no \"Co-Chairs' Statement\" heading; recognised as one from the opening sentence (the Co-Chairs hosting or chairing a meeting)");
                    warnings.AddRange(statementWarnings);
                    return Recognized(DocumentKind.CoChairsStatement, StatementTitle(null, result.MeetingTitle), result.Meeting, language, warnings);
                }

                warnings.Add("document type not recognised: no statement, declaration, progress report, summary of activities, guide, curriculum or handbook heading, and no opening sentence reporting a Co-Chairs' meeting");
                var title = header.Count > 0 ? Title(header[0].Text) : FirstWords(body) ?? FileTitle(fileName);
                return Other(title, language, warnings);
        }
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

    [GeneratedRegex(@"\bdeclaration\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex DeclarationLabel();

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

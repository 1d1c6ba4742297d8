using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// Reads a progress report's table, given as tab-separated rows (the form Word tables extract to):
/// a header row ("Action/Recommendation | Who | Status/Details"), theme rows ("Border Management", or numbered
/// "4. Cooperation on returns and reintegration"), action rows ("2.5 | text | RSO (NZ funded) | status") and
/// continuation rows that start with tabs and carry on a cell of the previous action after a page break.
/// Footnote lines left by page breaks ("¹ &lt;https://...&gt;") are dropped, as are the footnote markers.
/// </summary>
internal sealed partial class ProgressReportParser(NameCatalog names)
{
    private const int MaxThemeWords = 12;

    private readonly LeadParser leads = new(names);

    private sealed class ActionBuilder(string number)
    {
        public string Number { get; } = number;

        public List<string> Text { get; } = [];

        public List<string> Who { get; } = [];

        public List<string> Status { get; } = [];
    }

    private sealed class ThemeBuilder(int? explicitNumber, string title)
    {
        public int? ExplicitNumber { get; } = explicitNumber;

        public string Title { get; } = title;

        public List<ActionBuilder> Actions { get; } = [];
    }

    private readonly record struct Columns(int Number, int Text, int Who, int Status);

    /// <summary>
    /// A progress report has "Progress Report" in its heading or an "Action ... Who" table header; a mention of a
    /// progress report in running text (a statement noting one) does not count.
    /// </summary>
    public static bool LooksLike(IReadOnlyList<string> lines, string headerText) =>
        ProgressReportTitle().IsMatch(headerText) || lines.Any(IsHeaderRow);

    public ProgressReportInfo Parse(string text, List<string> warnings)
    {
        var lines = text.Split('\n');
        var titleLine = lines.Select(line => TextLayout.Collapse(MarkupCleaner.CleanInline(line.Replace('\t', ' '))))
            .Where(line => line.Length > 0)
            .Take(15)
            .FirstOrDefault(line => ProgressReportTitle().IsMatch(line))
            ?? "Progress Report";
        var date = DateParsing.FindFirst(titleLine);

        var headerIndex = Array.FindIndex(lines, IsHeaderRow);
        var columns = headerIndex >= 0 ? ColumnsFrom(lines[headerIndex]) : new Columns(0, 1, 2, 3);
        if (headerIndex < 0)
        {
            warnings.Add("no 'Action/Recommendation | Who | Status' header row; columns assumed to be number, action, who, status");
        }

        var themes = new List<ThemeBuilder>();
        ActionBuilder? action = null;
        for (var i = headerIndex + 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || IsFootnote(line))
            {
                continue;
            }

            var cells = line.Split('\t').Select(cell => StripFootnoteMarkers(cell).Trim()).ToArray();
            string Cell(int index) => index >= 0 && index < cells.Length ? cells[index] : string.Empty;

            var (number, textCell) = ActionNumber(Cell(columns.Number), Cell(columns.Text), columns);
            if (number is not null)
            {
                action = new ActionBuilder(number);
                if (themes.Count == 0)
                {
                    warnings.Add($"action {number} comes before any theme row; it is put in an untitled theme");
                    themes.Add(new ThemeBuilder(null, string.Empty));
                }

                themes[^1].Actions.Add(action);
                AddIfAny(action.Text, textCell);
                AddIfAny(action.Who, Cell(columns.Who));
                AddIfAny(action.Status, Cell(columns.Status));
                continue;
            }

            var theme = ThemeRow(cells, columns);
            if (theme is not null)
            {
                themes.Add(theme);
                action = null;
                continue;
            }

            if (action is null)
            {
                continue;
            }

            if (cells.Length == 1)
            {
                // A line with no tabs inside the table: text that lost its column; the status is the likeliest owner.
                AddIfAny(action.Status, cells[0]);
                continue;
            }

            AddIfAny(action.Text, Cell(columns.Text));
            AddIfAny(action.Who, Cell(columns.Who));
            AddIfAny(action.Status, Cell(columns.Status));
        }

        var result = new List<ProgressThemeInfo>();
        var previousNumber = 0;
        foreach (var theme in themes)
        {
            var firstMajor = theme.Actions.Select(a => MajorNumber(a.Number)).FirstOrDefault(n => n is not null);
            var number = theme.ExplicitNumber ?? firstMajor ?? previousNumber + 1;
            if (theme.ExplicitNumber is not null && firstMajor is not null && firstMajor != theme.ExplicitNumber)
            {
                warnings.Add($"theme {theme.ExplicitNumber} ('{theme.Title}') holds actions numbered {firstMajor}.x");
            }

            previousNumber = number;
            result.Add(new ProgressThemeInfo(number, theme.Title, [.. theme.Actions.Select(BuildAction)]));
        }

        if (result.Count == 0)
        {
            warnings.Add("no themes or actions found in the progress report table");
        }

        var reportDate = date is null ? (DateOnly?)null : date.Start;
        return new ProgressReportInfo(titleLine, reportDate, result);
    }

    private ProgressActionInfo BuildAction(ActionBuilder action)
    {
        var text = MarkupCleaner.StripTags(string.Join(' ', action.Text));
        var whoRaw = MarkupCleaner.StripTags(string.Join(' ', action.Who));
        var (leadCodes, funders) = leads.Parse(whoRaw);
        var paragraphs = DetailParagraphs(action.Status);
        return new ProgressActionInfo(action.Number, text, whoRaw, leadCodes, funders, paragraphs, QuantityExtractor.Extract(paragraphs));
    }

    /// <summary>
    /// Paragraphs of the status cell. A continuation row carries on the last paragraph when that paragraph stopped
    /// mid-sentence or the continuation starts in lower case ("... at 64 Union level meetings and" + "149 community
    /// ..."), and starts a new paragraph otherwise.
    /// </summary>
    private static List<string> DetailParagraphs(List<string> chunks)
    {
        var paragraphs = new List<string>();
        foreach (var chunk in chunks)
        {
            var parts = MarkupCleaner.HtmlToParagraphs(chunk);
            if (parts.Count == 0)
            {
                continue;
            }

            if (paragraphs.Count > 0 && Continues(paragraphs[^1], parts[0]))
            {
                paragraphs[^1] = $"{paragraphs[^1]} {parts[0]}";
                parts.RemoveAt(0);
            }

            paragraphs.AddRange(parts);
        }

        return paragraphs;
    }

    private static bool Continues(string previous, string next) =>
        char.IsLower(next[0]) || (!TextLayout.EndsSentence(previous) && !ListStart().IsMatch(next));

    private static ThemeBuilder? ThemeRow(string[] cells, Columns columns)
    {
        var filled = cells.Select((cell, index) => (cell, index)).Where(c => c.cell.Length > 0).ToList();
        if (filled.Count != 1)
        {
            return null;
        }

        var (cell, index) = filled[0];
        var plain = MarkupCleaner.StripTags(MarkupCleaner.CleanInline(cell));

        // With a number column, a theme is the only filled cell and sits in that column; a lone filled cell in the
        // action column is the action text carrying on after a page break ("protection. Consider expanding ...").
        var inThemeColumn = columns.Number >= 0 ? index == columns.Number : index == columns.Text && LooksLikeHeading(plain);
        if (!inThemeColumn || plain.Length == 0)
        {
            return null;
        }

        var numbered = NumberedTheme().Match(plain);
        return numbered.Success
            ? new ThemeBuilder(int.Parse(numbered.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), numbered.Groups["title"].Value.Trim())
            : new ThemeBuilder(null, plain);
    }

    private static bool LooksLikeHeading(string text) =>
        char.IsUpper(text[0]) && !TextLayout.EndsSentence(text) && TextLayout.WordCount(text) <= MaxThemeWords;

    private static (string? Number, string Text) ActionNumber(string numberCell, string textCell, Columns columns)
    {
        if (columns.Number >= 0)
        {
            var match = ActionNumberCell().Match(numberCell);
            return match.Success ? (match.Groups["n"].Value, textCell) : (null, textCell);
        }

        var prefixed = ActionNumberPrefix().Match(textCell);
        return prefixed.Success ? (prefixed.Groups["n"].Value, textCell[prefixed.Length..].Trim()) : (null, textCell);
    }

    private static int? MajorNumber(string number)
    {
        var dot = number.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(number[..dot], out var major) ? major : null;
    }

    private static bool IsHeaderRow(string line)
    {
        if (!line.Contains('\t', StringComparison.Ordinal))
        {
            return false;
        }

        var cells = line.Split('\t').Select(c => c.Trim()).ToArray();
        return cells.Any(c => ActionHeader().IsMatch(c)) && cells.Any(c => WhoHeader().IsMatch(c));
    }

    private static Columns ColumnsFrom(string headerLine)
    {
        var cells = headerLine.Split('\t').Select(c => c.Trim()).ToArray();
        var text = Array.FindIndex(cells, c => ActionHeader().IsMatch(c));
        var who = Array.FindIndex(cells, c => WhoHeader().IsMatch(c));
        var status = Array.FindIndex(cells, c => StatusHeader().IsMatch(c));
        if (status < 0)
        {
            status = Math.Max(text, who) + 1;
        }

        // An unlabelled column before the action column holds the numbers; otherwise numbers prefix the action text.
        var number = text > 0 && cells[text - 1].Length == 0 ? text - 1 : -1;
        return new Columns(number, text, who, status);
    }

    private static bool IsFootnote(string line) =>
        !line.Contains('\t', StringComparison.Ordinal) && FootnoteLine().IsMatch(line.Trim());

    private static string StripFootnoteMarkers(string cell) => FootnoteMarker().Replace(cell, string.Empty);

    private static void AddIfAny(List<string> target, string value)
    {
        if (value.Length > 0)
        {
            target.Add(value);
        }
    }

    [GeneratedRegex(@"\bprogress\s+report\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex ProgressReportTitle();

    [GeneratedRegex(@"^action", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex ActionHeader();

    [GeneratedRegex(@"^who\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex WhoHeader();

    [GeneratedRegex(@"^status", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex StatusHeader();

    [GeneratedRegex(@"^(?<n>\d{1,2}\.\d{1,2}[a-z]?)\.?$", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex ActionNumberCell();

    [GeneratedRegex(@"^(?<n>\d{1,2}\.\d{1,2}[a-z]?)\.?\s+", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex ActionNumberPrefix();

    [GeneratedRegex(@"^(?<n>\d{1,2})\.?\s+(?<title>\p{L}.*)$", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex NumberedTheme();

    /// <summary>"¹ &lt;https://...&gt;", "[1] https://...", "1 https://..." or a bare link: what a page-break footnote leaves.</summary>
    [GeneratedRegex(@"^(?:(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d+\]|\d+)?\s*<?(?:https?://|www\.)\S*>?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s+\S.*)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex FootnoteLine();

    [GeneratedRegex(@"\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex FootnoteMarker();

    [GeneratedRegex(@"^(?:[-•·*▪]\s|\d+\)\s|\(?[a-z]\)\s)", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex ListStart();
}

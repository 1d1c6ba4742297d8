using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// One paragraph of running text after markup is removed. List items keep their marker ("a.", "(b)", "-")
/// separately; <see cref="Number"/> is a numbered paragraph's number ("12." in a statement).
/// </summary>
internal sealed record TextParagraph(string Text, bool IsHeading, string? ListMarker, int? Number)
{
    public bool IsListItem => ListMarker is not null;
}

/// <summary>
/// Rebuilds paragraphs and sentences from extracted text, where line breaks are unreliable: PDFs and conversions
/// break lines mid-sentence (sometimes with a blank line, e.g. at a page break), while other files put each paragraph
/// on one line with no blank lines between.
/// </summary>
internal static partial class TextLayout
{
    private const int LongLineWords = 12;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "i.e", "e.g", "etc", "no", "nos", "mr", "mrs", "ms", "dr", "st", "vs", "inc", "ltd", "co", "u.s", "u.k", "u.n", "approx", "para", "art", "cf", "viz", "jr", "sr",
        // Titles and abbreviated months of news style: "Prof. Hartono", "Feb. 27-28, 2002".
        "prof", "gen", "col", "lt", "capt", "hon", "h.e", "dept", "govt", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    private static readonly HashSet<string> SmallWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with",
    };

    public static List<TextParagraph> Paragraphs(string text)
    {
        var paragraphs = new List<TextParagraph>();
        var current = new StringBuilder();
        string? marker = null;
        int? number = null;
        var afterBlank = false;

        void Flush()
        {
            if (current.Length > 0)
            {
                var body = current.ToString().Trim();
                var isHeading = marker is null && number is null && IsHeadingLike(body);
                paragraphs.Add(new TextParagraph(body, isHeading, marker, number));
            }

            current.Clear();
            marker = null;
            number = null;
        }

        foreach (var rawLine in text.Split('\n'))
        {
            var line = Collapse(MarkupCleaner.CleanInline(rawLine.Replace('\t', ' ')));
            if (line.Length == 0)
            {
                afterBlank = true;
                continue;
            }

            var listMatch = ListItem().Match(line);
            var numberMatch = NumberedParagraph().Match(line);
            var startsSomethingNew = listMatch.Success || numberMatch.Success;
            if (current.Length > 0 && !startsSomethingNew && ContinuesParagraph(current.ToString(), line, afterBlank))
            {
                current.Append(' ').Append(line);
                afterBlank = false;
                continue;
            }

            Flush();
            afterBlank = false;
            if (listMatch.Success)
            {
                // "- a." is a lettered item under a bullet; the letter is the marker that carries meaning.
                marker = LeadingBullet().Replace(listMatch.Groups["marker"].Value.Trim(), string.Empty);
                line = line[listMatch.Length..];
            }
            else if (numberMatch.Success)
            {
                number = int.Parse(numberMatch.Groups["n"].Value, CultureInfo.InvariantCulture);
                line = line[numberMatch.Length..];
            }

            current.Append(line);
        }

        Flush();
        return paragraphs;
    }

    /// <summary>
    /// A line continues the paragraph when the paragraph is running text (long, not ended by punctuation) and the
    /// line either follows directly or, after a blank line, starts in lower case (a page break mid-sentence).
    /// </summary>
    private static bool ContinuesParagraph(string paragraph, string line, bool afterBlank)
    {
        if (EndsSentence(paragraph) || WordCount(paragraph) < LongLineWords)
        {
            return false;
        }

        return !afterBlank || char.IsLower(line[0]);
    }

    public static bool EndsSentence(string text)
    {
        var trimmed = text.TrimEnd().TrimEnd('"', '”', '’', '\'', ')', ']', '*');
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or ':' or ';';
    }

    public static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static bool IsHeadingLike(string text) =>
        !EndsSentence(text) && WordCount(text) <= 16;

    /// <summary>Splits running text into sentences, not at abbreviations ("i.e.", "e.g.") or initials.</summary>
    public static List<string> Sentences(string paragraph)
    {
        var sentences = new List<string>();
        var start = 0;
        foreach (Match boundary in SentenceBoundary().Matches(paragraph))
        {
            var end = boundary.Index + 1;
            var before = paragraph[start..boundary.Index];
            var lastWord = LastWord().Match(before).Value;
            var isInitial = lastWord.Length == 1 && char.IsLetter(lastWord[0]);
            if (isInitial || Abbreviations.Contains(lastWord.TrimEnd('.')))
            {
                continue;
            }

            var sentence = paragraph[start..(boundary.Index + boundary.Groups["close"].Length + 1)].Trim();
            if (sentence.Length > 0)
            {
                sentences.Add(sentence);
            }

            start = end + boundary.Groups["close"].Length;
        }

        var rest = paragraph[start..].Trim();
        if (rest.Length > 0)
        {
            sentences.Add(rest);
        }

        return sentences;
    }

    /// <summary>
    /// Title case for text set in capitals ("FIRST AD HOC GROUP MEETING" gives "First Ad Hoc Group Meeting");
    /// words the caller says are acronyms and Roman numerals stay in capitals. Other text is returned unchanged.
    /// </summary>
    public static string TitleCaseIfShouting(string text, Func<string, bool>? isAcronym = null)
    {
        var letters = text.Where(char.IsLetter).ToList();
        if (letters.Count == 0 || letters.Any(char.IsLower))
        {
            return text;
        }

        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var bare = word.Trim(',', '.', ';', ':', '(', ')', '\'', '’', '"');
            if (bare.Length == 0 || RomanNumeral().IsMatch(bare) || (isAcronym?.Invoke(bare) ?? false) || bare.Any(char.IsDigit))
            {
                continue;
            }

            if (i > 0 && SmallWords.Contains(bare))
            {
                words[i] = word.ToLowerInvariant();
                continue;
            }

            var lower = word.ToLowerInvariant().ToCharArray();
            var capitalise = true;
            for (var c = 0; c < lower.Length; c++)
            {
                if (char.IsLetter(lower[c]))
                {
                    if (capitalise)
                    {
                        lower[c] = char.ToUpperInvariant(lower[c]);
                    }

                    capitalise = false;
                }
                else if (lower[c] == '-')
                {
                    capitalise = true;
                }
            }

            words[i] = new string(lower);
        }

        return string.Join(' ', words);
    }

    public static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    public static string CapitaliseFirst(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"^(?<marker>(?:[-•·*▪◦]\s+)?(?:\([a-hA-H]\)|[a-h]\.|[a-h]\))|[-•·*▪◦])\s+", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^[-•·*▪◦]\s+(?=\S)", RegexOptions.None, 1000)]
    private static partial Regex LeadingBullet();

    [GeneratedRegex(@"^(?<n>\d{1,3})\.\s+(?=\p{Lu})", RegexOptions.None, 1000)]
    private static partial Regex NumberedParagraph();

    [GeneratedRegex(@"[.!?](?<close>[""”’)]?)\s+(?=[\p{Lu}“""(\d])", RegexOptions.None, 1000)]
    private static partial Regex SentenceBoundary();

    [GeneratedRegex(@"[\p{L}\p{N}.]+$", RegexOptions.NonBacktracking, 1000)]
    private static partial Regex LastWord();

    [GeneratedRegex(@"^(?:I{1,3}|IV|V|VI{1,3}|IX|X{1,3}|XI{1,3}|XIV|XV|XVI{1,3}|XIX|XX)$", RegexOptions.NonBacktracking)]
    private static partial Regex RomanNumeral();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Whitespace();
}

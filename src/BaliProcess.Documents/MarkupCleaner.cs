using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// Removes markdown and HTML markup. Converted documents often carry both (a ".txt" export with "**bold**" headings
/// and "16&lt;sup&gt;th&lt;/sup&gt;", table cells holding "&lt;p&gt;" paragraphs), so the recognizer cleans whatever it
/// is given instead of trusting the file extension.
/// </summary>
internal static partial class MarkupCleaner
{
    /// <summary>Markdown to plain text for .md files: headings, emphasis, links, images, code, quotes and tables.</summary>
    public static string MarkdownToText(string markdown)
    {
        var output = new List<string>();
        var inFence = false;
        foreach (var rawLine in markdown.Split('\n'))
        {
            if (FenceLine().IsMatch(rawLine))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                output.Add(rawLine);
                continue;
            }

            if (TableSeparatorLine().IsMatch(rawLine))
            {
                continue;
            }

            if (IsRuleLine(rawLine))
            {
                output.Add(string.Empty);
                continue;
            }

            var line = BlockQuote().Replace(rawLine, string.Empty);
            if (TableRowLine().IsMatch(line))
            {
                // A markdown table row becomes a tab-separated row, the same shape a Word table extracts to.
                output.Add(string.Join('\t', line.Trim().Trim('|').Split('|').Select(cell => CleanInline(cell.Trim()))));
                continue;
            }

            output.Add(CleanInline(BulletMarker().Replace(line, "$1- ")));
        }

        return string.Join('\n', output);
    }

    /// <summary>
    /// Inline cleanup used on single lines: heading hashes, emphasis markers, links, images, inline code,
    /// backslash escapes, HTML tags (sup/sub keep their text: "16&lt;sup&gt;th&lt;/sup&gt;" gives "16th") and entities.
    /// </summary>
    public static string CleanInline(string line)
    {
        if (line.Length == 0)
        {
            return line;
        }

        var text = HeadingMarker().Replace(line, string.Empty);
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = AutoLink().Replace(text, "$1");
        text = RemoveInlineCode(text);
        text = HtmlTag().Replace(text, string.Empty);
        text = RemovePairedEmphasis(text);
        // Bold that spans lines ("**FIRST MEETING" ... "BALI, 2009**") leaves an unpaired marker on each line.
        text = RemoveDanglingEmphasis(text);
        text = RemoveEscapes(text);
        text = WebUtility.HtmlDecode(text);
        return text.TrimEnd();
    }

    /// <summary>
    /// HTML cell content to paragraphs: block tags (p, ul, ol, li, br, div) separate paragraphs, inline tags are
    /// dropped, entities decoded and whitespace collapsed. Text with no tags is one paragraph.
    /// </summary>
    public static List<string> HtmlToParagraphs(string html)
    {
        var parts = BlockTag().Split(html);
        var paragraphs = new List<string>();
        foreach (var part in parts)
        {
            var text = TidyQuotes(CollapseWhitespace(WebUtility.HtmlDecode(HtmlTag().Replace(part, string.Empty))));
            if (text.Length > 0)
            {
                paragraphs.Add(text);
            }
        }

        return paragraphs;
    }

    /// <summary>
    /// A web page as plain text: head, scripts, styles and comments dropped; block elements (p, div, headings, table
    /// rows, br) end a paragraph; list items become "- " lines; other tags removed and entities decoded. The page's
    /// title element is kept as a first line, where metadata lines go.
    /// </summary>
    public static string HtmlToText(string html)
    {
        var title = PageTitle().Match(html);
        var body = HiddenElement().Replace(html, " ");
        body = ListItemTag().Replace(body, "\n\n- ");
        body = BreakingTag().Replace(body, "\n\n");
        var builder = new StringBuilder();
        if (title.Success)
        {
            builder.Append(StripTags(title.Groups["t"].Value)).Append("\n\n");
        }

        var blank = true;
        foreach (var line in body.Split('\n'))
        {
            var text = TidyQuotes(CollapseWhitespace(WebUtility.HtmlDecode(HtmlTag().Replace(line, " "))));
            if (text.Length > 0)
            {
                builder.Append(text).Append('\n');
                blank = false;
            }
            else if (!blank)
            {
                builder.Append('\n');
                blank = true;
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>True when the text starts with a block tag, i.e. the author began a new paragraph there.</summary>
    public static bool StartsWithBlockTag(string html) => LeadingBlockTag().IsMatch(html);

    public static string StripTags(string html) =>
        TidyQuotes(CollapseWhitespace(WebUtility.HtmlDecode(HtmlTag().Replace(html, " "))));

    /// <summary>Tags removed from inside quotes leave "“ Access to Asylum Procedures ”"; close the gaps.</summary>
    private static string TidyQuotes(string text) => SpaceInsideQuotes().Replace(text, "$1$2");

    public static string CollapseWhitespace(string text) => Whitespace().Replace(text, " ").Trim();

    // The three helpers below replace regular expressions that needed backreferences or lookarounds, which
    // RegexOptions.NonBacktracking cannot run, and which backtracked quadratically on long lines ("*x *x *x ..."
    // scanned the rest of the line from every asterisk). Each is linear and keeps the expression's matches.

    /// <summary>
    /// "`code`" gives "code": each backtick pairs with the next one, as <c>`([^`]*)`</c> matched, and an unpaired
    /// last backtick stays. One pass over the line: the expression, even non-backtracking, cost seconds on a 1.6 MB
    /// line of backticks, and this costs milliseconds.
    /// </summary>
    internal static string RemoveInlineCode(string text)
    {
        var open = text.IndexOf('`');
        if (open < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        while (open >= 0)
        {
            var close = text.IndexOf('`', open + 1);
            if (close < 0)
            {
                break;
            }

            builder.Append(text, position, open - position).Append(text, open + 1, close - open - 1);
            position = close + 1;
            open = position < text.Length ? text.IndexOf('`', position) : -1;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>"\\*" gives "*": a backslash before one of markdown's punctuation characters is dropped.</summary>
    internal static string RemoveEscapes(string text)
    {
        if (!text.Contains('\\'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && "\\`*_{}[]()#+-.!|>".Contains(text[i + 1]))
            {
                i++;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }

    /// <summary>A thematic break: up to three spaces, then three or more of one of "-", "*" or "_" with optional spaces between.</summary>
    internal static bool IsRuleLine(string line)
    {
        var start = 0;
        while (start < line.Length && char.IsWhiteSpace(line[start]))
        {
            start++;
        }

        if (start > 3 || start == line.Length || line[start] is not ('-' or '*' or '_'))
        {
            return false;
        }

        var marker = line[start];
        var count = 0;
        foreach (var c in line.AsSpan(start))
        {
            if (c == marker)
            {
                count++;
            }
            else if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return count >= 3;
    }

    /// <summary>
    /// "**text**", "*text*", "__text__" and "___text___" give "text": an opener of one to three asterisks (most first)
    /// or two or three underscores, followed by a non-space, closed by the nearest same marker after a non-space,
    /// on the same line; scanning goes on after the closer. The nearest closer of each marker is precomputed from
    /// the right, so each opener costs constant time.
    /// </summary>
    internal static string RemovePairedEmphasis(string text)
    {
        if (text.IndexOfAny(['*', '_']) < 0)
        {
            return text;
        }

        string[] markers = ["*", "**", "***", "__", "___"];
        var nextCloser = new int[markers.Length][];
        for (var m = 0; m < markers.Length; m++)
        {
            var next = new int[text.Length + 1];
            next[text.Length] = -1;
            for (var j = text.Length - 1; j >= 0; j--)
            {
                var closes = j > 0 && !char.IsWhiteSpace(text[j - 1]) && string.CompareOrdinal(text, j, markers[m], 0, markers[m].Length) == 0;
                next[j] = closes ? j : next[j + 1];
            }

            nextCloser[m] = next;
        }

        var nextNewline = new int[text.Length + 1];
        nextNewline[text.Length] = text.Length;
        for (var j = text.Length - 1; j >= 0; j--)
        {
            nextNewline[j] = text[j] == '\n' ? j : nextNewline[j + 1];
        }

        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;
            var c = text[i];
            if (c is '*' or '_')
            {
                var run = 0;
                while (i + run < text.Length && text[i + run] == c && run < 3)
                {
                    run++;
                }

                for (var length = run; length >= (c == '*' ? 1 : 2); length--)
                {
                    var contentStart = i + length;
                    if (contentStart >= text.Length || char.IsWhiteSpace(text[contentStart]))
                    {
                        continue;
                    }

                    var m = c == '*' ? length - 1 : length + 1;
                    // Content is at least one character and cannot cross a line end ("." does not match "\n").
                    var closer = contentStart + 1 <= text.Length ? nextCloser[m][contentStart + 1] : -1;
                    if (closer < 0 || closer > nextNewline[contentStart])
                    {
                        continue;
                    }

                    builder.Append(text, contentStart, closer - contentStart);
                    i = closer + length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                builder.Append(c);
                i++;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Bold that spans lines ("**FIRST MEETING" ... "BALI, 2009**") leaves an unpaired marker: two or three asterisks
    /// or underscores at the start of the line before a non-space, or at its end after a non-space.
    /// </summary>
    internal static string RemoveDanglingEmphasis(string text)
    {
        var start = 0;
        var leadEnd = 0;
        var ws = 0;
        while (ws < text.Length && char.IsWhiteSpace(text[ws]))
        {
            ws++;
        }

        if (ws < text.Length && text[ws] is '*' or '_')
        {
            var c = text[ws];
            var run = 0;
            while (ws + run < text.Length && text[ws + run] == c && run < 3)
            {
                run++;
            }

            for (var length = run; length >= 2; length--)
            {
                if (ws + length < text.Length && !char.IsWhiteSpace(text[ws + length]))
                {
                    start = ws + length;
                    leadEnd = start;
                    break;
                }
            }
        }

        var end = text.Length;
        var trailingSpace = text.Length;
        while (trailingSpace > leadEnd && char.IsWhiteSpace(text[trailingSpace - 1]))
        {
            trailingSpace--;
        }

        if (trailingSpace > leadEnd && text[trailingSpace - 1] is '*' or '_')
        {
            var c = text[trailingSpace - 1];
            var runStart = trailingSpace - 1;
            while (runStart > leadEnd && text[runStart - 1] == c)
            {
                runStart--;
            }

            // The leftmost position leaving two or three markers to the end, after a non-space character.
            foreach (var length in (int[])[3, 2])
            {
                var p = trailingSpace - length;
                if (p >= runStart && p > 0 && p >= leadEnd && !char.IsWhiteSpace(text[p - 1]))
                {
                    end = p;
                    break;
                }
            }
        }

        return start == 0 && end == text.Length ? text : text[start..end];
    }

    [GeneratedRegex(@"^\s*(```|~~~)", RegexOptions.NonBacktracking)]
    private static partial Regex FenceLine();


    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex TableSeparatorLine();

    [GeneratedRegex(@"^\s*\|.*\|\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex TableRowLine();

    [GeneratedRegex(@"^\s{0,3}(>\s?)+", RegexOptions.NonBacktracking)]
    private static partial Regex BlockQuote();

    [GeneratedRegex(@"^(\s*)[*+]\s+", RegexOptions.NonBacktracking)]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+|\s+#+\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex HeadingMarker();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)", RegexOptions.NonBacktracking)]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)", RegexOptions.NonBacktracking)]
    private static partial Regex Link();

    [GeneratedRegex(@"<((?:https?|mailto):[^>\s]+)>", RegexOptions.NonBacktracking)]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9]*(?:\s+[^<>]*)?/?>", RegexOptions.NonBacktracking)]
    private static partial Regex HtmlTag();




    [GeneratedRegex(@"</?(?:p|ul|ol|li|br|div|h[1-6]|tr|table)(?:\s+[^<>]*)?/?>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<title[^>]*>(?<t>[^<]*)</title\s*>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PageTitle();

    [GeneratedRegex(@"<head[\s>].*?</head\s*>|<script[\s>].*?</script\s*>|<style[\s>].*?</style\s*>|<!--.*?-->|<nav[\s>].*?</nav\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex HiddenElement();

    [GeneratedRegex(@"<li(?:\s[^<>]*)?>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ListItemTag();

    [GeneratedRegex(@"</?(?:p|div|h[1-6]|tr|table|ul|ol|section|article|header|footer|blockquote|dl|dt|dd|figcaption)(?:\s[^<>]*)?>|<br\s*/?>|</li\s*>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BreakingTag();

    [GeneratedRegex(@"^\s*<(?:p|ul|ol|li|div|h[1-6])(?:\s+[^<>]*)?>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LeadingBlockTag();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(“)\s+|\s+(”)", RegexOptions.NonBacktracking)]
    private static partial Regex SpaceInsideQuotes();
}

using System.Net;
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

            if (RuleLine().IsMatch(rawLine))
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
        text = InlineCode().Replace(text, "$1");
        text = HtmlTag().Replace(text, string.Empty);
        text = StrongOrEmphasis().Replace(text, "$2");
        // Bold that spans lines ("**FIRST MEETING" ... "BALI, 2009**") leaves an unpaired marker on each line.
        text = DanglingEmphasis().Replace(text, string.Empty);
        text = Escape().Replace(text, "$1");
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

    /// <summary>True when the text starts with a block tag, i.e. the author began a new paragraph there.</summary>
    public static bool StartsWithBlockTag(string html) => LeadingBlockTag().IsMatch(html);

    public static string StripTags(string html) =>
        TidyQuotes(CollapseWhitespace(WebUtility.HtmlDecode(HtmlTag().Replace(html, " "))));

    /// <summary>Tags removed from inside quotes leave "“ Access to Asylum Procedures ”"; close the gaps.</summary>
    private static string TidyQuotes(string text) => SpaceInsideQuotes().Replace(text, "$1$2");

    public static string CollapseWhitespace(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"^\s*(```|~~~)")]
    private static partial Regex FenceLine();

    [GeneratedRegex(@"^\s{0,3}([-*_])(\s*\1){2,}\s*$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    private static partial Regex TableSeparatorLine();

    [GeneratedRegex(@"^\s*\|.*\|\s*$")]
    private static partial Regex TableRowLine();

    [GeneratedRegex(@"^\s{0,3}(>\s?)+")]
    private static partial Regex BlockQuote();

    [GeneratedRegex(@"^(\s*)[*+]\s+")]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+|\s+#+\s*$")]
    private static partial Regex HeadingMarker();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<((?:https?|mailto):[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"`([^`]*)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9]*(?:\s+[^<>]*)?/?>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex StrongOrEmphasis();

    [GeneratedRegex(@"^\s*(?:\*{2,3}|_{2,3})(?=\S)|(?<=\S)(?:\*{2,3}|_{2,3})\s*$")]
    private static partial Regex DanglingEmphasis();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|>])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"</?(?:p|ul|ol|li|br|div|h[1-6]|tr|table)(?:\s+[^<>]*)?/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"^\s*<(?:p|ul|ol|li|div|h[1-6])(?:\s+[^<>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingBlockTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(“)\s+|\s+(”)")]
    private static partial Regex SpaceInsideQuotes();
}

using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>A meeting's title when the document has no heading: the words that name the meeting where it is reported.</summary>
internal static partial class MeetingTitles
{
    /// <summary>
    /// "hosted the sixth Senior Officials Meeting in Bali" gives "Sixth Senior Officials Meeting": the ordinal and the
    /// body as the document writes them, so the title reads as the source does. An abbreviation ("the 5th AHG SOM")
    /// is written out with the body's name, since a title of codes helps no reader.
    /// </summary>
    public static string FromMention(string text, NameMention body)
    {
        var written = Spaces().Replace(text.Substring(body.Index, body.Length), " ").Trim();
        var name = written.Any(char.IsLower) ? written : body.Entry.Name;
        var window = text[Math.Max(0, body.Index - 40)..body.Index];
        var ordinal = OrdinalJustBefore().Match(window);
        var title = ordinal.Success ? $"{ordinal.Groups["ord"].Value} {name}" : name;
        return char.ToUpperInvariant(title[0]) + title[1..];
    }

    [GeneratedRegex(@"(?i:\b(?<ord>" + DateParsing.OrdinalPattern + @"))\s+$", RegexOptions.NonBacktracking)]
    private static partial Regex OrdinalJustBefore();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Spaces();
}

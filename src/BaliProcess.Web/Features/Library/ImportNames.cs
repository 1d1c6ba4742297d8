using System.Text;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// Checks and cleans what a file brings in as a name before anything stores or shows it: the name a browser, an API
/// client, a command line or the seeds folder gives (<see cref="Check"/>), and the titles derived from its text or
/// typed by an official (<see cref="CleanText"/>). Control and direction-override characters can make a stored name
/// read differently from what it is ("report", U+202E, "xcod.docx" shows as "reportxcod.docx" reversed after the
/// override), break log lines and audit details, and path parts can name places outside the upload.
/// </summary>
public static class ImportNames
{
    /// <summary>The longest stored file name (most file systems allow 255).</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>
    /// The name to store for the file a client, the command line or the seeds folder calls <paramref name="fileName"/>,
    /// or why it cannot be imported. Folder parts a browser may send ("C:\Users\...\x.docx", "folder/x.docx")
    /// are dropped; a ".." part, a control character (NUL included), a direction override or another invisible
    /// character, and a name longer than <see cref="MaxFileNameLength"/> are refused, the message naming which: such
    /// a name is never an accident, and a cleaned one would name a different file than the uploader sees.
    /// </summary>
    public static CheckedName Check(string? fileName)
    {
        var given = fileName ?? "";
        if (given.Trim().Length == 0)
        {
            return CheckedName.Refused("Choose a file to upload.");
        }

        var hidden = given.Where(IsRemoved).Distinct().Select(c => $"U+{(int)c:X4}").ToList();
        if (hidden.Count > 0)
        {
            return CheckedName.Refused("The file name contains control or direction-override characters ({0}), which can make it read as another name: rename the file.",
                string.Join(", ", hidden.Take(5)));
        }

        var parts = given.Split('/', '\\');
        if (parts.Any(p => p.Trim() == ".."))
        {
            return CheckedName.Refused("The file name '{0}' climbs out of its folder with '..': send the file under its own name.", CleanText(given));
        }

        var name = CleanText(parts[^1]);
        // "C:name.docx" (a drive-relative path) keeps only the name.
        if (name.Length > 2 && name[1] == ':' && char.IsAsciiLetter(name[0]))
        {
            name = name[2..];
        }

        // Trailing dots and spaces are dropped by Windows and make "x.docx." differ from "x.docx" only on screen.
        name = name.Trim().TrimEnd('.', ' ');
        if (name.Length == 0)
        {
            return CheckedName.Refused("The file name '{0}' has no name left once its folder parts are removed: rename the file.", CleanText(given));
        }

        if (name.Length > MaxFileNameLength)
        {
            return CheckedName.Refused("The file name is {0} characters long; the library keeps names of at most {1}: rename the file.", name.Length, MaxFileNameLength);
        }

        return new CheckedName(name, null, []);
    }

    /// <summary>The stored name for <paramref name="fileName"/>, or "" when <see cref="Check"/> refuses it.</summary>
    public static string CleanFileName(string? fileName) => Check(fileName).Name ?? "";

    /// <summary>
    /// <paramref name="text"/> without control characters (C0, DEL, C1), direction marks, embeddings, overrides and
    /// isolates, invisible spaces and operators, line and paragraph separators and byte-order marks, NFC-normalised and
    /// trimmed. Tabs and line breaks become spaces so words stay apart. The zero-width joiner and non-joiner stay:
    /// scripts of the region (Khmer, Myanmar, the Indic scripts) need them.
    /// </summary>
    public static string CleanText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r' or '\u2028' or '\u2029')
            {
                builder.Append(' ');
            }
            else if (!IsRemoved(c))
            {
                builder.Append(c);
            }
        }

        // Lone surrogates cannot be normalised (Normalize throws); they are not text, so they go too.
        var cleaned = RemoveLoneSurrogates(builder.ToString());
        if (!cleaned.IsNormalized(NormalizationForm.FormC))
        {
            cleaned = cleaned.Normalize(NormalizationForm.FormC);
        }

        return cleaned.Trim();
    }

    private static bool IsRemoved(char c) =>
        char.IsControl(c) // C0, DEL and C1
        || c is '\u200E' or '\u200F' or '\u061C' or '\uFEFF' // direction marks, byte-order mark
        || c is >= '\u202A' and <= '\u202E' // embeddings and overrides
        || c is >= '\u2066' and <= '\u2069' // isolates
        || c is >= '\u206A' and <= '\u206F' // deprecated shaping and swapping controls
        || c is '\u200B' or (>= '\u2060' and <= '\u2064') // invisible spaces and operators that hide within a name
        || c is >= '\uFFF9' and <= '\uFFFB'; // interlinear annotation

    private static string RemoveLoneSurrogates(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text[i]).Append(text[++i]);
            }
            else if (!char.IsSurrogate(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }
}

/// <summary>A checked file name: the name to store, or the message (a template for the localizer) saying why not.</summary>
public sealed record CheckedName(string? Name, string? Problem, object?[] ProblemArgs)
{
    public static CheckedName Refused(string problem, params object?[] args) => new(null, problem, args);
}

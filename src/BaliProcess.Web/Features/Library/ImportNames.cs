using System.Text;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// Cleans what a file brings in as a name before anything stores or shows it: the name a browser, an API client, a
/// command line or the seeds folder gives, and the titles derived from it or typed by an official. Control and
/// direction-override characters can make a stored name read differently from what it is ("report‮xcod.exe"),
/// break log lines and audit details, and path parts can name places outside the upload.
/// </summary>
public static class ImportNames
{
    /// <summary>The longest stored file name (most file systems allow 255).</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>
    /// The name to store for <paramref name="fileName"/>: without folder parts (either separator, any drive letter),
    /// without control or direction-override characters, NFC-normalised, trimmed and at most
    /// <see cref="MaxFileNameLength"/> characters with its extension kept. Empty when nothing usable is left.
    /// </summary>
    public static string CleanFileName(string? fileName)
    {
        // Characters first, so a control character cannot hide a separator or a "..".
        var text = CleanText(fileName);
        var lastSeparator = text.LastIndexOfAny(['/', '\\']);
        var name = text[(lastSeparator + 1)..];
        // "C:name.docx" (a drive-relative path) keeps only the name.
        if (name.Length > 2 && name[1] == ':' && char.IsAsciiLetter(name[0]))
        {
            name = name[2..];
        }

        // Trailing dots and spaces are dropped by Windows and make "x.docx." differ from "x.docx" only on screen.
        name = name.Trim().TrimEnd('.', ' ');
        if (name.Length == 0 || name.All(c => c == '.'))
        {
            return "";
        }

        if (name.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length is > 0 and <= 16 ? extension : "";
            var keep = MaxFileNameLength - extension.Length;
            // Never cut between the two halves of a character outside the BMP (an emoji, a CJK extension character).
            if (char.IsHighSurrogate(name[keep - 1]))
            {
                keep--;
            }

            name = name[..keep].TrimEnd() + extension;
        }

        return name;
    }

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

using System.Globalization;
using System.Text;

namespace BaliProcess.Documents;

/// <summary>
/// Guesses a BCP-47 language tag from the writing system: most Bali Process languages have their own script
/// (Thai, Khmer, Lao, Burmese, Sinhala, Dhivehi...). Latin text is told apart by Vietnamese letters and by the most
/// common function words of Indonesian/Malay and French; otherwise it is English. No letters gives "und".
/// </summary>
internal static class LanguageDetector
{
    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "as", "by", "was", "were", "are", "this", "be", "from",
    };

    private static readonly HashSet<string> IndonesianWords = new(StringComparer.Ordinal)
    {
        "yang", "dan", "di", "dengan", "untuk", "dari", "ini", "dalam", "pada", "adalah", "tidak", "akan", "oleh", "atau",
        "itu", "ke", "juga", "sebagai", "telah", "para", "bagi", "serta", "kepada", "tentang",
    };

    private static readonly HashSet<string> FrenchWords = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "des", "et", "est", "du", "une", "pour", "dans", "sur", "qui", "au", "aux",
    };

    public static string Detect(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "und";
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var latin = 0;
        var vietnamese = 0;
        var kana = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune) && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                continue;
            }

            var value = rune.Value;
            var script = ScriptOf(value);
            if (script is null)
            {
                continue;
            }

            if (script == "latin")
            {
                latin++;
                if (IsVietnameseLetter(value))
                {
                    vietnamese++;
                }

                continue;
            }

            if (script == "kana")
            {
                kana++;
                script = "ja";
            }

            counts[script] = counts.GetValueOrDefault(script) + 1;
        }

        var best = counts.Count == 0 ? default : counts.MaxBy(pair => pair.Value);
        if (best.Value > latin)
        {
            return best.Key switch
            {
                // Japanese mixes kanji with kana; Chinese has no kana.
                "zh" when kana > 0 => "ja",
                "ar" => ArabicScriptLanguage(text),
                _ => best.Key,
            };
        }

        if (latin == 0)
        {
            return "und";
        }

        if (vietnamese * 100 >= latin * 3)
        {
            return "vi";
        }

        return LatinLanguage(text);
    }

    private static string LatinLanguage(string text)
    {
        int english = 0, indonesian = 0, french = 0;
        var words = text.ToLowerInvariant().Split((char[])[' ', '\n', '\t', ',', '.', ';', ':', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words.Take(5000))
        {
            if (EnglishWords.Contains(word))
            {
                english++;
            }

            if (IndonesianWords.Contains(word))
            {
                indonesian++;
            }

            if (FrenchWords.Contains(word))
            {
                french++;
            }
        }

        if (indonesian >= 3 && indonesian > english && indonesian >= french)
        {
            return "id";
        }

        return french >= 3 && french > english ? "fr" : "en";
    }

    /// <summary>
    /// Arabic script serves Arabic, Persian/Dari, Urdu and Pashto among Bali Process members; each of the last three
    /// has letters the others lack.
    /// </summary>
    private static string ArabicScriptLanguage(string text)
    {
        int pashto = 0, urdu = 0, persian = 0;
        foreach (var c in text)
        {
            switch (c)
            {
                case '\u067C' or '\u0681' or '\u0685' or '\u0689' or '\u0693' or '\u0696' or '\u069A' or '\u06AB' or '\u06CD':
                    pashto++;
                    break;
                case '\u0679' or '\u0688' or '\u0691' or '\u06BA' or '\u06BE' or '\u06D2':
                    urdu++;
                    break;
                case '\u067E' or '\u0686' or '\u0698' or '\u06AF' or '\u06A9' or '\u06CC':
                    persian++;
                    break;
            }
        }

        if (pashto > 0 && pashto >= urdu)
        {
            return "ps";
        }

        if (urdu > 0)
        {
            return "ur";
        }

        return persian > 0 ? "fa" : "ar";
    }

    private static bool IsVietnameseLetter(int c) =>
        c is >= 0x1EA0 and <= 0x1EF9 || c is 0x0103 or 0x0102 or 0x0111 or 0x0110 or 0x01A1 or 0x01A0 or 0x01B0 or 0x01AF;

    private static string? ScriptOf(int c) => c switch
    {
        < 0x0250 or (>= 0x1E00 and <= 0x1EFF) => "latin",
        >= 0x0370 and <= 0x03FF => "el",
        >= 0x0400 and <= 0x04FF => "ru",
        >= 0x0600 and <= 0x06FF => "ar",
        >= 0x0780 and <= 0x07BF => "dv",
        >= 0x0900 and <= 0x097F => "hi",
        >= 0x0980 and <= 0x09FF => "bn",
        >= 0x0B80 and <= 0x0BFF => "ta",
        >= 0x0D80 and <= 0x0DFF => "si",
        >= 0x0E00 and <= 0x0E7F => "th",
        >= 0x0E80 and <= 0x0EFF => "lo",
        >= 0x0F00 and <= 0x0FFF => "dz",
        >= 0x1000 and <= 0x109F => "my",
        >= 0x1100 and <= 0x11FF => "ko",
        >= 0x1780 and <= 0x17FF or (>= 0x19E0 and <= 0x19FF) => "km",
        >= 0x1800 and <= 0x18AF => "mn",
        >= 0x3040 and <= 0x30FF => "kana",
        >= 0x3400 and <= 0x9FFF => "zh",
        >= 0xAC00 and <= 0xD7AF => "ko",
        _ => null,
    };
}

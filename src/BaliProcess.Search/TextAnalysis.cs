using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Miscellaneous;

namespace BaliProcess.Search;

/// <summary>
/// One tokenizer for indexing, querying and highlighting, so that all three agree.
/// Folding: compatibility decomposition (NFKD, which gives the same result as NFKC followed by
/// decomposition), combining marks dropped, lower case, then Lucene's ASCII folding.
/// Words of spaced scripts become one token each; runs of Thai, Lao, Khmer, Myanmar, Han and
/// kana become overlapping character bigrams (a run of one character becomes one unigram).
/// In those scripts vowel signs and tone marks are dropped too, because PDF extraction loses
/// or splits them; the consonant skeleton still makes discriminating bigrams.
/// </summary>
internal static class TextAnalysis
{
    public const int MaxWordLength = 100;

    private const byte Separator = 0;
    private const byte Word = 1;
    // Values of 2 and above are bigram scripts; a change of script ends a run.
    private const byte Thai = 2;
    private const byte Lao = 3;
    private const byte Khmer = 4;
    private const byte Myanmar = 5;
    private const byte Han = 6;
    private const byte Kana = 7;

    private static readonly string[] FoldTable = BuildFoldTable();
    private static readonly byte[] ClassTable = BuildClassTable();

    public static bool IsBigramScript(char c) => ClassTable[c] >= Thai;

    /// <summary>Tokenizes <paramref name="text"/> (at most <paramref name="maxChars"/> of it) into <paramref name="output"/>.</summary>
    public static void Tokenize(string text, TokenList output, int maxChars = int.MaxValue)
    {
        output.Clear();
        var state = new RunState(output);
        int length = Math.Min(text.Length, maxChars);
        int i = 0;
        while (i < length)
        {
            char c = text[i];
            if (c < 0x80)
            {
                if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
                {
                    state.Add(c, Word, i, i + 1);
                }
                else if (c is >= 'A' and <= 'Z')
                {
                    state.Add((char)(c + 32), Word, i, i + 1);
                }
                else
                {
                    state.Flush();
                }

                i++;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1]))
            {
                int cp = char.ConvertToUtf32(c, text[i + 1]);
                if (cp is >= 0x20000 and <= 0x3FFFF)
                {
                    state.AddPair(c, text[i + 1], Han, i, i + 2);
                }
                else if (Rune.IsLetterOrDigit(new Rune(cp)))
                {
                    state.AddPair(c, text[i + 1], Word, i, i + 2);
                }
                else
                {
                    state.Flush();
                }

                i += 2;
                continue;
            }

            string folded = FoldTable[c];
            if (folded.Length == 0)
            {
                // A dropped mark stays part of the run so a highlight covers it.
                state.ExtendLast(i + 1);
            }
            else
            {
                foreach (char f in folded)
                {
                    byte cls = ClassTable[f];
                    if (cls == Separator)
                    {
                        state.Flush();
                    }
                    else
                    {
                        state.Add(f, cls, i, i + 1);
                    }
                }
            }

            i++;
        }

        state.Flush();
    }

    private static string[] BuildFoldTable()
    {
        var table = new string[char.MaxValue + 1];
        var buffer = new char[16];
        var output = new char[64];
        var sb = new StringBuilder();
        for (int code = 0; code <= char.MaxValue; code++)
        {
            char c = (char)code;
            if (char.IsSurrogate(c))
            {
                table[code] = string.Empty;
                continue;
            }

            string decomposed;
            try
            {
                decomposed = c.ToString().Normalize(NormalizationForm.FormKD);
            }
            catch (ArgumentException)
            {
                decomposed = c.ToString();
            }

            sb.Clear();
            foreach (char d in decomposed)
            {
                var category = char.GetUnicodeCategory(d);
                switch (category)
                {
                    case UnicodeCategory.NonSpacingMark:
                    case UnicodeCategory.EnclosingMark:
                    case UnicodeCategory.Format:
                        continue;
                    case UnicodeCategory.SpacingCombiningMark when IsBigramBlock(d) != Separator:
                        continue;
                    case UnicodeCategory.DecimalDigitNumber:
                        int digit = (int)char.GetNumericValue(d);
                        sb.Append(digit is >= 0 and <= 9 ? (char)('0' + digit) : d);
                        continue;
                    default:
                        break;
                }

                char lower = char.ToLowerInvariant(d);
                if (lower < 0x80)
                {
                    sb.Append(lower);
                    continue;
                }

                buffer[0] = lower;
                int n = ASCIIFoldingFilter.FoldToASCII(buffer, 0, output, 0, 1);
                sb.Append(output, 0, n);
            }

            table[code] = sb.ToString();
        }

        return table;
    }

    private static byte IsBigramBlock(char c) => c switch
    {
        >= '\u0E00' and <= '\u0E7F' => Thai,
        >= '\u0E80' and <= '\u0EFF' => Lao,
        >= '\u1780' and <= '\u17FF' or >= '\u19E0' and <= '\u19FF' => Khmer,
        >= '\u1000' and <= '\u109F' or >= '\uA9E0' and <= '\uA9FF' or >= '\uAA60' and <= '\uAA7F' => Myanmar,
        >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' => Han,
        >= '\u3040' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' => Kana,
        _ => Separator,
    };

    private static byte[] BuildClassTable()
    {
        var table = new byte[char.MaxValue + 1];
        for (int code = 0; code <= char.MaxValue; code++)
        {
            char c = (char)code;
            byte script = IsBigramBlock(c);
            if (script != Separator)
            {
                // Punctuation and spaces inside those blocks still separate.
                table[code] = char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                    ? script
                    : Separator;
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            table[code] = char.IsLetterOrDigit(c)
                || category is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.NonSpacingMark or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                ? Word
                : Separator;
        }

        return table;
    }

    private struct RunState(TokenList output)
    {
        private readonly TokenList _output = output;
        private byte _class;
        // Word run
        private int _wordStart;
        private int _wordLength;
        private int _wordSourceStart;
        private int _wordSourceEnd;
        // Bigram run: units are characters (or surrogate pairs) with their source spans.
        private UnitBuffer _units;

        public void Add(char c, byte cls, int sourceStart, int sourceEnd)
        {
            if (cls != _class)
            {
                Flush();
                _class = cls;
            }

            if (cls == Word)
            {
                if (_wordLength == 0)
                {
                    _wordStart = _output.ReserveChars(MaxWordLength + 4);
                    _wordSourceStart = sourceStart;
                }

                if (_wordLength < MaxWordLength + 1)
                {
                    _output.Chars[_wordStart + _wordLength] = c;
                }

                _wordLength++;
                _wordSourceEnd = sourceEnd;
            }
            else
            {
                _units.Add(c, '\0', sourceStart, sourceEnd);
            }
        }

        public void AddPair(char high, char low, byte cls, int sourceStart, int sourceEnd)
        {
            if (cls == Word)
            {
                Add(high, cls, sourceStart, sourceEnd);
                Add(low, cls, sourceStart, sourceEnd);
                return;
            }

            if (cls != _class)
            {
                Flush();
                _class = cls;
            }

            _units.Add(high, low, sourceStart, sourceEnd);
        }

        public void ExtendLast(int sourceEnd)
        {
            if (_class == Word && _wordLength > 0)
            {
                _wordSourceEnd = sourceEnd;
            }
            else if (_class >= Thai && _units.Count > 0)
            {
                _units.SourceEnd[_units.Count - 1] = sourceEnd;
            }
        }

        public void Flush()
        {
            if (_class == Word && _wordLength > 0)
            {
                if (_wordLength <= MaxWordLength)
                {
                    _output.CommitReserved(_wordStart, _wordLength, _wordSourceStart, _wordSourceEnd);
                }
                else
                {
                    _output.ReleaseReserved(_wordStart);
                }

                _wordLength = 0;
            }
            else if (_class >= Thai && _units.Count > 0)
            {
                if (_units.Count == 1)
                {
                    _output.AddToken(_units.Span(0), default, _units.SourceStart[0], _units.SourceEnd[0]);
                }
                else
                {
                    for (int u = 0; u + 1 < _units.Count; u++)
                    {
                        _output.AddToken(_units.Span(u), _units.Span(u + 1), _units.SourceStart[u], _units.SourceEnd[u + 1]);
                    }
                }

                _units.Count = 0;
            }

            _class = Separator;
        }
    }

    private struct UnitBuffer
    {
        public char[] High;
        public char[] Low;
        public int[] SourceStart;
        public int[] SourceEnd;
        public int Count;

        public void Add(char high, char low, int sourceStart, int sourceEnd)
        {
            if (High is null)
            {
                High = new char[64];
                Low = new char[64];
                SourceStart = new int[64];
                SourceEnd = new int[64];
            }
            else if (Count == High.Length)
            {
                Array.Resize(ref High, Count * 2);
                Array.Resize(ref Low, Count * 2);
                Array.Resize(ref SourceStart, Count * 2);
                Array.Resize(ref SourceEnd, Count * 2);
            }

            High[Count] = high;
            Low[Count] = low;
            SourceStart[Count] = sourceStart;
            SourceEnd[Count] = sourceEnd;
            Count++;
        }

        public readonly Unit Span(int index) => new(High[index], Low[index]);
    }
}

internal readonly record struct Unit(char High, char Low)
{
    public int Length => High == '\0' ? 0 : Low == '\0' ? 1 : 2;
}

/// <summary>A reusable list of tokens: folded term text plus the span of source text it came from.</summary>
internal sealed class TokenList
{
    public char[] Chars = new char[1024];
    public int CharCount;
    public int[] TermStart = new int[128];
    public int[] TermLength = new int[128];
    public int[] SourceStart = new int[128];
    public int[] SourceEnd = new int[128];
    public int Count;

    public void Clear()
    {
        CharCount = 0;
        Count = 0;
    }

    public ReadOnlySpan<char> Term(int index) => Chars.AsSpan(TermStart[index], TermLength[index]);

    public string TermString(int index) => new(Chars, TermStart[index], TermLength[index]);

    public int ReserveChars(int length)
    {
        EnsureChars(length);
        return CharCount;
    }

    public void CommitReserved(int start, int length, int sourceStart, int sourceEnd)
    {
        CharCount = start + length;
        AddEntry(start, length, sourceStart, sourceEnd);
    }

    public void ReleaseReserved(int start) => CharCount = start;

    public void AddToken(Unit first, Unit second, int sourceStart, int sourceEnd)
    {
        EnsureChars(4);
        int start = CharCount;
        Append(first);
        Append(second);
        AddEntry(start, CharCount - start, sourceStart, sourceEnd);
    }

    /// <summary>Adds a token whose text is the concatenation of two existing tokens with a space between (a word pair).</summary>
    public void AddPair(TokenList source, int first, int second)
    {
        int a = source.TermLength[first];
        int b = source.TermLength[second];
        EnsureChars(a + b + 1);
        int start = CharCount;
        Array.Copy(source.Chars, source.TermStart[first], Chars, start, a);
        Chars[start + a] = ' ';
        Array.Copy(source.Chars, source.TermStart[second], Chars, start + a + 1, b);
        CharCount = start + a + b + 1;
        AddEntry(start, a + b + 1, source.SourceStart[first], source.SourceEnd[second]);
    }

    public void AddFrom(TokenList source, int index)
    {
        int length = source.TermLength[index];
        EnsureChars(length);
        int start = CharCount;
        Array.Copy(source.Chars, source.TermStart[index], Chars, start, length);
        CharCount += length;
        AddEntry(start, length, source.SourceStart[index], source.SourceEnd[index]);
    }

    private void Append(Unit unit)
    {
        if (unit.High == '\0')
        {
            return;
        }

        Chars[CharCount++] = unit.High;
        if (unit.Low != '\0')
        {
            Chars[CharCount++] = unit.Low;
        }
    }

    private void EnsureChars(int extra)
    {
        if (CharCount + extra > Chars.Length)
        {
            Array.Resize(ref Chars, Math.Max(Chars.Length * 2, CharCount + extra));
        }
    }

    private void AddEntry(int start, int length, int sourceStart, int sourceEnd)
    {
        if (Count == TermStart.Length)
        {
            int size = Count * 2;
            Array.Resize(ref TermStart, size);
            Array.Resize(ref TermLength, size);
            Array.Resize(ref SourceStart, size);
            Array.Resize(ref SourceEnd, size);
        }

        TermStart[Count] = start;
        TermLength[Count] = length;
        SourceStart[Count] = sourceStart;
        SourceEnd[Count] = sourceEnd;
        Count++;
    }
}

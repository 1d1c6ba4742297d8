using System.Text;

namespace BaliProcess.Search;

/// <summary>
/// Hand-made highlighting (Lucene.Net.Highlighter is not available): re-tokenizes the stored text with
/// the index tokenizer, finds the query's words and phrases, picks the window with the most distinct
/// matches and returns it HTML-escaped with &lt;mark&gt; around each match.
/// </summary>
internal sealed class SnippetBuilder
{
    public const int WindowChars = 220;
    public const int LeadChars = 40;

    /// <summary>Only this much of a long text is scanned for matches; beyond it the snippet shows the opening.</summary>
    public const int MaxScanChars = 100_000;

    private readonly List<Pattern> _patterns = [];
    private readonly HashSet<string> _firstTokens = new(StringComparer.Ordinal);
    private readonly TokenList _tokens = new();

    // Cheap necessary conditions checked before the hash lookup: a token can only start a match when its
    // first character and its length (capped at 63) are those of some first token.
    private readonly ulong[] _firstChars = new ulong[(char.MaxValue + 1) / 64];
    private ulong _lengths;

    public SnippetBuilder(IReadOnlyList<QueryClause> parsed, IReadOnlyList<QueryExecutor.ResolvedClause> resolved)
    {
        for (int i = 0; i < parsed.Count && i < resolved.Count; i++)
        {
            if (parsed[i].Kind == ClauseKind.Phrase)
            {
                _patterns.Add(new Pattern(i, parsed[i].Tokens, null));
                _firstTokens.Add(parsed[i].Tokens[0]);
            }
            else
            {
                var set = new HashSet<string>(resolved[i].HighlightTerms, StringComparer.Ordinal);
                _patterns.Add(new Pattern(i, null, set));
                _firstTokens.UnionWith(set);
            }
        }

        foreach (string token in _firstTokens)
        {
            if (token.Length > 0)
            {
                _firstChars[token[0] >> 6] |= 1UL << token[0];
                _lengths |= 1UL << Math.Min(token.Length, 63);
            }
        }
    }

    /// <param name="text">The text, or its first <see cref="HitRecord.TextChars"/> characters.</param>
    /// <param name="truncated">True when <paramref name="text"/> is the opening of a longer text.</param>
    public string Build(string text, bool truncated = false)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        TokenList tokens = _tokens;
        TextAnalysis.Tokenize(text, tokens, MaxScanChars);
        var lookup = _firstTokens.GetAlternateLookup<ReadOnlySpan<char>>();
        var matches = new List<(int Start, int End, int Clause)>();
        for (int t = 0; t < tokens.Count && matches.Count < 1000; t++)
        {
            int termLength = tokens.TermLength[t];
            char first = tokens.Chars[tokens.TermStart[t]];
            if ((_lengths & (1UL << Math.Min(termLength, 63))) == 0 || (_firstChars[first >> 6] & (1UL << first)) == 0)
            {
                continue;
            }

            if (!lookup.Contains(tokens.Term(t)))
            {
                continue;
            }

            foreach (Pattern pattern in _patterns)
            {
                int length = pattern.MatchAt(tokens, t);
                if (length > 0)
                {
                    matches.Add((tokens.SourceStart[t], tokens.SourceEnd[t + length - 1], pattern.Clause));
                }
            }
        }

        int windowStart = 0;
        if (matches.Count > 0)
        {
            int bestScore = -1;
            // Matches are in text order: for each anchor, count the matches that fit in the window after it.
            for (int a = 0; a < matches.Count; a++)
            {
                var anchor = matches[a];
                int to = anchor.Start + WindowChars - LeadChars;
                int clauses = 0;
                int total = 0;
                for (int m = a; m < matches.Count && matches[m].Start < to; m++)
                {
                    if (matches[m].End <= to)
                    {
                        clauses |= 1 << (matches[m].Clause & 31);
                        total++;
                    }
                }

                int score = (System.Numerics.BitOperations.PopCount((uint)clauses) * 1000) + total;
                if (score > bestScore)
                {
                    bestScore = score;
                    windowStart = Math.Max(0, anchor.Start - LeadChars);
                }
            }
        }

        int windowEnd = Math.Min(text.Length, windowStart + WindowChars);
        windowStart = AdjustStart(text, windowStart);
        windowEnd = AdjustEnd(text, windowEnd);

        // Merge overlapping spans (bigram matches overlap) inside the window.
        var spans = matches
            .Where(m => m.Start >= windowStart && m.End <= windowEnd)
            .Select(m => (m.Start, m.End))
            .OrderBy(m => m.Start)
            .ToList();
        var merged = new List<(int Start, int End)>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        var sb = new StringBuilder(WindowChars + 64);
        if (windowStart > 0)
        {
            sb.Append('…');
        }

        int position = windowStart;
        foreach (var (start, end) in merged)
        {
            AppendEscaped(sb, text, position, start);
            sb.Append("<mark>");
            AppendEscaped(sb, text, start, end);
            sb.Append("</mark>");
            position = end;
        }

        AppendEscaped(sb, text, position, windowEnd);
        if (windowEnd < text.Length || truncated)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }

    /// <summary>Moves the start forward to a word boundary, unless that would skip too far (space-less scripts).</summary>
    private static int AdjustStart(string text, int start)
    {
        if (start == 0 || char.IsWhiteSpace(text[start - 1]))
        {
            return SkipSurrogateMiddle(text, start);
        }

        for (int i = start; i < text.Length && i < start + 20; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i + 1;
            }
        }

        return SkipSurrogateMiddle(text, start);
    }

    private static int AdjustEnd(string text, int end)
    {
        if (end >= text.Length)
        {
            return text.Length;
        }

        for (int i = end; i > 0 && i > end - 20; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return SkipSurrogateMiddle(text, end);
    }

    private static int SkipSurrogateMiddle(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index + 1 : index;

    private static void AppendEscaped(StringBuilder sb, string text, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '"':
                    sb.Append("&quot;");
                    break;
                case '\'':
                    sb.Append("&#39;");
                    break;
                case '\r':
                case '\n':
                case '\t':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
    }

    private sealed record Pattern(int Clause, string[]? Sequence, HashSet<string>? Terms)
    {
        /// <summary>Number of tokens matched at <paramref name="index"/>, or 0.</summary>
        public int MatchAt(TokenList tokens, int index)
        {
            if (Terms is not null)
            {
                return Terms.GetAlternateLookup<ReadOnlySpan<char>>().Contains(tokens.Term(index)) ? 1 : 0;
            }

            string[] sequence = Sequence!;
            if (index + sequence.Length > tokens.Count)
            {
                return 0;
            }

            for (int k = 0; k < sequence.Length; k++)
            {
                if (!tokens.Term(index + k).SequenceEqual(sequence[k]))
                {
                    return 0;
                }
            }

            return sequence.Length;
        }
    }
}

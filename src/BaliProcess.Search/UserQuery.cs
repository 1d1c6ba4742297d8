namespace BaliProcess.Search;

internal enum ClauseKind
{
    /// <summary>One token.</summary>
    Term,

    /// <summary>Two or more tokens in order: a quoted phrase, a word joined by punctuation, or a word of a space-less script.</summary>
    Phrase,

    /// <summary>Every token that starts with the given text.</summary>
    Prefix,
}

internal sealed record QueryClause(ClauseKind Kind, string[] Tokens, bool FuzzyEligible)
{
    public string Key { get; } = Kind + ":" + string.Join(' ', Tokens);
}

internal sealed record ParsedQuery(IReadOnlyList<QueryClause> Clauses, string? Error)
{
    public bool IsBlank => Clauses.Count == 0 && Error is null;
}

/// <summary>
/// The user query language: plain words are all required; "quoted text" is an exact phrase; a word
/// ending in * matches every word starting with it (two letters at least). Other punctuation only separates words.
/// </summary>
internal static class UserQueryParser
{
    public const int MaxQueryLength = 1000;
    public const int MaxClauses = 16;
    public const int MinPrefixLength = 2;
    public const int FuzzyMinLength = 5;

    public static ParsedQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ParsedQuery([], null);
        }

        if (text.Length > MaxQueryLength)
        {
            return Fail($"The search text is too long: use at most {MaxQueryLength} characters.");
        }

        int quotes = text.Count(c => c is '"' or '\u201C' or '\u201D');
        if (quotes % 2 != 0)
        {
            return Fail("A quotation mark is not closed: put a second \" after the exact phrase, or remove the first one.");
        }

        var clauses = new List<QueryClause>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new TokenList();
        bool inQuotes = false;
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            bool end = i == text.Length;
            char c = end ? ' ' : text[i];
            if (c is '"' or '\u201C' or '\u201D')
            {
                string? error = inQuotes
                    ? AddPhrase(text[start..i], tokens, clauses, keys)
                    : AddWords(text[start..i], tokens, clauses, keys);
                if (error is not null)
                {
                    return Fail(error);
                }

                inQuotes = !inQuotes;
                start = i + 1;
            }
            else if (end)
            {
                string? error = AddWords(text[start..i], tokens, clauses, keys);
                if (error is not null)
                {
                    return Fail(error);
                }
            }
        }

        if (clauses.Count > MaxClauses)
        {
            return Fail($"Too many words: use at most {MaxClauses} words or phrases.");
        }

        if (clauses.Count == 0)
        {
            return Fail("The search text has no letters or digits to look for.");
        }

        return new ParsedQuery(clauses, null);
    }

    private static ParsedQuery Fail(string message) => new([], message);

    private static string? AddPhrase(string phrase, TokenList tokens, List<QueryClause> clauses, HashSet<string> keys)
    {
        TextAnalysis.Tokenize(phrase, tokens);
        if (tokens.Count == 0)
        {
            return null;
        }

        Add(FromTokens(tokens, fuzzyEligible: false), clauses, keys);
        return null;
    }

    private static string? AddWords(string segment, TokenList tokens, List<QueryClause> clauses, HashSet<string> keys)
    {
        foreach (string word in segment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            string trimmed = word.TrimEnd('*', '\uFF0A');
            bool prefix = trimmed.Length < word.Length;
            TextAnalysis.Tokenize(trimmed, tokens);
            if (tokens.Count == 0)
            {
                if (prefix)
                {
                    return $"Type at least {MinPrefixLength} letters before the * in \"{word}\".";
                }

                continue;
            }

            if (prefix && tokens.Count == 1 && !IsBigramToken(tokens.Term(0)))
            {
                string stem = tokens.TermString(0);
                if (stem.Length < MinPrefixLength)
                {
                    return $"Type at least {MinPrefixLength} letters before the * in \"{word}\".";
                }

                Add(new QueryClause(ClauseKind.Prefix, [stem], false), clauses, keys);
                continue;
            }

            // A plain word: space-less scripts and words joined by punctuation become phrases of their tokens;
            // a prefix star on them adds nothing, because space-less scripts already match inside words.
            bool fuzzy = !prefix && tokens.Count == 1 && IsFuzzyCandidate(tokens.Term(0));
            Add(FromTokens(tokens, fuzzy), clauses, keys);
        }

        return null;
    }

    private static QueryClause FromTokens(TokenList tokens, bool fuzzyEligible)
    {
        if (tokens.Count == 1)
        {
            ReadOnlySpan<char> term = tokens.Term(0);
            // A single character of a space-less script is indexed inside bigrams: match those that start with it.
            if (IsBigramToken(term) && (term.Length == 1 || (term.Length == 2 && char.IsHighSurrogate(term[0]))))
            {
                return new QueryClause(ClauseKind.Prefix, [tokens.TermString(0)], false);
            }

            return new QueryClause(ClauseKind.Term, [tokens.TermString(0)], fuzzyEligible);
        }

        var list = new string[tokens.Count];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = tokens.TermString(i);
        }

        return new QueryClause(ClauseKind.Phrase, list, false);
    }

    private static void Add(QueryClause clause, List<QueryClause> clauses, HashSet<string> keys)
    {
        if (keys.Add(clause.Key))
        {
            clauses.Add(clause);
        }
    }

    private static bool IsBigramToken(ReadOnlySpan<char> term) =>
        term.Length > 0 && (TextAnalysis.IsBigramScript(term[0]) || char.IsHighSurrogate(term[0]));

    private static bool IsFuzzyCandidate(ReadOnlySpan<char> term)
    {
        if (term.Length < FuzzyMinLength || IsBigramToken(term))
        {
            return false;
        }

        foreach (char c in term)
        {
            if (char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

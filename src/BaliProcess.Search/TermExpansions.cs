using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace BaliProcess.Search;

/// <summary>
/// The words a prefix or a typo stands for. Both limits (<see cref="QueryExecutor.MaxPrefixExpansions"/>,
/// <see cref="QueryExecutor.MaxFuzzyExpansions"/>) count only words of the ranking population (<see cref="RankingPopulation"/>),
/// so that words found only in documents some viewers cannot see never make anyone's prefix fail or push a word out of
/// anyone's typo expansions. Those words are still expanded to (without a limit): they only find documents a viewer may see
/// through the visibility set, and they change no score of a population document (their population frequency is zero).
/// Remembered per reader.
/// </summary>
internal static class TermExpansions
{
    private const int MaxCachedPerReader = 10_000;

    /// <summary>All indexed words starting with <paramref name="prefix"/>, or null when more than the limit occur in the population.</summary>
    public static string[]? Prefix(IndexReader reader, ReaderState state, string prefix)
    {
        if (state.PrefixExpansions.Count > MaxCachedPerReader)
        {
            state.PrefixExpansions.Clear();
        }

        return state.PrefixExpansions.GetOrAdd(prefix, p =>
        {
            Terms? terms = MultiFields.GetTerms(reader, IndexSchema.All);
            if (terms is null)
            {
                return [];
            }

            var prefixBytes = new BytesRef(p);
            TermsEnum termsEnum = terms.GetEnumerator();
            if (termsEnum.SeekCeil(prefixBytes) == TermsEnum.SeekStatus.END)
            {
                return [];
            }

            RankingPopulation.TermChecker population = state.Population.Checker(IndexSchema.All);
            var result = new List<string>();
            int inPopulation = 0;
            do
            {
                BytesRef term = termsEnum.Term;
                if (!StringHelper.StartsWith(term, prefixBytes))
                {
                    break;
                }

                if (population.Holds(term) && ++inPopulation > QueryExecutor.MaxPrefixExpansions)
                {
                    return null;
                }

                result.Add(term.Utf8ToString());
            }
            while (termsEnum.MoveNext());

            return [.. result];
        });
    }

    /// <summary>
    /// Words within one edit (two for nine letters or more) of a word that found nothing visible, keeping
    /// its first letter (typos rarely hit it, and it keeps the scan of the term dictionary short): the closest
    /// population words up to the limit (ties in the word's order), and every other word in that distance.
    /// </summary>
    public static string[] Fuzzy(IndexReader reader, ReaderState state, string term)
    {
        if (state.FuzzyExpansions.Count > MaxCachedPerReader)
        {
            state.FuzzyExpansions.Clear();
        }

        return state.FuzzyExpansions.GetOrAdd(term, t =>
        {
            Terms? terms = MultiFields.GetTerms(reader, IndexSchema.All);
            if (terms is null)
            {
                return [];
            }

            int edits = t.Length >= 9 ? 2 : 1;
            var fuzzy = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(IndexSchema.All, t), edits, QueryExecutor.FuzzyPrefixLength, transpositions: true);
            IBoostAttribute boost = fuzzy.Attributes.AddAttribute<IBoostAttribute>();
            RankingPopulation.TermChecker population = state.Population.Checker(IndexSchema.All);
            var inPopulation = new List<(string Word, float Boost)>();
            var others = new List<string>();
            while (fuzzy.MoveNext())
            {
                string word = fuzzy.Term.Utf8ToString();
                if (word == t)
                {
                    continue;
                }

                if (population.Holds(fuzzy.Term))
                {
                    inPopulation.Add((word, boost.Boost));
                }
                else
                {
                    others.Add(word);
                }
            }

            return inPopulation
                .OrderByDescending(c => c.Boost)
                .ThenBy(c => c.Word, StringComparer.Ordinal)
                .Take(QueryExecutor.MaxFuzzyExpansions)
                .Select(c => c.Word)
                .Concat(others)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
        });
    }
}

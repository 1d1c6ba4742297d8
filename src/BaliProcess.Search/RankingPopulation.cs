using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace BaliProcess.Search;

/// <summary>
/// The documents BM25's collection statistics are taken from: the live documents holding one of
/// <see cref="SearchIndexOptions.RankingTokens"/>, the tokens every viewer holds (the platform's "public").
/// </summary>
/// <remarks>
/// Ranking used to count every document of the index: a record only its owner may read then changed the document
/// frequencies, document count and average lengths behind everyone else's scores, and so the order of their hits (a
/// side channel on what others hold). Taking the statistics from the documents everybody may see instead of from each
/// viewer's own visible set keeps one set of statistics per reader, so per-term frequencies, BM25 tables and the
/// threshold algorithm's best-document lists stay shared by all viewers. A restricted document is scored with the
/// same public statistics (a word no public document holds counts as the rarest).
/// Deleted documents are left out, so that merges, which only purge deleted documents, never move a score.
/// </remarks>
internal sealed class RankingPopulation
{
    private const int MaxCachedDocFreqs = 100_000;

    private static readonly ConditionalWeakTable<object, CorePopulation> Cores = new();

    private readonly ConcurrentDictionary<string, long> _docFreqs = new(StringComparer.Ordinal);

    public RankingPopulation(IReadOnlyList<AtomicReaderContext> leaves, ulong[]?[] liveBits, string[] tokens)
    {
        Leaves = leaves.ToArray();
        Bits = new ulong[]?[Leaves.Length];
        long allLength = 0;
        long titleLength = 0;
        for (int i = 0; i < Leaves.Length; i++)
        {
            AtomicReader reader = Leaves[i].AtomicReader;
            CorePopulation core = CoreOf(reader, tokens);
            if (core.Count == 0)
            {
                continue;
            }

            if (liveBits[i] is not { } live)
            {
                Bits[i] = core.Bits;
                Count += core.Count;
                allLength += core.AllLength;
                titleLength += core.TitleLength;
                continue;
            }

            // Deletions differ between readers of one core: intersect, and subtract the lengths of deleted members.
            int words = DocSet.WordCount(reader.MaxDoc);
            var bits = new ulong[words];
            NumericDocValues? lengths = reader.GetNumericDocValues(IndexSchema.Lengths);
            long count = 0;
            long all = core.AllLength;
            long title = core.TitleLength;
            for (int w = 0; w < words; w++)
            {
                bits[w] = core.Bits![w] & live[w];
                count += System.Numerics.BitOperations.PopCount(bits[w]);
                ulong deleted = core.Bits[w] & ~live[w];
                while (deleted != 0 && lengths is not null)
                {
                    long packed = lengths.Get((w << 6) + System.Numerics.BitOperations.TrailingZeroCount(deleted));
                    all -= packed >>> 32;
                    title -= packed & 0xFFFF_FFFF;
                    deleted &= deleted - 1;
                }
            }

            Bits[i] = count == 0 ? null : bits;
            Count += count;
            allLength += all;
            titleLength += title;
        }

        // With no population document there is no average: lengths are then compared with a length of one token.
        AverageAllLength = Count == 0 || allLength <= 0 ? 1f : (float)allLength / Count;
        AverageTitleLength = Count == 0 || titleLength <= 0 ? 1f : (float)titleLength / Count;
    }

    public AtomicReaderContext[] Leaves { get; }

    /// <summary>Population per segment as bits; null where the segment holds none.</summary>
    public ulong[]?[] Bits { get; }

    public long Count { get; }

    public float AverageAllLength { get; }

    public float AverageTitleLength { get; }

    /// <summary>Lucene's BM25 inverse document frequency over the population.</summary>
    public float Idf(long docFreq) => (float)Math.Log(1 + ((Count - docFreq + 0.5D) / (docFreq + 0.5D)));

    /// <summary>Population documents in the per-segment sets; remembered on this reader by <paramref name="key"/> (field and term, or clause).</summary>
    public long DocFreq(string key, DocSet[] sets)
    {
        if (_docFreqs.TryGetValue(key, out long known))
        {
            return known;
        }

        long df = 0;
        for (int i = 0; i < sets.Length; i++)
        {
            if (Bits[i] is { } bits)
            {
                df += CountIn(sets[i], bits);
            }
        }

        if (_docFreqs.Count > MaxCachedDocFreqs)
        {
            _docFreqs.Clear();
        }

        _docFreqs[key] = df;
        return df;
    }

    /// <summary>Answers, for terms of one field asked in increasing order, whether a population document holds them.</summary>
    public TermChecker Checker(string field) => new(this, field);

    private static int CountIn(DocSet set, ulong[] bits)
    {
        if (set.Count == 0)
        {
            return 0;
        }

        if (set.Bits is not null)
        {
            return DocSet.AndPopCount(set.Bits.AsSpan(0, bits.Length), bits);
        }

        int count = 0;
        for (int k = 0; k < set.Count; k++)
        {
            int doc = set.Docs![k];
            if ((bits[doc >> 6] & (1UL << doc)) != 0)
            {
                count++;
            }
        }

        return count;
    }

    private static CorePopulation CoreOf(AtomicReader reader, string[] tokens)
    {
        CorePopulation core = Cores.GetValue(reader.CoreCacheKey, _ => CorePopulation.Build(reader, tokens));
        // Ranking tokens are one index's option; a core read with others (never, in practice) is not cached.
        return core.Tokens.SequenceEqual(tokens, StringComparer.Ordinal) ? core : CorePopulation.Build(reader, tokens);
    }

    /// <summary>The population of one segment core, deletions not applied: built once per segment.</summary>
    private sealed record CorePopulation(string[] Tokens, ulong[]? Bits, long Count, long AllLength, long TitleLength)
    {
        public static CorePopulation Build(AtomicReader reader, string[] tokens)
        {
            DocSet set = DocSet.Union(reader, IndexSchema.Acl, tokens, withTf: false);
            if (set.Count == 0)
            {
                return new CorePopulation(tokens, null, 0, 0, 0);
            }

            int maxDoc = reader.MaxDoc;
            var bits = new ulong[DocSet.WordCount(maxDoc)];
            NumericDocValues? lengths = reader.GetNumericDocValues(IndexSchema.Lengths);
            long all = 0;
            long title = 0;
            void Add(int doc)
            {
                bits[doc >> 6] |= 1UL << doc;
                long packed = lengths?.Get(doc) ?? 0;
                all += packed >>> 32;
                title += packed & 0xFFFF_FFFF;
            }

            if (set.Bits is null)
            {
                for (int k = 0; k < set.Count; k++)
                {
                    Add(set.Docs![k]);
                }
            }
            else
            {
                for (int doc = 0; doc < maxDoc; doc++)
                {
                    if ((set.Bits[doc >> 6] & (1UL << doc)) != 0)
                    {
                        Add(doc);
                    }
                }
            }

            return new CorePopulation(tokens, bits, set.Count, all, title);
        }
    }

    /// <summary>Per segment term enumerators, reused while terms come in increasing order.</summary>
    internal sealed class TermChecker(RankingPopulation population, string field)
    {
        private readonly TermsEnum?[] _enums = new TermsEnum?[population.Leaves.Length];
        private readonly DocsEnum?[] _docs = new DocsEnum?[population.Leaves.Length];

        public bool Holds(BytesRef term)
        {
            for (int i = 0; i < _enums.Length; i++)
            {
                if (population.Bits[i] is not { } bits)
                {
                    continue;
                }

                TermsEnum? termsEnum = _enums[i] ??= population.Leaves[i].AtomicReader.GetTerms(field)?.GetEnumerator();
                if (termsEnum is null || !termsEnum.SeekExact(term))
                {
                    continue;
                }

                _docs[i] = termsEnum.Docs(new BitsOf(bits, population.Leaves[i].AtomicReader.MaxDoc), _docs[i], DocsFlags.NONE);
                if (_docs[i]!.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class BitsOf(ulong[] bits, int length) : IBits
    {
        public int Length => length;

        public bool Get(int index) => (bits[index >> 6] & (1UL << index)) != 0;
    }
}

using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace BaliProcess.Search;

/// <summary>Per segment core data that lives as long as the segment: norms, dates and facet sets.</summary>
/// <remarks>
/// Built in full from the reader that first asks for it. It is cached by the segment's core, which later readers
/// of the same segment share (after deletions, for example) while the first reader may already be closed, so
/// nothing here may read from a reader lazily.
/// </remarks>
internal sealed class SegmentState
{
    private static readonly ConditionalWeakTable<object, SegmentState> States = new();

    private readonly FacetField[] _facets;

    private SegmentState(AtomicReader reader)
    {
        MaxDoc = reader.MaxDoc;
        AllNorms = ReadNorms(reader, IndexSchema.All);
        TitleNorms = ReadNorms(reader, IndexSchema.TitleTerms);
        Days = ReadDays(reader);
        TieKeys = ReadTieKeys(reader);
        _facets = IndexSchema.FacetFields.Select(f => FacetField.Build(reader, f)).ToArray();
    }

    public int MaxDoc { get; }

    public byte[] AllNorms { get; }

    public byte[] TitleNorms { get; }

    public int[] Days { get; }

    /// <summary>Per document, <see cref="IndexSchema.TieKeyOf"/> of its id: the last tie-break, stable across merges and re-indexing.</summary>
    public long[] TieKeys { get; }

    public FacetField Facet(int index) => _facets[index];

    public static SegmentState For(AtomicReader reader) =>
        States.GetValue(reader.CoreCacheKey, _ => new SegmentState(reader));

    private static byte[] ReadNorms(AtomicReader reader, string field)
    {
        var norms = new byte[reader.MaxDoc];
        NumericDocValues? values = reader.GetNormValues(field);
        if (values is not null)
        {
            for (int doc = 0; doc < norms.Length; doc++)
            {
                norms[doc] = (byte)values.Get(doc);
            }
        }

        return norms;
    }

    private static int[] ReadDays(AtomicReader reader)
    {
        var days = new int[reader.MaxDoc];
        NumericDocValues? values = reader.GetNumericDocValues(IndexSchema.DateDays);
        if (values is not null)
        {
            for (int doc = 0; doc < days.Length; doc++)
            {
                days[doc] = (int)values.Get(doc);
            }
        }

        return days;
    }

    private static long[] ReadTieKeys(AtomicReader reader)
    {
        var keys = new long[reader.MaxDoc];
        NumericDocValues? values = reader.GetNumericDocValues(IndexSchema.TieKey);
        if (values is not null)
        {
            for (int doc = 0; doc < keys.Length; doc++)
            {
                keys[doc] = values.Get(doc);
            }
        }

        return keys;
    }
}

/// <summary>One facet field of one segment: a document set per value and, per document, its value ordinals.</summary>
internal sealed class FacetField
{
    /// <summary>
    /// A value holding at least maxDoc / this many documents also gets a bitset for counting against large
    /// results: a vectorised AND + popcount over maxDoc / 64 words is then cheaper than testing each listed document.
    /// </summary>
    public const int CountBitsDivisor = 256;

    private FacetField(string[] values, DocSet[] sets, int[] offsets, int[] ordinals, int maxDoc)
    {
        Values = values;
        Sets = sets;
        CountBits = new ulong[]?[sets.Length];
        for (int ord = 0; ord < sets.Length; ord++)
        {
            DocSet set = sets[ord];
            if (set.Bits is not null)
            {
                CountBits[ord] = set.Bits;
            }
            else if (set.Docs is not null && (long)set.Count * CountBitsDivisor >= maxDoc)
            {
                var bits = new ulong[DocSet.WordCount(maxDoc)];
                for (int k = 0; k < set.Count; k++)
                {
                    int doc = set.Docs[k];
                    bits[doc >> 6] |= 1UL << doc;
                }

                CountBits[ord] = bits;
            }
        }

        Offsets = offsets;
        Ordinals = ordinals;
        Index = new Dictionary<string, int>(values.Length, StringComparer.Ordinal);
        for (int i = 0; i < values.Length; i++)
        {
            Index[values[i]] = i;
        }
    }

    public string[] Values { get; }

    public DocSet[] Sets { get; }

    /// <summary>Per value, a bitset to count against large results (null for rare values: their documents are tested one by one).</summary>
    public ulong[]?[] CountBits { get; }

    /// <summary>Ordinals of document d are Ordinals[Offsets[d]..Offsets[d + 1]].</summary>
    public int[] Offsets { get; }

    public int[] Ordinals { get; }

    public Dictionary<string, int> Index { get; }

    public DocSet SetOf(string value) => Index.TryGetValue(value, out int ord) ? Sets[ord] : DocSet.Empty;

    public static FacetField Build(AtomicReader reader, string field)
    {
        int maxDoc = reader.MaxDoc;
        var values = new List<string>();
        var sets = new List<DocSet>();
        Terms? terms = reader.GetTerms(field);
        if (terms is not null)
        {
            TermsEnum termsEnum = terms.GetEnumerator();
            DocsEnum? reuse = null;
            while (termsEnum.MoveNext())
            {
                values.Add(termsEnum.Term.Utf8ToString());
                var builder = new DocSet.Builder(maxDoc, termsEnum.DocFreq, withTf: false);
                reuse = termsEnum.Docs(null, reuse, DocsFlags.NONE);
                int doc;
                while ((doc = reuse.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    builder.Add(doc, 1);
                }

                sets.Add(builder.Build());
            }
        }

        // Per-document ordinals, for counting small result sets document by document.
        var offsets = new int[maxDoc + 1];
        for (int ord = 0; ord < sets.Count; ord++)
        {
            ForEach(sets[ord], maxDoc, doc => offsets[doc + 1]++);
        }

        for (int doc = 0; doc < maxDoc; doc++)
        {
            offsets[doc + 1] += offsets[doc];
        }

        var ordinals = new int[offsets[maxDoc]];
        var fill = (int[])offsets.Clone();
        for (int ord = 0; ord < sets.Count; ord++)
        {
            int o = ord;
            ForEach(sets[ord], maxDoc, doc => ordinals[fill[doc]++] = o);
        }

        return new FacetField([.. values], [.. sets], offsets, ordinals, maxDoc);
    }

    private static void ForEach(DocSet set, int maxDoc, Action<int> action)
    {
        if (set.Docs is not null)
        {
            for (int i = 0; i < set.Count; i++)
            {
                action(set.Docs[i]);
            }

            return;
        }

        if (set.Bits is not null)
        {
            for (int doc = 0; doc < maxDoc; doc++)
            {
                if ((set.Bits[doc >> 6] & (1UL << doc)) != 0)
                {
                    action(doc);
                }
            }
        }
    }
}

/// <summary>Per reader (point-in-time view) data: live documents as bits, the ranking population and BM25 tables from its statistics.</summary>
internal sealed class ReaderState
{
    public const float K1 = 1.2f;
    public const float B = 0.75f;

    private static readonly ConditionalWeakTable<IndexReader, ReaderState> States = new();
    private static readonly NormDecoder Decoder = new();

    private ReaderState(IndexReader reader, string[] rankingTokens)
    {
        Leaves = reader.Leaves.ToArray();
        Segments = Leaves.Select(l => SegmentState.For(l.AtomicReader)).ToArray();
        LiveBits = Leaves.Select(l => ToBits(l.AtomicReader)).ToArray();
        Population = new RankingPopulation(Leaves, LiveBits, rankingTokens);
        AllTable = BuildTable(Population.AverageAllLength);
        TitleTable = BuildTable(Population.AverageTitleLength);
    }

    public AtomicReaderContext[] Leaves { get; }

    public SegmentState[] Segments { get; }

    /// <summary>Live documents per segment; null when the segment has no deletions.</summary>
    public ulong[]?[] LiveBits { get; }

    /// <summary>The documents whose statistics rank every viewer's hits.</summary>
    public RankingPopulation Population { get; }

    /// <summary>BM25 term-frequency part, indexed by (tf &lt;&lt; 8) | normByte, for the body field.</summary>
    public float[] AllTable { get; }

    public float[] TitleTable { get; }

    /// <summary>Per clause key, each segment's best documents by that clause's score (they depend on this reader's statistics).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<QueryExecutor.TopList?[]>> TopLists { get; } = new(StringComparer.Ordinal);

    /// <summary>Typo expansions already computed on this reader, by word.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string[]> FuzzyExpansions { get; } = new(StringComparer.Ordinal);

    /// <summary>Prefix expansions already computed on this reader, by prefix (null: too many).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string[]?> PrefixExpansions { get; } = new(StringComparer.Ordinal);

    /// <summary>The reader's state; <paramref name="rankingTokens"/> are the index's <see cref="SearchIndexOptions.RankingTokens"/>, the same on every call.</summary>
    public static ReaderState For(IndexReader reader, string[] rankingTokens) => States.GetValue(reader, r => new ReaderState(r, rankingTokens));

    private static ulong[]? ToBits(AtomicReader reader)
    {
        IBits? live = reader.LiveDocs;
        if (live is null)
        {
            return null;
        }

        var bits = new ulong[DocSet.WordCount(reader.MaxDoc)];
        for (int doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live.Get(doc))
            {
                bits[doc >> 6] |= 1UL << doc;
            }
        }

        return bits;
    }

    private static float[] BuildTable(float avgdl)
    {
        var table = new float[256 * 256];
        for (int norm = 0; norm < 256; norm++)
        {
            float length = Decoder.Length((byte)norm);
            float lengthPart = K1 * ((1 - B) + (B * length / avgdl));
            for (int tf = 1; tf < 256; tf++)
            {
                table[(tf << 8) | norm] = tf * (K1 + 1) / (tf + lengthPart);
            }
        }

        return table;
    }

    /// <summary>Exposes BM25's norm decoding so that scores follow Lucene's own length quantisation.</summary>
    private sealed class NormDecoder : BM25Similarity
    {
        public float Length(byte norm) => DecodeNormValue(norm);
    }
}

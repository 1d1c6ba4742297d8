using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace BaliProcess.Search;

/// <summary>
/// The documents of one segment that hold a term (or pass a filter), as a bitset when the set is
/// dense and as a sorted list when it is sparse, optionally with each document's term frequency.
/// Immutable once built, so concurrent searches share cached instances.
/// </summary>
internal sealed class DocSet
{
    /// <summary>Sets with at least maxDoc/32 documents keep a bitset: a bitset is then no larger than a list.</summary>
    public const int DenseBitsDivisor = 32;

    /// <summary>Sets with at least maxDoc/5 documents keep one frequency byte per document instead of (doc, freq) lists.</summary>
    public const int DenseTfDivisor = 5;

    public static readonly DocSet Empty = new(0, null, null, null, null, rented: false);

    public DocSet(int count, ulong[]? bits, int[]? docs, byte[]? sparseTf, byte[]? denseTf, bool rented)
    {
        Count = count;
        Bits = bits;
        Docs = docs;
        SparseTf = sparseTf;
        DenseTf = denseTf;
        Rented = rented;
    }

    public int Count { get; }

    /// <summary>One bit per document; present for dense sets. May be longer than needed when rented.</summary>
    public ulong[]? Bits { get; }

    /// <summary>Sorted document numbers (first <see cref="Count"/> entries); present for sparse sets and for sets with <see cref="SparseTf"/>.</summary>
    public int[]? Docs { get; }

    /// <summary>Term frequencies parallel to <see cref="Docs"/>, capped at 255.</summary>
    public byte[]? SparseTf { get; }

    /// <summary>Term frequency per document (0 when absent), capped at 255.</summary>
    public byte[]? DenseTf { get; }

    /// <summary>True for per-query working sets whose arrays come from a pool.</summary>
    public bool Rented { get; }

    public long LastUse { get; set; }

    public bool HasTf => SparseTf is not null || DenseTf is not null;

    public long SizeInBytes =>
        64 + ((long?)Bits?.Length * 8 ?? 0) + ((long?)Docs?.Length * 4 ?? 0) + (SparseTf?.Length ?? 0) + (DenseTf?.Length ?? 0);

    public bool Contains(int doc) =>
        Bits is not null
            ? (Bits[doc >> 6] & (1UL << doc)) != 0
            : Docs is not null && Array.BinarySearch(Docs, 0, Count, doc) >= 0;

    /// <summary>Reads a term's postings from one segment, without applying deletions (live documents are applied through the visibility set).</summary>
    public static DocSet FromPostings(AtomicReader reader, string field, string term, bool withTf)
    {
        Terms? terms = reader.GetTerms(field);
        if (terms is null)
        {
            return Empty;
        }

        TermsEnum termsEnum = terms.GetEnumerator();
        if (!termsEnum.SeekExact(new BytesRef(term)))
        {
            return Empty;
        }

        var builder = new Builder(reader.MaxDoc, termsEnum.DocFreq, withTf);
        DocsEnum docs = termsEnum.Docs(null, null, withTf ? DocsFlags.FREQS : DocsFlags.NONE);
        int doc;
        while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            builder.Add(doc, withTf ? docs.Freq : 1);
        }

        return builder.Build();
    }

    /// <summary>Accumulates frequencies of several terms into one set: the union, scored as one blended term.</summary>
    public static DocSet Union(AtomicReader reader, string field, IReadOnlyList<string> terms, bool withTf)
    {
        Terms? fieldTerms = reader.GetTerms(field);
        if (fieldTerms is null || terms.Count == 0)
        {
            return Empty;
        }

        int maxDoc = reader.MaxDoc;
        byte[] tf = ArrayPool<byte>.Shared.Rent(Math.Max(1, maxDoc));
        try
        {
            Array.Clear(tf, 0, maxDoc);
            TermsEnum termsEnum = fieldTerms.GetEnumerator();
            DocsEnum? reuse = null;
            int count = 0;
            foreach (string term in terms)
            {
                if (!termsEnum.SeekExact(new BytesRef(term)))
                {
                    continue;
                }

                reuse = termsEnum.Docs(null, reuse, withTf ? DocsFlags.FREQS : DocsFlags.NONE);
                int doc;
                while ((doc = reuse.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    int old = tf[doc];
                    if (old == 0)
                    {
                        count++;
                    }

                    tf[doc] = (byte)Math.Min(255, old + (withTf ? reuse.Freq : 1));
                }
            }

            var builder = new Builder(maxDoc, count, withTf);
            for (int doc = 0; doc < maxDoc; doc++)
            {
                if (tf[doc] != 0)
                {
                    builder.Add(doc, tf[doc]);
                }
            }

            return builder.Build();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tf);
        }
    }

    public static int WordCount(int maxDoc) => (maxDoc + 63) >> 6;

    public static int PopCount(ReadOnlySpan<ulong> words) => BitCount.PopCount(words);

    /// <summary>popcount(a AND b) over the shorter length (vectorised where the processor allows).</summary>
    public static int AndPopCount(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => BitCount.AndPopCount(a, b);

    public static void AndInto(Span<ulong> target, ReadOnlySpan<ulong> other)
    {
        int n = target.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<ulong>.Count)
        {
            var t = MemoryMarshal.Cast<ulong, Vector<ulong>>(target);
            var o = MemoryMarshal.Cast<ulong, Vector<ulong>>(other[..n]);
            for (int v = 0; v < t.Length; v++)
            {
                t[v] &= o[v];
            }

            i = t.Length * Vector<ulong>.Count;
        }

        for (; i < n; i++)
        {
            target[i] &= other[i];
        }
    }

    public static void OrInto(Span<ulong> target, ReadOnlySpan<ulong> other)
    {
        int n = target.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<ulong>.Count)
        {
            var t = MemoryMarshal.Cast<ulong, Vector<ulong>>(target);
            var o = MemoryMarshal.Cast<ulong, Vector<ulong>>(other[..n]);
            for (int v = 0; v < t.Length; v++)
            {
                t[v] |= o[v];
            }

            i = t.Length * Vector<ulong>.Count;
        }

        for (; i < n; i++)
        {
            target[i] |= other[i];
        }
    }

    /// <summary>Builds a cached (not rented) set, choosing its representation from its size.</summary>
    internal struct Builder
    {
        private readonly int _maxDoc;
        private readonly bool _withTf;
        private readonly ulong[]? _bits;
        private readonly byte[]? _denseTf;
        private readonly bool _keepDocs;
        private int[] _docs;
        private byte[]? _sparseTf;
        private int _count;

        public Builder(int maxDoc, int expected, bool withTf)
        {
            _maxDoc = maxDoc;
            _withTf = withTf;
            bool denseBits = expected > 0 && (long)expected * DenseBitsDivisor >= maxDoc;
            bool denseTf = withTf && expected > 0 && (long)expected * DenseTfDivisor >= maxDoc;
            _bits = denseBits ? new ulong[WordCount(maxDoc)] : null;
            _denseTf = denseTf ? new byte[maxDoc] : null;
            // A dense set needs its list only to look up sparse frequencies.
            _keepDocs = !denseTf && (withTf || !denseBits);
            _docs = _keepDocs ? new int[Math.Max(expected, 0)] : [];
            _sparseTf = withTf && !denseTf ? new byte[Math.Max(expected, 0)] : null;
            _count = 0;
        }

        public void Add(int doc, int tf)
        {
            byte capped = (byte)Math.Min(255, Math.Max(tf, 1));
            if (_bits is not null)
            {
                _bits[doc >> 6] |= 1UL << doc;
            }

            if (_denseTf is not null)
            {
                _denseTf[doc] = capped;
            }
            else if (_keepDocs)
            {
                if (_count == _docs.Length)
                {
                    Array.Resize(ref _docs, Math.Max(16, _count * 2));
                    if (_sparseTf is not null)
                    {
                        Array.Resize(ref _sparseTf, _docs.Length);
                    }
                }

                _docs[_count] = doc;
                if (_sparseTf is not null)
                {
                    _sparseTf[_count] = capped;
                }
            }

            _count++;
        }

        public readonly DocSet Build()
        {
            if (_count == 0)
            {
                return Empty;
            }

            return new DocSet(_count, _bits, _keepDocs ? _docs : null, _withTf ? _sparseTf : null, _denseTf, rented: false);
        }
    }
}

/// <summary>
/// Cache of per-segment document sets keyed by segment core, field and term, bounded in bytes and
/// evicting the least recently used. Segment cores are immutable, so entries never go stale; deletions
/// are applied at query time through the live-documents bits.
/// </summary>
internal sealed class DocSetCache(long budgetBytes)
{
    private readonly ConcurrentDictionary<CacheKey, Lazy<DocSet>> _entries = new();
    private readonly Lock _evictLock = new();
    private long _clock;
    private long _usedBytes;

    public long BudgetBytes { get; } = budgetBytes;

    public long UsedBytes => Interlocked.Read(ref _usedBytes);

    public int EntryCount => _entries.Count;

    public DocSet GetOrAdd(object core, string field, string term, Func<DocSet> build)
    {
        if (BudgetBytes <= 0)
        {
            return build();
        }

        var key = new CacheKey(core, field, term);
        long stamp = Interlocked.Increment(ref _clock);
        if (_entries.TryGetValue(key, out var existing))
        {
            DocSet hit = existing.Value;
            hit.LastUse = stamp;
            return hit;
        }

        var lazy = new Lazy<DocSet>(build, LazyThreadSafetyMode.ExecutionAndPublication);
        var winner = _entries.GetOrAdd(key, lazy);
        DocSet value;
        try
        {
            value = winner.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<CacheKey, Lazy<DocSet>>(key, winner));
            throw;
        }

        value.LastUse = stamp;
        if (ReferenceEquals(winner, lazy))
        {
            if (Interlocked.Add(ref _usedBytes, value.SizeInBytes) > BudgetBytes)
            {
                Evict();
            }
        }

        return value;
    }

    /// <summary>Drops entries of segments that no longer exist (merged away).</summary>
    public void RetainCores(IReadOnlySet<object> liveCores)
    {
        foreach (var pair in _entries)
        {
            if (!liveCores.Contains(pair.Key.Core) && _entries.TryRemove(pair))
            {
                Interlocked.Add(ref _usedBytes, -SizeOf(pair.Value));
            }
        }
    }

    private static long SizeOf(Lazy<DocSet> lazy) => lazy.IsValueCreated ? lazy.Value.SizeInBytes : 0;

    private void Evict()
    {
        if (!_evictLock.TryEnter())
        {
            return;
        }

        try
        {
            long target = BudgetBytes * 3 / 4;
            var candidates = _entries.Where(p => p.Value.IsValueCreated)
                .Select(p => (p.Key, p.Value, p.Value.Value.LastUse))
                .OrderBy(p => p.LastUse)
                .ToList();
            foreach (var (key, lazy, _) in candidates)
            {
                if (Interlocked.Read(ref _usedBytes) <= target)
                {
                    break;
                }

                if (_entries.TryRemove(new KeyValuePair<CacheKey, Lazy<DocSet>>(key, lazy)))
                {
                    Interlocked.Add(ref _usedBytes, -lazy.Value.SizeInBytes);
                }
            }
        }
        finally
        {
            _evictLock.Exit();
        }
    }

    private readonly record struct CacheKey(object Core, string Field, string Term)
    {
        public bool Equals(CacheKey other) =>
            ReferenceEquals(Core, other.Core) && string.Equals(Field, other.Field, StringComparison.Ordinal) && string.Equals(Term, other.Term, StringComparison.Ordinal);

        public override int GetHashCode() =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(Core), StringComparer.Ordinal.GetHashCode(Field), StringComparer.Ordinal.GetHashCode(Term));
    }
}

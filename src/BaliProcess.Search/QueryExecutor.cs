using System.Buffers;
using System.Numerics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace BaliProcess.Search;

/// <summary>
/// Runs a parsed query against one point-in-time reader. Matching, access filtering, counting and
/// facet counting work on per-segment document sets (bitsets when dense), so their cost depends on
/// the number of distinct sets touched rather than on the number of matching documents; ranking is
/// BM25 computed from term frequencies and Lucene's norms over the visible matches only, with collection
/// statistics from the ranking population (<see cref="RankingPopulation"/>), never from documents some viewers cannot see.
/// </summary>
internal sealed class QueryExecutor
{
    public const float TitleBoost = 2f;
    public const int MaxPrefixExpansions = 1024;
    public const int MaxFuzzyExpansions = 50;
    public const int FuzzyPrefixLength = 1;
    public const int MaxTake = 100;
    public const int MaxWindow = 10_000;
    public const int MaxFacetValues = 100;

    /// <summary>Phrases of three or more tokens are checked position by position when at most this many documents hold all their pairs.</summary>
    public const int MaxPhraseVerifyCandidates = 20_000;

    /// <summary>Results at least this large are ranked with the threshold algorithm instead of scoring every match.</summary>
    public const int DefaultThresholdMinResults = 20_000;

    /// <summary>Length of each clause's per-segment list of best documents.</summary>
    public const int DefaultTopListLength = 4096;

    private const string PhraseField = "phrase";
    private const string UnionAllField = "or.all";
    private const string UnionTitleField = "or.title";

    private readonly DocSetCache _cache;
    private readonly string[] _rankingTokens;
    private readonly int _thresholdMinResults;
    private readonly int _topListLength;

    public QueryExecutor(DocSetCache cache, string[] rankingTokens, int thresholdMinResults = DefaultThresholdMinResults, int topListLength = DefaultTopListLength)
    {
        _cache = cache;
        _rankingTokens = rankingTokens;
        _thresholdMinResults = thresholdMinResults;
        _topListLength = topListLength;
    }

    public SearchResults Execute(IndexSearcher searcher, SearchQuery query, ParsedQuery parsed)
    {
        if (parsed.Error is not null)
        {
            return Empty(parsed.Error);
        }

        string[] tokens = (query.ViewerTokens ?? [])
            .Where(t => !string.IsNullOrEmpty(t))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (tokens.Length == 0)
        {
            return Empty(null);
        }

        int skip = Math.Clamp(query.Skip, 0, MaxWindow);
        int take = Math.Clamp(query.Take, 0, Math.Min(MaxTake, MaxWindow - skip));

        IndexReader reader = searcher.IndexReader;
        ReaderState state = ReaderState.For(reader, _rankingTokens);
        int leafCount = state.Leaves.Length;
        var work = new Work();
        try
        {
            // Visibility (access tokens and deletions) first: every later step intersects with it.
            var visible = new DocSet[leafCount];
            for (int i = 0; i < leafCount; i++)
            {
                visible[i] = BuildVisible(state, i, tokens, work);
            }

            string? clauseError = null;
            var filters = new List<DocSet>[leafCount];
            for (int i = 0; i < leafCount; i++)
            {
                filters[i] = Filters(state.Segments[i], query);
            }

            var clauses = new List<ResolvedClause>();
            foreach (QueryClause clause in parsed.Clauses)
            {
                var resolved = Resolve(reader, state, clause, visible, out string? error);
                if (error is not null)
                {
                    clauseError = error;
                    break;
                }

                clauses.Add(resolved);
            }

            if (clauseError is not null)
            {
                return Empty(clauseError);
            }

            // Match sets per segment, then counts, facets and ranking over them.
            var results = new DocSet[leafCount];
            int total = 0;
            for (int i = 0; i < leafCount; i++)
            {
                var sets = new List<DocSet>(clauses.Count + filters[i].Count + 1) { visible[i] };
                sets.AddRange(filters[i]);
                foreach (var clause in clauses)
                {
                    foreach (DocSet[] required in clause.Match)
                    {
                        sets.Add(required[i]);
                    }
                }

                results[i] = Intersect(sets, state.Segments[i].MaxDoc, work);
                total += results[i].Count;
            }

            var facets = CountFacets(state, results);
            var top = total == 0 || take == 0 ? [] : Rank(state, clauses, results, total, skip + take);

            var hits = new List<SearchHit>(Math.Max(0, Math.Min(take, top.Count - skip)));
            if (top.Count > skip)
            {
                var snippets = new SnippetBuilder(parsed.Clauses, clauses);
                var hitValues = new BinaryDocValues?[leafCount];
                var scratch = new BytesRef();
                for (int h = skip; h < top.Count; h++)
                {
                    hits.Add(LoadHit(state, top[h], snippets, hitValues, scratch));
                }
            }

            return new SearchResults(total, hits, facets, null);
        }
        finally
        {
            work.Dispose();
        }
    }

    public static SearchResults Empty(string? error) =>
        new(0, [], IndexSchema.FacetKeys.ToDictionary(k => k, _ => (IReadOnlyList<FacetValue>)[], StringComparer.Ordinal), error);

    private DocSet BuildVisible(ReaderState state, int leaf, string[] tokens, Work work)
    {
        AtomicReader reader = state.Leaves[leaf].AtomicReader;
        int maxDoc = reader.MaxDoc;
        ulong[]? live = state.LiveBits[leaf];
        var sets = new List<DocSet>(tokens.Length);
        long total = 0;
        foreach (string token in tokens)
        {
            DocSet set = _cache.GetOrAdd(reader.CoreCacheKey, IndexSchema.Acl, token, () => DocSet.FromPostings(reader, IndexSchema.Acl, token, withTf: false));
            if (set.Count > 0)
            {
                sets.Add(set);
                total += set.Count;
            }
        }

        if (sets.Count == 0)
        {
            return DocSet.Empty;
        }

        if (sets.Count == 1 && live is null)
        {
            return sets[0];
        }

        int words = DocSet.WordCount(maxDoc);
        if (total * DocSet.DenseBitsDivisor >= maxDoc)
        {
            ulong[] bits = work.RentBits(words);
            Span<ulong> span = bits.AsSpan(0, words);
            span.Clear();
            foreach (DocSet set in sets)
            {
                if (set.Bits is not null)
                {
                    DocSet.OrInto(span, set.Bits);
                }
                else
                {
                    for (int k = 0; k < set.Count; k++)
                    {
                        int doc = set.Docs![k];
                        span[doc >> 6] |= 1UL << doc;
                    }
                }
            }

            if (live is not null)
            {
                DocSet.AndInto(span, live);
            }

            return new DocSet(DocSet.PopCount(span), bits, null, null, null, rented: true);
        }

        int[] docs = work.RentDocs((int)total);
        int n = 0;
        foreach (DocSet set in sets)
        {
            Array.Copy(set.Docs!, 0, docs, n, set.Count);
            n += set.Count;
        }

        Array.Sort(docs, 0, n);
        int m = 0;
        for (int k = 0; k < n; k++)
        {
            int doc = docs[k];
            if ((m > 0 && docs[m - 1] == doc) || (live is not null && (live[doc >> 6] & (1UL << doc)) == 0))
            {
                continue;
            }

            docs[m++] = doc;
        }

        return new DocSet(m, null, docs, null, null, rented: true);
    }

    private static List<DocSet> Filters(SegmentState segment, SearchQuery query)
    {
        var filters = new List<DocSet>(5);
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            filters.Add(segment.Facet(0).SetOf(IndexSchema.NormalizeKind(query.Kind)));
        }

        if (!string.IsNullOrWhiteSpace(query.Body))
        {
            filters.Add(segment.Facet(1).SetOf(query.Body.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(query.Member))
        {
            filters.Add(segment.Facet(2).SetOf(query.Member.Trim()));
        }

        if (query.Year is { } year)
        {
            filters.Add(segment.Facet(3).SetOf(year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrWhiteSpace(query.Language))
        {
            filters.Add(segment.Facet(4).SetOf(IndexSchema.NormalizeLanguage(query.Language)));
        }

        return filters;
    }

    private ResolvedClause Resolve(IndexReader reader, ReaderState state, QueryClause clause, DocSet[] visible, out string? error)
    {
        error = null;
        switch (clause.Kind)
        {
            case ClauseKind.Term:
            {
                string term = clause.Tokens[0];
                var match = PerLeaf(state, (r, core) => _cache.GetOrAdd(core, IndexSchema.All, term, () => DocSet.FromPostings(r, IndexSchema.All, term, withTf: true)));
                if (clause.FuzzyEligible && CountVisible(match, visible) == 0)
                {
                    string[] expansions = TermExpansions.Fuzzy(reader, state, term);
                    if (expansions.Length > 0)
                    {
                        // Keyed by its words too: a later reader may pick other closest population words for the same typo.
                        return Union(state, clause.Key + "~" + WordsKey(expansions), expansions);
                    }
                }

                var title = PerLeaf(state, (r, core) => _cache.GetOrAdd(core, IndexSchema.TitleTerms, term, () => DocSet.FromPostings(r, IndexSchema.TitleTerms, term, withTf: true)));
                return new ResolvedClause(clause.Key, [match], [Source(match, Field.All, IndexSchema.All, term, 1f), Source(title, Field.Title, IndexSchema.TitleTerms, term, TitleBoost)], [term]);
            }

            case ClauseKind.Prefix:
            {
                string[]? expansions = TermExpansions.Prefix(reader, state, clause.Tokens[0]);
                if (expansions is null)
                {
                    error = $"Too many words start with \"{clause.Tokens[0]}\": add more letters before the *.";
                    return ResolvedClause.None;
                }

                return Union(state, clause.Key, expansions);
            }

            default:
                return ResolvePhrase(state, clause);
        }
    }

    private ResolvedClause ResolvePhrase(ReaderState state, QueryClause clause)
    {
        string[] tokens = clause.Tokens;
        var pairs = new DocSet[tokens.Length - 1][];
        for (int p = 0; p < pairs.Length; p++)
        {
            string pair = tokens[p] + " " + tokens[p + 1];
            pairs[p] = PerLeaf(state, (r, core) => _cache.GetOrAdd(core, IndexSchema.Pairs, pair, () => DocSet.FromPostings(r, IndexSchema.Pairs, pair, withTf: true)));
        }

        DocSet[][] match;
        if (pairs.Length == 1)
        {
            match = [pairs[0]];
        }
        else if (CandidateCount(state, pairs) <= MaxPhraseVerifyCandidates)
        {
            match = [PerLeaf(state, (r, core) => _cache.GetOrAdd(core, PhraseField, clause.Key, () => VerifyPhrase(r, tokens, pairs.Select(p => p[IndexOf(state, r)]).ToList())))];
        }
        else
        {
            // Too many candidates to check positions within the time budget: every adjacent pair must occur as a phrase.
            match = pairs;
        }

        var sources = new List<ScoreSource>();
        for (int p = 0; p < pairs.Length; p++)
        {
            sources.Add(Source(pairs[p], Field.All, IndexSchema.Pairs, tokens[p] + " " + tokens[p + 1], 1f / pairs.Length));
        }

        var distinct = tokens.Distinct(StringComparer.Ordinal).ToArray();
        foreach (string token in distinct)
        {
            var title = PerLeaf(state, (r, core) => _cache.GetOrAdd(core, IndexSchema.TitleTerms, token, () => DocSet.FromPostings(r, IndexSchema.TitleTerms, token, withTf: true)));
            sources.Add(Source(title, Field.Title, IndexSchema.TitleTerms, token, TitleBoost / distinct.Length));
        }

        return new ResolvedClause(match.Length == 1 ? clause.Key : clause.Key + "#pairs", match, [.. sources], distinct);
    }

    /// <summary>Documents holding every pair of a long phrase, summed over segments.</summary>
    private static long CandidateCount(ReaderState state, DocSet[][] pairs)
    {
        long total = 0;
        using var work = new Work();
        for (int i = 0; i < state.Leaves.Length; i++)
        {
            var sets = pairs.Select(p => p[i]).ToList();
            total += Intersect(sets, state.Segments[i].MaxDoc, work).Count;
        }

        return total;
    }

    /// <summary>
    /// Names a list of words in a cache key. The union of a segment is cached per core, which outlives the reader: a
    /// prefix always expands to all its words, so its union in one segment never changes, but a typo's words may.
    /// </summary>
    private static string WordsKey(string[] words) =>
        "\u0001" + words.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":"
        + IndexSchema.Fnv1a64(string.Join('\u0000', words)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private ResolvedClause Union(ReaderState state, string key, string[] terms)
    {
        var match = PerLeaf(state, (r, core) => _cache.GetOrAdd(core, UnionAllField, key, () => DocSet.Union(r, IndexSchema.All, terms, withTf: true)));
        var title = PerLeaf(state, (r, core) => _cache.GetOrAdd(core, UnionTitleField, key, () => DocSet.Union(r, IndexSchema.TitleTerms, terms, withTf: true)));
        return new ResolvedClause(key, [match], [Source(match, Field.All, UnionAllField, key, 1f), Source(title, Field.Title, UnionTitleField, key, TitleBoost)], terms);
    }

    /// <summary>A scored set; <paramref name="field"/> and <paramref name="term"/> name it for the population's document frequency cache.</summary>
    private static ScoreSource Source(DocSet[] sets, Field scored, string field, string term, float boost) =>
        new(sets, scored, boost, field + "\u0001" + term);

    private static int IndexOf(ReaderState state, AtomicReader reader)
    {
        for (int i = 0; i < state.Leaves.Length; i++)
        {
            if (ReferenceEquals(state.Leaves[i].AtomicReader, reader))
            {
                return i;
            }
        }

        throw new InvalidOperationException("Segment not part of this reader.");
    }

    private static DocSet[] PerLeaf(ReaderState state, Func<AtomicReader, object, DocSet> get)
    {
        var result = new DocSet[state.Leaves.Length];
        for (int i = 0; i < result.Length; i++)
        {
            AtomicReader r = state.Leaves[i].AtomicReader;
            result[i] = get(r, r.CoreCacheKey);
        }

        return result;
    }

    private static int CountVisible(DocSet[] match, DocSet[] visible)
    {
        int count = 0;
        for (int i = 0; i < match.Length; i++)
        {
            count += CountAnd(match[i], visible[i]);
            if (count > 0)
            {
                return count;
            }
        }

        return count;
    }

    private static int CountAnd(DocSet a, DocSet b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        if (a.Bits is not null && b.Bits is not null)
        {
            return DocSet.AndPopCount(a.Bits, b.Bits);
        }

        DocSet small = a.Count <= b.Count ? a : b;
        DocSet other = ReferenceEquals(small, a) ? b : a;
        if (small.Docs is null)
        {
            return DocSet.AndPopCount(a.Bits!, b.Bits!);
        }

        int count = 0;
        for (int k = 0; k < small.Count; k++)
        {
            if (other.Contains(small.Docs[k]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Checks positions for phrases of three or more tokens, on the documents holding all their pairs.</summary>
    private static DocSet VerifyPhrase(AtomicReader reader, string[] tokens, List<DocSet> pairSets)
    {
        int maxDoc = reader.MaxDoc;
        using var work = new Work();
        DocSet candidates = Intersect(pairSets, maxDoc, work);
        if (candidates.Count == 0)
        {
            return DocSet.Empty;
        }

        Terms? terms = reader.GetTerms(IndexSchema.All);
        if (terms is null)
        {
            return DocSet.Empty;
        }

        var enums = new DocsAndPositionsEnum[tokens.Length];
        for (int t = 0; t < tokens.Length; t++)
        {
            TermsEnum termsEnum = terms.GetEnumerator();
            if (!termsEnum.SeekExact(new BytesRef(tokens[t])))
            {
                return DocSet.Empty;
            }

            enums[t] = termsEnum.DocsAndPositions(null, null, DocsAndPositionsFlags.NONE);
        }

        var positions = new int[tokens.Length][];
        var counts = new int[tokens.Length];
        var builder = new DocSet.Builder(maxDoc, candidates.Count, withTf: false);
        int matched = 0;
        ForEachDoc(candidates, maxDoc, doc =>
        {
            for (int t = 0; t < tokens.Length; t++)
            {
                var e = enums[t];
                if (e.DocID < doc)
                {
                    e.Advance(doc);
                }

                if (e.DocID != doc)
                {
                    return;
                }

                int freq = e.Freq;
                if (positions[t] is null || positions[t].Length < freq)
                {
                    positions[t] = new int[Math.Max(16, freq)];
                }

                for (int k = 0; k < freq; k++)
                {
                    positions[t][k] = e.NextPosition();
                }

                counts[t] = freq;
            }

            for (int k = 0; k < counts[0]; k++)
            {
                int start = positions[0][k];
                bool all = true;
                for (int t = 1; t < tokens.Length && all; t++)
                {
                    all = Array.BinarySearch(positions[t], 0, counts[t], start + t) >= 0;
                }

                if (all)
                {
                    builder.Add(doc, 1);
                    matched++;
                    return;
                }
            }
        });

        return matched == 0 ? DocSet.Empty : Rebuild(builder.Build(), maxDoc, matched);
    }

    /// <summary>The builder sized for the candidates; rebuild so that the representation fits the verified count.</summary>
    private static DocSet Rebuild(DocSet set, int maxDoc, int count)
    {
        var builder = new DocSet.Builder(maxDoc, count, withTf: false);
        ForEachDoc(set, maxDoc, doc => builder.Add(doc, 1));
        return builder.Build();
    }

    private static void ForEachDoc(DocSet set, int maxDoc, Action<int> action)
    {
        if (set.Docs is not null && set.Bits is null)
        {
            for (int k = 0; k < set.Count; k++)
            {
                action(set.Docs[k]);
            }

            return;
        }

        ulong[] bits = set.Bits!;
        int words = DocSet.WordCount(maxDoc);
        for (int w = 0; w < words; w++)
        {
            ulong word = bits[w];
            while (word != 0)
            {
                action((w << 6) + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }
    }

    /// <summary>Intersection of sets: a bitwise AND when all are dense, otherwise a walk over the smallest.</summary>
    private static DocSet Intersect(List<DocSet> sets, int maxDoc, Work work)
    {
        sets.Sort((a, b) => a.Count.CompareTo(b.Count));
        DocSet first = sets[0];
        if (first.Count == 0)
        {
            return DocSet.Empty;
        }

        if (sets.Count == 1)
        {
            return first;
        }

        if (first.Bits is not null)
        {
            int words = DocSet.WordCount(maxDoc);
            ulong[] bits = work.RentBits(words);
            Span<ulong> span = bits.AsSpan(0, words);
            first.Bits.AsSpan(0, words).CopyTo(span);
            for (int s = 1; s < sets.Count; s++)
            {
                DocSet.AndInto(span, sets[s].Bits.AsSpan(0, words));
            }

            return new DocSet(DocSet.PopCount(span), bits, null, null, null, rented: true);
        }

        int[] docs = work.RentDocs(first.Count);
        var cursors = new int[sets.Count];
        int n = 0;
        for (int k = 0; k < first.Count; k++)
        {
            int doc = first.Docs![k];
            bool all = true;
            for (int s = 1; s < sets.Count && all; s++)
            {
                DocSet other = sets[s];
                if (other.Bits is not null)
                {
                    all = (other.Bits[doc >> 6] & (1UL << doc)) != 0;
                }
                else
                {
                    int[] list = other.Docs!;
                    int c = cursors[s];
                    while (c < other.Count && list[c] < doc)
                    {
                        c++;
                    }

                    cursors[s] = c;
                    all = c < other.Count && list[c] == doc;
                }
            }

            if (all)
            {
                docs[n++] = doc;
            }
        }

        return new DocSet(n, null, docs, null, null, rented: true);
    }

    private static Dictionary<string, IReadOnlyList<FacetValue>> CountFacets(ReaderState state, DocSet[] results)
    {
        var facets = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        for (int f = 0; f < IndexSchema.FacetFields.Length; f++)
        {
            var totals = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < results.Length; i++)
            {
                DocSet result = results[i];
                if (result.Count == 0)
                {
                    continue;
                }

                FacetField field = state.Segments[i].Facet(f);
                int[] counts = CountSegment(field, result, state.Segments[i].MaxDoc);
                for (int ord = 0; ord < counts.Length; ord++)
                {
                    if (counts[ord] > 0)
                    {
                        totals[field.Values[ord]] = totals.GetValueOrDefault(field.Values[ord]) + counts[ord];
                    }
                }
            }

            IEnumerable<KeyValuePair<string, int>> ordered = IndexSchema.FacetKeys[f] == "year"
                ? totals.OrderByDescending(p => p.Key, StringComparer.Ordinal)
                : totals.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal);
            facets[IndexSchema.FacetKeys[f]] = ordered.Take(MaxFacetValues).Select(p => new FacetValue(p.Key, p.Value)).ToList();
        }

        return facets;
    }

    private static int[] CountSegment(FacetField field, DocSet result, int maxDoc)
    {
        var counts = new int[field.Values.Length];
        if (result.Bits is null)
        {
            // Few matches: read each matching document's values.
            for (int k = 0; k < result.Count; k++)
            {
                int doc = result.Docs![k];
                for (int o = field.Offsets[doc]; o < field.Offsets[doc + 1]; o++)
                {
                    counts[field.Ordinals[o]]++;
                }
            }

            return counts;
        }

        int words = DocSet.WordCount(maxDoc);
        ReadOnlySpan<ulong> bits = result.Bits.AsSpan(0, words);
        for (int ord = 0; ord < counts.Length; ord++)
        {
            DocSet set = field.Sets[ord];
            if (field.CountBits[ord] is { } valueBits)
            {
                counts[ord] = DocSet.AndPopCount(bits, valueBits);
            }
            else
            {
                int c = 0;
                for (int k = 0; k < set.Count; k++)
                {
                    int doc = set.Docs![k];
                    if ((bits[doc >> 6] & (1UL << doc)) != 0)
                    {
                        c++;
                    }
                }

                counts[ord] = c;
            }
        }

        return counts;
    }

    /// <summary>Top documents by BM25 (body, pairs for phrases, boosted title), newer first on ties, then by each document's tie key.</summary>
    private List<Ranked> Rank(ReaderState state, List<ResolvedClause> clauses, DocSet[] results, int total, int k)
    {
        // Source weights (idf x boost) from the ranking population's document frequencies, the same for every viewer:
        // counting all documents would let ones the viewer cannot see move the scores. A set no document holds scores nothing.
        RankingPopulation population = state.Population;
        var weights = new float[clauses.Count][];
        for (int c = 0; c < clauses.Count; c++)
        {
            var sources = clauses[c].Sources;
            weights[c] = new float[sources.Length];
            for (int s = 0; s < sources.Length; s++)
            {
                bool any = sources[s].Sets.Any(set => set.Count > 0);
                weights[c][s] = any ? population.Idf(population.DocFreq(sources[s].StatsKey, sources[s].Sets)) * sources[s].Boost : 0;
            }
        }

        var heap = new TopHeap(k);
        bool threshold = clauses.Count > 0 && total >= _thresholdMinResults;
        for (int i = 0; i < results.Length; i++)
        {
            DocSet result = results[i];
            if (result.Count == 0)
            {
                continue;
            }

            SegmentState segment = state.Segments[i];
            int[] days = segment.Days;
            long[] ties = segment.TieKeys;
            // One scorer per clause, summed in clause order on every path, so that all paths give identical floats.
            var scorers = new SegmentScorer[clauses.Count];
            for (int c = 0; c < clauses.Count; c++)
            {
                scorers[c] = new SegmentScorer(state, segment, clauses[c].Sources, weights[c], i);
            }

            HashSet<int>? seen = null;
            if (threshold && result.Count >= _thresholdMinResults / 4)
            {
                var lists = new TopList[clauses.Count];
                for (int c = 0; c < clauses.Count; c++)
                {
                    lists[c] = TopListOf(state, clauses[c], weights[c], i);
                }

                seen = [];
                if (ThresholdAlgorithm(lists, scorers, result, heap, days, ties, i, seen))
                {
                    continue;
                }

                // The lists ran out: score the rest of the segment; documents already offered are skipped.
                foreach (var scorer in scorers)
                {
                    scorer.ResetCursors();
                }
            }

            ScanSegment(scorers, result, heap, days, ties, i, segment.MaxDoc, seen);
        }

        return heap.ToSortedList();
    }

    /// <summary>Scores every document of the result set (documents in increasing order).</summary>
    private static void ScanSegment(SegmentScorer[] scorers, DocSet result, TopHeap heap, int[] days, long[] ties, int leaf, int maxDoc, HashSet<int>? skip)
    {
        if (result.Bits is null)
        {
            int[] docs = result.Docs!;
            for (int n = 0; n < result.Count; n++)
            {
                int doc = docs[n];
                float score = Sum(scorers, doc);
                if (heap.Accepts(score) && (skip is null || !skip.Contains(doc)))
                {
                    heap.Offer(score, days[doc], ties[doc], leaf, doc);
                }
            }

            return;
        }

        ulong[] bits = result.Bits;
        int words = DocSet.WordCount(maxDoc);
        for (int w = 0; w < words; w++)
        {
            ulong word = bits[w];
            while (word != 0)
            {
                int doc = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                float score = Sum(scorers, doc);
                if (heap.Accepts(score) && (skip is null || !skip.Contains(doc)))
                {
                    heap.Offer(score, days[doc], ties[doc], leaf, doc);
                }
            }
        }
    }

    private static float Sum(SegmentScorer[] scorers, int doc)
    {
        float score = 0;
        for (int c = 0; c < scorers.Length; c++)
        {
            score += scorers[c].Score(doc);
        }

        return score;
    }

    /// <summary>
    /// Fagin's threshold algorithm over each clause's documents sorted by that clause's score: walk the
    /// lists in parallel, score the documents of the result set exactly, and stop once the k-th best score
    /// exceeds the best score any unseen document could still reach. Exact; returns false when the lists
    /// run out first (the caller then scans the segment).
    /// </summary>
    private static bool ThresholdAlgorithm(TopList[] lists, SegmentScorer[] scorers, DocSet result, TopHeap heap, int[] days, long[] ties, int leaf, HashSet<int> seen)
    {
        var positions = new int[lists.Length];
        while (true)
        {
            bool progressed = false;
            for (int c = 0; c < lists.Length; c++)
            {
                TopList list = lists[c];
                if (positions[c] >= list.Docs.Length)
                {
                    continue;
                }

                int doc = list.Docs[positions[c]++];
                progressed = true;
                if (!result.Contains(doc) || !seen.Add(doc))
                {
                    continue;
                }

                float score = 0;
                foreach (SegmentScorer scorer in scorers)
                {
                    score += scorer.ScoreAt(doc);
                }

                if (heap.Accepts(score))
                {
                    heap.Offer(score, days[doc], ties[doc], leaf, doc);
                }
            }

            // Best score an unseen document could have: it must hold every clause, so a clause whose
            // complete list is exhausted leaves none; otherwise each clause contributes at most its next score.
            float bound = 0;
            bool noneLeft = false;
            for (int c = 0; c < lists.Length; c++)
            {
                TopList list = lists[c];
                if (positions[c] < list.Docs.Length)
                {
                    bound += list.Scores[positions[c]];
                }
                else if (list.Complete)
                {
                    noneLeft = true;
                }
                else
                {
                    bound += list.Scores.Length == 0 ? 0 : list.Scores[^1];
                }
            }

            if (noneLeft || (heap.IsFull && heap.MinScore > bound))
            {
                return true;
            }

            if (!progressed)
            {
                return false;
            }
        }
    }

    /// <summary>The clause's best documents in one segment, by the clause's own score; built once per reader.</summary>
    private TopList TopListOf(ReaderState state, ResolvedClause clause, float[] weights, int leaf)
    {
        var lists = state.TopLists.GetOrAdd(clause.Key, _ => new Lazy<TopList?[]>(() => new TopList?[state.Leaves.Length]));
        var perLeaf = lists.Value;
        var existing = Volatile.Read(ref perLeaf[leaf]);
        if (existing is not null)
        {
            return existing;
        }

        SegmentState segment = state.Segments[leaf];
        var scorer = new SegmentScorer(state, segment, clause.Sources, weights, leaf);
        var heap = new TopHeap(_topListLength);
        var required = clause.Match.Select(m => m[leaf]).OrderBy(m => m.Count).ToArray();
        DocSet first = required[0];
        int count = 0;
        void Consider(int doc)
        {
            for (int r = 1; r < required.Length; r++)
            {
                if (!required[r].Contains(doc))
                {
                    return;
                }
            }

            count++;
            float score = scorer.Score(doc);
            if (heap.Accepts(score))
            {
                heap.Offer(score, 0, 0, leaf, doc);
            }
        }

        if (first.Docs is not null && first.Bits is null)
        {
            for (int n = 0; n < first.Count; n++)
            {
                Consider(first.Docs[n]);
            }
        }
        else if (first.Bits is not null)
        {
            int words = DocSet.WordCount(segment.MaxDoc);
            for (int w = 0; w < words; w++)
            {
                ulong word = first.Bits[w];
                while (word != 0)
                {
                    Consider((w << 6) + BitOperations.TrailingZeroCount(word));
                    word &= word - 1;
                }
            }
        }

        var sorted = heap.ToSortedList();
        var list = new TopList(sorted.Select(r => r.Doc).ToArray(), sorted.Select(r => r.Score).ToArray(), count <= _topListLength);
        Volatile.Write(ref perLeaf[leaf], list);
        return list;
    }

    private static SearchHit LoadHit(ReaderState state, Ranked ranked, SnippetBuilder snippets, BinaryDocValues?[] hitValues, BytesRef scratch)
    {
        BinaryDocValues? values = hitValues[ranked.Leaf] ??= state.Leaves[ranked.Leaf].AtomicReader.GetBinaryDocValues(IndexSchema.HitValues);
        if (values is null)
        {
            // A segment without hit values: SearchIndex refuses indexes of another schema, so this holds no documents.
            return new SearchHit(string.Empty, string.Empty, string.Empty, string.Empty, ranked.Score, string.Empty, string.Empty, null, null);
        }

        HitRecord.Decoded hit = HitRecord.Decode(values, ranked.Doc, scratch);
        return new SearchHit(
            hit.Id,
            hit.Kind,
            hit.Title,
            snippets.Build(hit.Text, hit.TextTruncated),
            ranked.Score,
            hit.Url,
            hit.Language,
            hit.Year,
            hit.Date);
    }

    internal enum Field
    {
        All,
        Title,
    }

    /// <summary>A set scored as one term; <see cref="StatsKey"/> names it (field and term, or clause) for cached statistics.</summary>
    internal readonly record struct ScoreSource(DocSet[] Sets, Field Field, float Boost, string StatsKey);

    /// <summary>BM25 for one segment: dense frequency arrays are read directly, sparse lists through forward-only cursors (documents come in order).</summary>
    private sealed class SegmentScorer
    {
        private readonly byte[][] _denseTf;
        private readonly float[] _denseWeight;
        private readonly float[][] _denseTable;
        private readonly byte[][] _denseNorms;
        private readonly DocSet[] _sparse;
        private readonly float[] _sparseWeight;
        private readonly float[][] _sparseTable;
        private readonly byte[][] _sparseNorms;
        private readonly int[] _cursors;

        public SegmentScorer(ReaderState state, SegmentState segment, ScoreSource[] sources, float[] weights, int leaf)
        {
            var dense = new List<int>();
            var sparse = new List<int>();
            for (int s = 0; s < sources.Length; s++)
            {
                DocSet set = sources[s].Sets[leaf];
                if (set.Count == 0 || weights[s] == 0)
                {
                    continue;
                }

                (set.DenseTf is not null ? dense : sparse).Add(s);
            }

            float[] TableOf(int s) => sources[s].Field == Field.Title ? state.TitleTable : state.AllTable;
            byte[] NormsOf(int s) => sources[s].Field == Field.Title ? segment.TitleNorms : segment.AllNorms;
            _denseTf = dense.Select(s => sources[s].Sets[leaf].DenseTf!).ToArray();
            _denseWeight = dense.Select(s => weights[s]).ToArray();
            _denseTable = dense.Select(TableOf).ToArray();
            _denseNorms = dense.Select(NormsOf).ToArray();
            _sparse = sparse.Select(s => sources[s].Sets[leaf]).ToArray();
            _sparseWeight = sparse.Select(s => weights[s]).ToArray();
            _sparseTable = sparse.Select(TableOf).ToArray();
            _sparseNorms = sparse.Select(NormsOf).ToArray();
            _cursors = new int[sparse.Count];
        }

        public float Score(int doc)
        {
            float score = 0;
            for (int s = 0; s < _denseTf.Length; s++)
            {
                int tf = _denseTf[s][doc];
                if (tf != 0)
                {
                    score += _denseWeight[s] * _denseTable[s][(tf << 8) | _denseNorms[s][doc]];
                }
            }

            for (int s = 0; s < _sparse.Length; s++)
            {
                DocSet set = _sparse[s];
                int[] list = set.Docs!;
                int c = _cursors[s];
                int count = set.Count;
                while (c < count && list[c] < doc)
                {
                    c++;
                }

                _cursors[s] = c;
                if (c < count && list[c] == doc && set.SparseTf is not null)
                {
                    score += _sparseWeight[s] * _sparseTable[s][(set.SparseTf[c] << 8) | _sparseNorms[s][doc]];
                }
            }

            return score;
        }

        public void ResetCursors() => Array.Clear(_cursors);

        /// <summary>Score of any document, in any order (binary search in sparse lists).</summary>
        public float ScoreAt(int doc)
        {
            float score = 0;
            for (int s = 0; s < _denseTf.Length; s++)
            {
                int tf = _denseTf[s][doc];
                if (tf != 0)
                {
                    score += _denseWeight[s] * _denseTable[s][(tf << 8) | _denseNorms[s][doc]];
                }
            }

            for (int s = 0; s < _sparse.Length; s++)
            {
                DocSet set = _sparse[s];
                int c = Array.BinarySearch(set.Docs!, 0, set.Count, doc);
                if (c >= 0 && set.SparseTf is not null)
                {
                    score += _sparseWeight[s] * _sparseTable[s][(set.SparseTf[c] << 8) | _sparseNorms[s][doc]];
                }
            }

            return score;
        }
    }

    internal sealed record TopList(int[] Docs, float[] Scores, bool Complete);

    /// <summary>A clause ready to run: its match set per segment, what scores it, and the terms to highlight.</summary>
    /// <summary>Match: sets that must all hold, each given per segment.</summary>
    internal sealed record ResolvedClause(string Key, DocSet[][] Match, ScoreSource[] Sources, string[] HighlightTerms)
    {
        public static ResolvedClause None { get; } = new(string.Empty, [], [], []);
    }

    /// <summary>Pooled arrays of one query, returned when it ends.</summary>
    private sealed class Work : IDisposable
    {
        private readonly List<ulong[]> _bits = [];
        private readonly List<int[]> _docs = [];

        public ulong[] RentBits(int words)
        {
            var array = ArrayPool<ulong>.Shared.Rent(Math.Max(1, words));
            _bits.Add(array);
            return array;
        }

        public int[] RentDocs(int count)
        {
            var array = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
            _docs.Add(array);
            return array;
        }

        public void Dispose()
        {
            foreach (var a in _bits)
            {
                ArrayPool<ulong>.Shared.Return(a);
            }

            foreach (var a in _docs)
            {
                ArrayPool<int>.Shared.Return(a);
            }

            _bits.Clear();
            _docs.Clear();
        }
    }
}

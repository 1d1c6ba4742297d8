using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace BaliProcess.Search;

/// <summary>Field names and the mapping from <see cref="SearchDocument"/> to a Lucene document.</summary>
internal static class IndexSchema
{
    public const string Id = "id";
    public const string Acl = "acl";
    public const string FacetKind = "f.kind";
    public const string FacetBody = "f.body";
    public const string FacetMember = "f.member";
    public const string FacetYear = "f.year";
    public const string FacetLanguage = "f.language";

    /// <summary>Title and body tokens, with positions (phrases of three or more tokens are verified on it).</summary>
    public const string All = "t.all";

    /// <summary>Title tokens alone, scored for the title boost.</summary>
    public const string TitleTerms = "t.title";

    /// <summary>Adjacent token pairs ("people smuggling"), so a two-token phrase is one postings list.</summary>
    public const string Pairs = "t.pair";

    public const string DateDays = "dv.days";

    /// <summary>A 64-bit hash of the document's id, the last tie-break of the ranking (<see cref="TieKeyOf"/>).</summary>
    public const string TieKey = "dv.tie";

    /// <summary>The document's token counts, body field in the high 32 bits and title in the low, for the ranking population's average lengths.</summary>
    public const string Lengths = "dv.lengths";

    /// <summary>Everything a hit shows, as one uncompressed binary doc value (<see cref="HitRecord"/>).</summary>
    public const string HitValues = "dv.hit";

    /// <summary>Key of the schema version in the commit user data.</summary>
    public const string SchemaVersionKey = "bali.schema";

    /// <summary>
    /// Version of the index layout. 1 (no key in the commit data): hit fields in compressed stored fields.
    /// 2: hit fields in <see cref="HitValues"/>, no stored fields. 3: the same layout; the platform's access tokens of
    /// restricted records name their module's read scope, so older tokens match no viewer. 4: <see cref="TieKey"/> and
    /// <see cref="Lengths"/> doc values, which ranking needs. An index of another version is not read
    /// (see <see cref="SearchIndex.SchemaReset"/>).
    /// </summary>
    public const string SchemaVersion = "4";

    /// <summary>Position gap between title and body so that no phrase spans both.</summary>
    public const int TitleBodyGap = 100;

    public static readonly string[] FacetFields = [FacetKind, FacetBody, FacetMember, FacetYear, FacetLanguage];
    public static readonly string[] FacetKeys = ["kind", "body", "member", "year", "language"];

    private static readonly DateTime Epoch = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly FieldType AllType = Freeze(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        IsStored = false,
        OmitNorms = false,
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
    });

    private static readonly FieldType FreqsType = Freeze(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        IsStored = false,
        OmitNorms = false,
        IndexOptions = IndexOptions.DOCS_AND_FREQS,
    });

    private static readonly FieldType PairType = Freeze(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        IsStored = false,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_AND_FREQS,
    });

    public static string NormalizeKind(string value) => value.Trim().ToLowerInvariant();

    public static string NormalizeLanguage(string value) => value.Trim().ToLowerInvariant();

    public static int DaysOf(DateTime? date, int? year)
    {
        if (date is { } d)
        {
            return (int)(d.Date - Epoch.Date).TotalDays;
        }

        return year is { } y and >= 1900 and <= 9999 ? (int)(new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Utc) - Epoch).TotalDays : 0;
    }

    /// <summary>
    /// FNV-1a over the id's UTF-16 code units: the same for a document in every segment, process and rebuild, unlike
    /// its document number (which merges and re-indexing change), so tied hits keep one order.
    /// </summary>
    public static long TieKeyOf(string id) => Fnv1a64(id);

    /// <summary>64-bit FNV-1a hash of a string's UTF-16 code units, the same in every process (unlike <see cref="string.GetHashCode()"/>).</summary>
    public static long Fnv1a64(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)hash;
    }

    public static void Validate(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrWhiteSpace(document.Id))
        {
            throw new ArgumentException("A search document needs an Id.", nameof(document));
        }

        if (document.AccessTokens is null || document.Bodies is null || document.Members is null)
        {
            throw new ArgumentException($"Search document {document.Id}: Bodies, Members and AccessTokens must not be null.", nameof(document));
        }
    }

    /// <summary>Builds the Lucene document; <paramref name="scratch"/> holds per-thread buffers that must outlive indexing of this document only.</summary>
    public static Document Build(SearchDocument source, DocumentScratch scratch)
    {
        string title = source.Title ?? string.Empty;
        string body = source.Body ?? string.Empty;
        TextAnalysis.Tokenize(title, scratch.Title);
        TextAnalysis.Tokenize(body, scratch.Body);

        scratch.Pairs.Clear();
        AddPairs(scratch.Title, scratch.Pairs);
        AddPairs(scratch.Body, scratch.Pairs);

        var doc = new Document
        {
            new StringField(Id, source.Id, Field.Store.NO),
            new StringField(FacetKind, NormalizeKind(source.Kind ?? string.Empty), Field.Store.NO),
            new StringField(FacetLanguage, NormalizeLanguage(source.Language ?? string.Empty), Field.Store.NO),
            new Field(All, new TokenListStream(scratch.Title, scratch.Body), AllType),
            new Field(TitleTerms, new TokenListStream(scratch.Title, null), FreqsType),
            new Field(Pairs, new TokenListStream(scratch.Pairs, null), PairType),
            new NumericDocValuesField(DateDays, DaysOf(source.Date, source.Year)),
            new NumericDocValuesField(TieKey, TieKeyOf(source.Id)),
            new NumericDocValuesField(Lengths, ((long)(scratch.Title.Count + scratch.Body.Count) << 32) | (uint)scratch.Title.Count),
        };

        DateTime? utcDate = source.Date is { } date
            ? DateTime.SpecifyKind(date, date.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : date.Kind).ToUniversalTime()
            : null;
        doc.Add(new BinaryDocValuesField(HitValues, HitRecord.Encode(source, title, body, utcDate, scratch.Hit)));

        if (source.Year is { } year)
        {
            doc.Add(new StringField(FacetYear, year.ToString(CultureInfo.InvariantCulture), Field.Store.NO));
        }

        foreach (string value in source.Bodies.Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(FacetBody, value, Field.Store.NO));
        }

        foreach (string value in source.Members.Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(FacetMember, value, Field.Store.NO));
        }

        foreach (string value in source.AccessTokens.Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(Acl, value, Field.Store.NO));
        }

        return doc;
    }

    private static void AddPairs(TokenList tokens, TokenList pairs)
    {
        for (int i = 0; i + 1 < tokens.Count; i++)
        {
            pairs.AddPair(tokens, i, i + 1);
        }
    }

    private static FieldType Freeze(FieldType type)
    {
        type.Freeze();
        return type;
    }
}

/// <summary>Per-thread buffers for building documents.</summary>
internal sealed class DocumentScratch
{
    public TokenList Title { get; } = new();
    public TokenList Body { get; } = new();
    public TokenList Pairs { get; } = new();

    public HitBuffer Hit { get; } = new();
}

/// <summary>Feeds already analysed tokens to Lucene; a second list continues after <see cref="IndexSchema.TitleBodyGap"/>.</summary>
internal sealed class TokenListStream : TokenStream
{
    private readonly TokenList _first;
    private readonly TokenList? _second;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private int _index;

    public TokenListStream(TokenList first, TokenList? second)
    {
        _first = first;
        _second = second;
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        int firstCount = _first.Count;
        if (_index < firstCount)
        {
            _term.CopyBuffer(_first.Chars, _first.TermStart[_index], _first.TermLength[_index]);
            _index++;
            return true;
        }

        if (_second is null || _index - firstCount >= _second.Count)
        {
            return false;
        }

        int i = _index - firstCount;
        _term.CopyBuffer(_second.Chars, _second.TermStart[i], _second.TermLength[i]);
        if (i == 0 && firstCount > 0)
        {
            _position.PositionIncrement = IndexSchema.TitleBodyGap;
        }

        _index++;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _index = 0;
    }
}

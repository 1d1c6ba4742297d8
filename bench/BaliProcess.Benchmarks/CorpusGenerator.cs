using System.Globalization;
using System.Text;
using BaliProcess.Search;

namespace BaliProcess.Benchmarks;

/// <summary>
/// Deterministic synthetic corpus: document n is always the same for a given seed, so an index built
/// once can be reused and queries can be drawn from the same vocabularies.
/// Text follows a Zipf distribution over a vocabulary of real function and domain words followed by
/// synthetic words, with domain collocations ("people smuggling") inserted as real text has them.
/// </summary>
public sealed class CorpusGenerator
{
    public static readonly string[] MemberCodes =
    [
        "AF", "AU", "BD", "BT", "KH", "CN", "FJ", "FR", "IN", "ID", "IR", "IQ", "JP", "JO", "KI", "LA",
        "MY", "MV", "MN", "MM", "NP", "NZ", "PK", "PG", "PH", "WS", "SG", "SB", "LK", "SY", "TH", "TL",
        "TO", "TR", "AE", "US", "VU", "VN", "HK", "MO", "KR", "NR", "UNHCR", "IOM", "UNODC", "ILO",
    ];

    public static readonly string[] BodyCodes = ["SOM", "AHG", "RSO", "BPBF", "TWG-TIP", "TWG-RRR", "TWG-DI", "WG-RE", "MC", "SOC"];

    public static readonly string[] Kinds = ["document", "activity", "meeting", "outcome"];

    private static readonly double[] KindWeights = [55, 20, 15, 10];
    private static readonly string[] LanguageCodes = ["en", "id", "th", "vi"];
    private static readonly double[] LanguageWeights = [60, 20, 12, 8];

    public CorpusGenerator(int seed = 20261122)
    {
        Seed = seed;
        Languages =
        [
            LanguageModel.English(seed),
            LanguageModel.Indonesian(seed),
            LanguageModel.Thai(seed),
            LanguageModel.Vietnamese(seed),
        ];
    }

    public int Seed { get; }

    public IReadOnlyList<LanguageModel> Languages { get; }

    public SearchDocument Generate(int n)
    {
        var rng = new FastRandom((ulong)Seed * 0x9E3779B97F4A7C15UL + (ulong)n);
        int languageIndex = rng.Pick(LanguageWeights);
        LanguageModel language = Languages[languageIndex];
        string kind = Kinds[rng.Pick(KindWeights)];

        int year = PickYear(ref rng);
        var date = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(rng.Next(365));

        int bodyCount = rng.NextDouble() < 0.7 ? 1 : 2;
        var bodies = new List<string>(bodyCount);
        for (int i = 0; i < bodyCount; i++)
        {
            string body = BodyCodes[rng.Zipf(BodyCodes.Length)];
            if (!bodies.Contains(body))
            {
                bodies.Add(body);
            }
        }

        int memberCount = rng.Next(6);
        var members = new List<string>(memberCount);
        for (int i = 0; i < memberCount; i++)
        {
            string member = MemberCodes[rng.Next(MemberCodes.Length)];
            if (!members.Contains(member))
            {
                members.Add(member);
            }
        }

        var tokens = new List<string>(3);
        double access = rng.NextDouble();
        if (access < 0.55)
        {
            tokens.Add("public");
        }
        else if (access < 0.80)
        {
            tokens.Add("members");
            tokens.Add("staff");
        }
        else if (access < 0.90 && members.Count > 0)
        {
            foreach (string m in members.Take(3))
            {
                tokens.Add("member:" + m);
            }

            tokens.Add("staff");
        }
        else if (access < 0.97)
        {
            tokens.Add("group:" + bodies[0]);
            tokens.Add("staff");
        }
        else
        {
            // Drafts visible to their author and the secretariat only.
            tokens.Add("user:" + rng.Next(5000).ToString(CultureInfo.InvariantCulture));
            tokens.Add("staff");
        }

        int words = (int)Math.Clamp(Math.Exp(5.6 + (0.5 * rng.NextGaussian())), 80, 1500);
        string title = language.Title(ref rng, kind, year);
        string text = language.Text(ref rng, words);
        string id = kind + "-" + n.ToString(CultureInfo.InvariantCulture);
        return new SearchDocument(
            id,
            kind,
            title,
            text,
            LanguageCodes[languageIndex],
            year,
            date,
            bodies,
            members,
            tokens,
            "/" + kind + "s/" + n.ToString(CultureInfo.InvariantCulture));
    }

    private static int PickYear(ref FastRandom rng)
    {
        // Activity grew over time: weight proportional to years since 2001.
        double total = 0;
        for (int y = 2002; y <= 2026; y++)
        {
            total += y - 2001;
        }

        double r = rng.NextDouble() * total;
        for (int y = 2002; y <= 2026; y++)
        {
            r -= y - 2001;
            if (r <= 0)
            {
                return y;
            }
        }

        return 2026;
    }
}

/// <summary>A language: Zipf-ranked vocabulary, collocations, and how words are joined.</summary>
public sealed class LanguageModel
{
    private readonly double[] _cumulative;
    private readonly double[] _phraseCumulative;

    private LanguageModel(string code, string[] vocabulary, string[] phrases, bool spaceless, double exponent)
    {
        Code = code;
        Vocabulary = vocabulary;
        Phrases = phrases;
        Spaceless = spaceless;
        _cumulative = Cumulative(vocabulary.Length, exponent);
        _phraseCumulative = Cumulative(phrases.Length, 1.0);
    }

    public string Code { get; }

    /// <summary>Words by rank: index 0 is the most frequent.</summary>
    public string[] Vocabulary { get; }

    public string[] Phrases { get; }

    public bool Spaceless { get; }

    public string Word(ref FastRandom rng) => Vocabulary[Sample(_cumulative, rng.NextDouble())];

    public string Phrase(ref FastRandom rng) => Phrases[Sample(_phraseCumulative, rng.NextDouble())];

    public string Title(ref FastRandom rng, string kind, int year)
    {
        var sb = new StringBuilder();
        string separator = Spaceless ? string.Empty : " ";
        sb.Append(Phrase(ref rng));
        int words = 3 + rng.Next(7);
        for (int i = 0; i < words; i++)
        {
            sb.Append(separator);
            sb.Append(i % 3 == 1 ? Phrase(ref rng) : Word(ref rng));
        }

        sb.Append(' ').Append(year.ToString(CultureInfo.InvariantCulture));
        if (Code == "en" && kind == "meeting")
        {
            sb.Insert(0, "Meeting: ");
        }

        return Capitalize(sb.ToString());
    }

    public string Text(ref FastRandom rng, int words)
    {
        var sb = new StringBuilder(words * 8);
        int sentence = 0;
        int sentenceLength = 8 + rng.Next(18);
        for (int i = 0; i < words; i++)
        {
            bool start = sentence == 0;
            string word = rng.NextDouble() < 0.03 ? Phrase(ref rng) : Word(ref rng);
            if (Spaceless)
            {
                // Thai separates clauses, not words, with spaces.
                if (!start && rng.NextDouble() < 0.15)
                {
                    sb.Append(' ');
                }

                sb.Append(word);
            }
            else
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(start ? Capitalize(word) : word);
            }

            sentence++;
            if (sentence >= sentenceLength)
            {
                sb.Append(Spaceless ? " " : ".");
                if (rng.NextDouble() < 0.2)
                {
                    sb.Append('\n');
                }

                sentence = 0;
                sentenceLength = 8 + rng.Next(18);
            }
        }

        if (!Spaceless)
        {
            sb.Append('.');
        }

        return sb.ToString();
    }

    public static LanguageModel English(int seed)
    {
        string[] function =
        [
            "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "be", "are", "this", "it",
            "from", "at", "or", "an", "was", "which", "will", "have", "has", "not", "their", "its", "were", "been", "also",
            "all", "other", "more", "these", "such", "can", "between", "into", "they", "would", "should", "through",
            "including", "under", "within", "who", "any", "may", "each", "there", "our", "we", "new", "well", "both",
            "over", "where", "than", "most", "those", "out", "further", "about", "only", "during", "while", "how",
        ];
        string[] domain =
        [
            "migration", "people", "smuggling", "trafficking", "persons", "regional", "cooperation", "border", "members",
            "states", "government", "governments", "officials", "meeting", "ministers", "ministerial", "conference",
            "declaration", "framework", "protection", "refugees", "asylum", "return", "reintegration", "victims", "law",
            "enforcement", "policy", "capacity", "building", "workshop", "training", "information", "sharing", "data",
            "labour", "exploitation", "forced", "irregular", "identity", "documents", "fraud", "visa", "immigration",
            "detention", "consultation", "stakeholders", "private", "sector", "business", "forum", "support", "office",
            "senior", "working", "group", "technical", "crime", "criminal", "justice", "prosecution", "investigation",
            "network", "process", "bali", "secretariat", "region", "countries", "country", "national", "international",
            "management", "risk", "action", "plan", "report", "review", "implementation", "practice", "guidelines",
            "assistance", "legal", "migrants", "displacement", "disaster", "climate", "recruitment", "supply", "chains",
            "partnership", "dialogue", "workers", "children", "women", "vulnerable", "safe", "orderly", "regular",
            "pathways", "screening", "biometrics", "passport", "travel", "maritime", "sea", "boats", "rescue", "search",
            "arrival", "arrivals", "outcomes", "activities", "strategy", "priorities", "communique", "statement",
            "co-chairs", "ad", "hoc", "indonesia", "australia", "thailand", "malaysia", "philippines", "viet", "nam",
            "cambodia", "myanmar", "lao", "pdr", "afghanistan", "sri", "lanka", "bangladesh", "pakistan", "iran",
        ];
        string[] phrases =
        [
            "people smuggling", "trafficking in persons", "the Bali Process", "irregular migration", "border management",
            "regional cooperation", "law enforcement", "victims of trafficking", "Ad Hoc Group", "Regional Support Office",
            "Senior Officials Meeting", "Ministerial Conference", "information sharing", "capacity building",
            "forced labour", "identity fraud", "return and reintegration", "Government and Business Forum",
            "member states", "co-chairs statement", "safe and orderly migration", "search and rescue",
            "Regional Cooperation Framework", "supply chains", "technical working group", "policy guides",
        ];
        return new LanguageModel("en", Build(function, domain, seed, 60_000, SyntheticLatin), phrases, spaceless: false, exponent: 1.0);
    }

    public static LanguageModel Indonesian(int seed)
    {
        string[] function =
        [
            "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "ini", "itu", "dalam", "tidak", "akan", "pada", "oleh",
            "adalah", "sebagai", "juga", "atau", "telah", "para", "serta", "kepada", "bagi", "antara", "melalui", "secara",
            "tersebut", "dapat", "lebih", "karena", "sudah", "harus", "masih", "tentang", "setiap", "hingga", "kami",
        ];
        string[] domain =
        [
            "perdagangan", "orang", "penyelundupan", "manusia", "migrasi", "perbatasan", "kerja", "sama", "regional",
            "negara", "anggota", "pemerintah", "pertemuan", "menteri", "korban", "perlindungan", "pengungsi", "suaka",
            "hukum", "penegakan", "kebijakan", "kapasitas", "pelatihan", "informasi", "data", "tenaga", "eksploitasi",
            "imigrasi", "dokumen", "identitas", "pejabat", "senior", "kelompok", "teknis", "kejahatan", "lintas",
            "kawasan", "laporan", "rencana", "aksi", "pemulangan", "reintegrasi", "pekerja", "perempuan", "anak",
        ];
        string[] phrases =
        [
            "perdagangan orang", "penyelundupan manusia", "kerja sama regional", "migrasi tidak teratur",
            "penegakan hukum", "Proses Bali", "negara anggota", "pejabat senior", "korban perdagangan orang",
            "kelompok kerja teknis", "pertukaran informasi", "peningkatan kapasitas",
        ];
        return new LanguageModel("id", Build(function, domain, seed + 1, 40_000, SyntheticLatin), phrases, spaceless: false, exponent: 1.0);
    }

    public static LanguageModel Vietnamese(int seed)
    {
        string[] function =
        [
            "và", "của", "các", "trong", "là", "có", "được", "cho", "với", "để", "những", "người", "này", "không",
            "một", "về", "đã", "sẽ", "từ", "theo", "tại", "cũng", "như", "đến", "khi",
        ];
        string[] domain =
        [
            "buôn", "bán", "di", "cư", "hợp", "tác", "khu", "vực", "chính", "phủ", "quốc", "gia", "thành", "viên",
            "hội", "nghị", "bộ", "trưởng", "nạn", "nhân", "bảo", "vệ", "tị", "nạn", "pháp", "luật", "sách", "thông",
            "tin", "lao", "động", "biên", "giới", "đưa", "lậu",
        ];
        string[] phrases =
        [
            "buôn bán người", "đưa người di cư trái phép", "hợp tác khu vực", "di cư bất hợp pháp", "quản lý biên giới",
            "Tiến trình Bali", "nạn nhân buôn bán người", "thực thi pháp luật",
        ];
        return new LanguageModel("vi", Build(function, domain, seed + 2, 5_000, SyntheticVietnamese), phrases, spaceless: false, exponent: 1.0);
    }

    public static LanguageModel Thai(int seed)
    {
        string[] function =
        [
            "และ", "ของ", "ใน", "ที่", "การ", "ความ", "เป็น", "มี", "ได้", "ให้", "จะ", "ไม่", "กับ", "เพื่อ", "โดย",
            "จาก", "ซึ่ง", "ว่า", "นี้", "แล้ว", "ต้อง", "ไป", "มา", "อย่าง", "หรือ",
        ];
        string[] domain =
        [
            "การค้ามนุษย์", "การลักลอบขนคน", "การย้ายถิ่น", "ผู้ย้ายถิ่น", "ความร่วมมือ", "ภูมิภาค", "รัฐบาล", "ประเทศ",
            "สมาชิก", "การประชุม", "รัฐมนตรี", "ผู้เสียหาย", "การคุ้มครอง", "ผู้ลี้ภัย", "กฎหมาย", "การบังคับใช้",
            "นโยบาย", "ข้อมูล", "แรงงาน", "ชายแดน", "กระบวนการบาหลี", "เจ้าหน้าที่", "อาวุโส", "คณะทำงาน", "วิชาการ",
            "อาชญากรรม", "ข้ามชาติ", "รายงาน", "แผนปฏิบัติการ", "การส่งกลับ",
        ];
        string[] phrases =
        [
            "การค้ามนุษย์", "การลักลอบขนคนเข้าเมือง", "ความร่วมมือระดับภูมิภาค", "กระบวนการบาหลี", "การบังคับใช้กฎหมาย",
            "ผู้เสียหายจากการค้ามนุษย์", "การย้ายถิ่นที่ไม่ปกติ",
        ];
        return new LanguageModel("th", Build(function, domain, seed + 3, 20_000, SyntheticThai), phrases, spaceless: true, exponent: 1.0);
    }

    private static string[] Build(string[] function, string[] domain, int seed, int size, Func<FastRandom, int, (string Word, FastRandom Rng)> synthetic)
    {
        var words = new List<string>(size);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Function words take the top ranks; domain words are spread over ranks 20 to 1,500.
        int f = 0;
        int d = 0;
        var rng = new FastRandom((ulong)seed);
        while (words.Count < size)
        {
            string? next = null;
            int rank = words.Count;
            if (f < function.Length && (rank < 20 || rng.NextDouble() < 0.5))
            {
                next = function[f++];
            }
            else if (d < domain.Length && rank >= 20 && rng.NextDouble() < Math.Max(0.05, 0.6 - (rank / 2500.0)))
            {
                next = domain[d++];
            }
            else
            {
                (next, rng) = synthetic(rng, rank);
            }

            if (seen.Add(next))
            {
                words.Add(next);
            }
        }

        return [.. words];
    }

    private static readonly string[] LatinOnsets = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "pr", "tr", "st", "ch", "br", "gr", "sp", "pl"];
    private static readonly string[] LatinVowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"];
    private static readonly string[] LatinCodas = ["", "", "n", "r", "s", "t", "l", "m", "nd", "ng", "st"];

    private static (string, FastRandom) SyntheticLatin(FastRandom rng, int rank)
    {
        int syllables = 2 + rng.Next(rank < 5000 ? 2 : 3);
        var sb = new StringBuilder();
        for (int s = 0; s < syllables; s++)
        {
            sb.Append(LatinOnsets[rng.Next(LatinOnsets.Length)]);
            sb.Append(LatinVowels[rng.Next(LatinVowels.Length)]);
            if (s == syllables - 1 || rng.NextDouble() < 0.3)
            {
                sb.Append(LatinCodas[rng.Next(LatinCodas.Length)]);
            }
        }

        return (sb.ToString(), rng);
    }

    private static readonly string[] VietOnsets = ["b", "c", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"];
    private static readonly string[] VietVowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "á", "à", "ả", "ã", "ạ", "ế", "ề", "ố", "ồ", "ớ", "ờ", "ú", "ù", "ứ", "ừ", "ộ", "ệ"];
    private static readonly string[] VietCodas = ["", "", "c", "m", "n", "ng", "nh", "p", "t", "i", "o", "u"];

    private static (string, FastRandom) SyntheticVietnamese(FastRandom rng, int rank)
    {
        _ = rank;
        string word = VietOnsets[rng.Next(VietOnsets.Length)] + VietVowels[rng.Next(VietVowels.Length)] + VietCodas[rng.Next(VietCodas.Length)];
        return (word, rng);
    }

    private static readonly string[] ThaiConsonants = ["ก", "ข", "ค", "ง", "จ", "ช", "ด", "ต", "ท", "น", "บ", "ป", "พ", "ม", "ย", "ร", "ล", "ว", "ส", "ห", "อ"];
    private static readonly string[] ThaiLeadVowels = ["", "", "", "เ", "แ", "โ", "ไ"];
    private static readonly string[] ThaiVowels = ["", "ะ", "า", "ิ", "ี", "ุ", "ู", "ั", "ำ"];
    private static readonly string[] ThaiTones = ["", "", "่", "้"];
    private static readonly string[] ThaiFinals = ["", "", "น", "ง", "ม", "ก", "ด", "บ", "ย"];

    private static (string, FastRandom) SyntheticThai(FastRandom rng, int rank)
    {
        int syllables = 1 + rng.Next(rank < 2000 ? 2 : 3);
        var sb = new StringBuilder();
        for (int s = 0; s < syllables; s++)
        {
            sb.Append(ThaiLeadVowels[rng.Next(ThaiLeadVowels.Length)]);
            sb.Append(ThaiConsonants[rng.Next(ThaiConsonants.Length)]);
            sb.Append(ThaiVowels[rng.Next(ThaiVowels.Length)]);
            sb.Append(ThaiTones[rng.Next(ThaiTones.Length)]);
            sb.Append(ThaiFinals[rng.Next(ThaiFinals.Length)]);
        }

        return (sb.ToString(), rng);
    }

    private static double[] Cumulative(int n, double exponent)
    {
        var c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, exponent);
            c[i] = sum;
        }

        for (int i = 0; i < n; i++)
        {
            c[i] /= sum;
        }

        return c;
    }

    private static int Sample(double[] cumulative, double u)
    {
        int index = Array.BinarySearch(cumulative, u);
        if (index < 0)
        {
            index = ~index;
        }

        return Math.Min(index, cumulative.Length - 1);
    }

    private static string Capitalize(string s) =>
        s.Length == 0 || !char.IsLower(s[0]) ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

/// <summary>SplitMix64: small, fast and deterministic across runtimes (System.Random's seeded sequence is not a contract).</summary>
public struct FastRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Index 0..n-1 with weight 1/(i+1).</summary>
    public int Zipf(int n)
    {
        double total = 0;
        for (int i = 1; i <= n; i++)
        {
            total += 1.0 / i;
        }

        double r = NextDouble() * total;
        for (int i = 1; i <= n; i++)
        {
            r -= 1.0 / i;
            if (r <= 0)
            {
                return i - 1;
            }
        }

        return n - 1;
    }

    public int Pick(double[] weights)
    {
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        double r = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r <= 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}

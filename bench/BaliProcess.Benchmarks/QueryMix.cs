using System.Globalization;
using BaliProcess.Search;

namespace BaliProcess.Benchmarks;

public sealed record BenchQuery(string Class, SearchQuery Query);

/// <summary>
/// Queries of one to three words or a phrase, drawn from the corpus vocabularies, with the very common
/// words over-represented, and viewers of three kinds: anonymous, a member state's officer, secretariat staff.
/// </summary>
public sealed class QueryMix
{
    public static readonly string[] VeryCommon = ["the", "and", "of", "to", "in", "yang", "dan", "people smuggling", "\"people smuggling\"", "the and", "of the"];

    private static readonly string[] DomainPhrases =
    [
        "\"people smuggling\"", "\"trafficking in persons\"", "\"the Bali Process\"", "\"irregular migration\"",
        "\"border management\"", "\"regional cooperation\"", "\"law enforcement\"", "\"victims of trafficking\"",
        "\"Regional Support Office\"", "\"Senior Officials Meeting\"", "\"perdagangan orang\"", "\"penyelundupan manusia\"",
        "\"of the\"", "\"in the\"", "\"and the\"", "\"buôn bán người\"",
    ];

    private static readonly string[] Prefixes = ["traffick*", "smuggl*", "migra*", "refug*", "perdagang*", "enforce*", "protect*", "cooperat*"];

    private static readonly string[] Typos = ["trafficing", "smugling", "migraton", "cooperaton", "enforcment", "refugess", "perdagagan", "penyelundupn"];

    private static readonly string[] ThaiWords = ["การค้ามนุษย์", "ความร่วมมือ", "ผู้ย้ายถิ่น", "กระบวนการบาหลี", "ชายแดน", "แรงงาน"];

    private readonly CorpusGenerator _corpus;

    public QueryMix(CorpusGenerator corpus) => _corpus = corpus;

    public static string[] Viewer(ref FastRandom rng, out string persona)
    {
        double r = rng.NextDouble();
        if (r < 0.4)
        {
            persona = "anonymous";
            return ["public"];
        }

        if (r < 0.9)
        {
            persona = "member";
            string member = CorpusGenerator.MemberCodes[rng.Next(CorpusGenerator.MemberCodes.Length)];
            string group = CorpusGenerator.BodyCodes[rng.Next(CorpusGenerator.BodyCodes.Length)];
            return ["public", "members", "member:" + member, "group:" + group];
        }

        persona = "staff";
        return ["public", "members", "staff"];
    }

    public IReadOnlyList<BenchQuery> Generate(int count, int seed, bool commonOnly = false)
    {
        var rng = new FastRandom((ulong)seed);
        var list = new List<BenchQuery>(count);
        for (int i = 0; i < count; i++)
        {
            string cls;
            string text;
            if (commonOnly)
            {
                text = VeryCommon[rng.Next(VeryCommon.Length)];
                cls = "very-common";
            }
            else
            {
                (cls, text) = Next(ref rng);
            }

            string[] viewer = Viewer(ref rng, out _);
            string? kind = null;
            string? body = null;
            int? year = null;
            double f = rng.NextDouble();
            if (f < 0.08)
            {
                kind = CorpusGenerator.Kinds[rng.Next(CorpusGenerator.Kinds.Length)];
            }
            else if (f < 0.14)
            {
                year = 2010 + rng.Next(17);
            }
            else if (f < 0.20)
            {
                body = CorpusGenerator.BodyCodes[rng.Next(4)];
            }

            int skip = rng.NextDouble() < 0.1 ? 20 : 0;
            list.Add(new BenchQuery(cls, new SearchQuery(text, viewer, Kind: kind, Body: body, Year: year, Skip: skip, Take: 20)));
        }

        return list;
    }

    private (string Class, string Text) Next(ref FastRandom rng)
    {
        var languages = _corpus.Languages;
        // English 70 %, Indonesian 20 %, Vietnamese 5 %, Thai 5 % of word queries.
        double l = rng.NextDouble();
        LanguageModel language = l < 0.7 ? languages[0] : l < 0.9 ? languages[1] : l < 0.95 ? languages[3] : languages[2];
        double r = rng.NextDouble();
        if (r < 0.15)
        {
            return ("very-common", VeryCommon[rng.Next(VeryCommon.Length)]);
        }

        if (language.Spaceless)
        {
            return ("thai", ThaiWords[rng.Next(ThaiWords.Length)]);
        }

        if (r < 0.40)
        {
            return ("one-word", language.Word(ref rng));
        }

        if (r < 0.60)
        {
            return ("two-words", language.Word(ref rng) + " " + language.Word(ref rng));
        }

        if (r < 0.70)
        {
            return ("three-words", language.Word(ref rng) + " " + language.Word(ref rng) + " " + language.Word(ref rng));
        }

        if (r < 0.82)
        {
            return ("phrase", DomainPhrases[rng.Next(DomainPhrases.Length)]);
        }

        if (r < 0.90)
        {
            // A phrase cut from generated text: two adjacent words as users copy them.
            string sample = language.Text(ref rng, 12);
            string[] words = sample.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int at = rng.Next(Math.Max(1, words.Length - 2));
            string phrase = string.Join(' ', words.Skip(at).Take(rng.NextDouble() < 0.7 ? 2 : 3)).Trim('.').ToLower(CultureInfo.InvariantCulture);
            return ("text-phrase", "\"" + phrase + "\"");
        }

        if (r < 0.95)
        {
            return ("prefix", Prefixes[rng.Next(Prefixes.Length)]);
        }

        return ("typo", Typos[rng.Next(Typos.Length)]);
    }
}

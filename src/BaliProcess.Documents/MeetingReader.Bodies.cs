using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>The Bali Process body a meeting belongs to and its ordinal ("Eighth", "ke-5").</summary>
internal sealed partial class MeetingReader
{
    private List<NameMention> BodyMentions(string text)
    {
        var found = names.FindMentions(text).Where(m => m.Entry.IsBody && !NotMeetingBodies.Contains(m.Entry.Code))
            .Concat(bodyAliases.FindMentions(text)).OrderBy(m => m.Index).ToList();
        var result = new List<NameMention>();
        foreach (var m in found)
        {
            if (result.Count > 0 && m.Index < result[^1].Index + result[^1].Length)
            {
                if (m.Length > result[^1].Length)
                {
                    result[^1] = m;
                }

                continue;
            }

            result.Add(m);
        }

        return result;
    }

    /// <summary>The first body the sentence names that is not introduced as another meeting ("ahead of the SOM").</summary>
    private NameMention? FirstMeetingBody(string text)
    {
        var bodies = BodyMentions(text);
        var first = bodies.FindIndex(b => !OtherMeetingBefore().IsMatch(text[Math.Max(0, b.Index - OtherMeetingWindow)..b.Index]));
        return first < 0 ? bodies.FirstOrDefault() : OfTheBody(text, bodies, first);
    }

    /// <summary>"the Eighth Senior Officials' Meeting of the Ad Hoc Group": a meeting of another body belongs to that
    /// body; the mention then spans both names, so the ordinal before the first is still found.</summary>
    private static NameMention OfTheBody(string text, List<NameMention> bodies, int index)
    {
        var mention = bodies[index];
        if (index + 1 < bodies.Count)
        {
            var next = bodies[index + 1];
            var between = text[(mention.Index + mention.Length)..next.Index];
            if (OfTheBetween().IsMatch(between))
            {
                return new NameMention(next.Entry, mention.Index, next.Index + next.Length - mention.Index);
            }
        }

        return mention;
    }

    private static int? OrdinalAround(string text, NameMention body)
    {
        var before = OrdinalBefore().Match(text[Math.Max(0, body.Index - 60)..body.Index]);
        if (before.Success)
        {
            return DateParsing.ParseOrdinal(before.Groups["ord"].Value);
        }

        var after = OrdinalAfter().Match(text[(body.Index + body.Length)..]);
        return after.Success ? DateParsing.ParseOrdinal(after.Groups["ord"].Value) : null;
    }

    private static readonly HashSet<string> NotMeetingBodies = new(StringComparer.OrdinalIgnoreCase) { "CO-CHAIRS", "RSO", "RILON" };

    /// <summary>Bahasa Indonesia and other common names of Bali Process bodies, used when the catalog holds the code.</summary>
    private static readonly (string Code, string[] Phrases)[] BodyAliases =
    [
        ("BPMC", ["Konferensi Tingkat Menteri", "KTM", "Pertemuan Tingkat Menteri", "Konferensi Menteri", "Ministerial Conference", "Regional Ministerial Conference", "Ministerial Meeting"]),
        ("SOM", ["Pertemuan Pejabat Tinggi", "Pertemuan Pejabat Senior", "Senior Officials' Meeting", "Senior Officials Meeting"]),
        ("AHG", ["Kelompok Ad Hoc", "Kelompok Ad-Hoc", "Pertemuan Pejabat Tinggi Kelompok Ad Hoc", "Ad Hoc Group", "AHG SOM"]),
        ("SG", ["Kelompok Pengarah", "Steering Group"]),
        ("WG-TIP", ["Kelompok Kerja Perdagangan Orang", "Kelompok Kerja tentang Perdagangan Orang", "Kelompok Kerja mengenai Perdagangan Orang", "Working Group on Trafficking in Persons", "Working Group on Trafficking"]),
        ("WG-D", ["Kelompok Kerja Disrupsi", "Kelompok Kerja tentang Disrupsi", "Kelompok Kerja mengenai Disrupsi", "Kelompok Kerja tentang Gangguan", "Working Group on the Disruption", "Working Group on Disruption"]),
        ("TFPP", ["Gugus Tugas Perencanaan dan Kesiapsiagaan", "Satuan Tugas Perencanaan dan Kesiapsiagaan", "Task Force on Planning and Preparedness"]),
        ("GABF", ["Forum Pemerintah dan Bisnis", "Forum Bisnis dan Pemerintah", "Government and Business Forum", "Business Forum"]),
        ("TEG-RR", ["Kelompok Ahli Teknis tentang Pemulangan dan Reintegrasi", "Kelompok Ahli Teknis Pemulangan dan Reintegrasi", "Technical Experts Group on Returns and Reintegration", "Technical Expert Group on Returns and Reintegration"]),
        // The Consultation Mechanism is convened by the Co-Chairs: its meetings belong to the Co-Chairs body.
        ("CO-CHAIRS", ["Consultation Mechanism", "Bali Process Consultation Mechanism", "Mekanisme Konsultasi"]),
    ];

    [GeneratedRegex(@"(?i:\b(?<ord>" + DateParsing.OrdinalPattern + @"))\s+(?:(?:\p{Lu}[\p{L}'’\-]*|of|the|on)\s+){0,6}$", RegexOptions.NonBacktracking)]
    private static partial Regex OrdinalBefore();

    [GeneratedRegex(@"^\s*(?:(?:Bali\s+Process|BP)\s+)?(?:\([^()]{1,12}\)\s*)?(?:\(|,\s*)?(?i:(?:yang\s+)?(?<ord>ke-?\s?\d{1,3}|pertama|ke(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)(?:\s+(?:belas|puluh))?|\d{1,3}(?:st|nd|rd|th)))|^\s*(?<ord>[IVX]{1,5})\b", RegexOptions.NonBacktracking)]
    private static partial Regex OrdinalAfter();

    [GeneratedRegex(@"\bBali\s+Process\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BaliProcess();

    /// <summary>Indonesian names put "Bali Process" after the body's head noun ("Kelompok Kerja Bali Process tentang
    /// Disrupsi"): each such name is also matched with it.</summary>
    private static IEnumerable<string> WithBaliProcessInside(string phrase)
    {
        yield return phrase;
        foreach (var head in IndonesianBodyHeads)
        {
            if (phrase.StartsWith(head + " ", StringComparison.Ordinal))
            {
                yield return head + " Bali Process " + phrase[(head.Length + 1)..];
                yield break;
            }
        }
    }

    private static readonly string[] IndonesianBodyHeads =
        ["Kelompok Kerja", "Kelompok Ahli Teknis", "Satuan Tugas", "Gugus Tugas", "Konferensi Tingkat Menteri", "Pertemuan Pejabat Tinggi"];

    [GeneratedRegex(@"^\s*(?:\([^()]{1,20}\)\s*)?(?:of|for)\s+the\s+(?:Bali\s+Process\s+)?$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OfTheBetween();
}

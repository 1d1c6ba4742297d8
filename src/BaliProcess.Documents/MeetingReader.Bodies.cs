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

    /// <summary>
    /// The meeting's ordinal: the title's when it names the same body (a sentence may use one loosely, "the first AHG
    /// SOM since ..."), else the anchor's, else "for its sixth meeting" or the body with its ordinal in the sentences
    /// that follow the anchor.
    /// </summary>
    private int? MeetingOrdinal(Sentence? title, NameMention? body, string bodySource, Sentence? anchor, List<Sentence> sentences)
    {
        var titleBody = title is null ? null : FirstMeetingBody(title.Text);
        if (titleBody is not null && (body is null || titleBody.Entry.Code == body.Entry.Code) && OrdinalAround(title!.Text, titleBody) is { } fromTitle)
        {
            return fromTitle;
        }

        if ((body is null ? null : OrdinalAround(bodySource, body)) is { } fromAnchor)
        {
            return fromAnchor;
        }

        if ((titleBody is null ? null : OrdinalAround(title!.Text, titleBody)) is { } fromOtherTitle)
        {
            return fromOtherTitle;
        }

        if (anchor is null)
        {
            return null;
        }

        var at = sentences.IndexOf(anchor);
        foreach (var s in sentences.Where(s => s.Paragraph >= anchor.Paragraph && s.Paragraph <= anchor.Paragraph + 1 && !s.IsHeading
            && !Recall().IsMatch(s.Text) && !NextMeetingWord().IsMatch(s.Text)))
        {
            // "for its sixth meeting" in the anchor or the sentence after it; "discussed at its second meeting" is another.
            var own = OwnOrdinal().Match(s.Text);
            if (own.Success && sentences.IndexOf(s) - at <= 1 && !LooseFirst().IsMatch(s.Text[(own.Index + own.Length)..])
                && !ReferencedAt().IsMatch(s.Text[..own.Index]))
            {
                return DateParsing.ParseOrdinal(own.Groups["ord"].Value);
            }

            var same = FirstMeetingBody(s.Text);
            if (body is not null && same is not null && same.Entry.Code == body.Entry.Code && OrdinalAround(s.Text, same) is { } fromNext)
            {
                return fromNext;
            }
        }

        return null;
    }

    /// <summary>The ordinal written before or after the body's name; "the first ... in five years" or "first ... since"
    /// says nothing of the meeting's number.</summary>
    private static int? OrdinalAround(string text, NameMention body)
    {
        var rest = text[(body.Index + body.Length)..];
        var before = OrdinalBefore().Match(text[Math.Max(0, body.Index - 60)..body.Index]);
        var word = before.Success ? before.Groups["ord"].Value : OrdinalAfter().Match(rest) is { Success: true } after ? after.Groups["ord"].Value : null;
        if (word is null || (word.Equals("first", StringComparison.OrdinalIgnoreCase) && LooseFirst().IsMatch(rest)))
        {
            return null;
        }

        return DateParsing.ParseOrdinal(word);
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

    [GeneratedRegex(@"(?i:\b(?<ord>" + DateParsing.OrdinalPattern + @"))\s+(?:(?:\p{Lu}[\p{L}'’\-]*|of|the|on|meeting|session|pertemuan)\s+){0,6}$", RegexOptions.NonBacktracking)]
    private static partial Regex OrdinalBefore();

    [GeneratedRegex(@"^\s*(?:(?:Bali\s+Process|BP)\s+|\([^()]{1,80}\)\s*){0,2}(?:\(|,\s*)?(?i:(?:yang\s+)?(?<ord>ke-?\s?\d{1,3}|pertama|perdana|ke(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)(?:\s+(?:belas|puluh))?|\d{1,3}(?:st|nd|rd|th)))|^\s*(?<ord>[IVX]{1,5})\b", RegexOptions.NonBacktracking)]
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

    /// <summary>"met for its sixth meeting", "the group's second meeting", "for the third time", "pertemuan ke-4".</summary>
    [GeneratedRegex(@"\b(?:its|their|the\s+[\p{L}\-]+['’]s?)\s+(?<ord>" + DateParsing.OrdinalPattern + @")\s+(?:meeting|session|conference|forum|dialogue)\b|\bfor\s+the\s+(?<ord>" + DateParsing.OrdinalPattern + @")\s+time\b|\bpertemuan\s+(?:yang\s+)?(?<ord>ke-?\s?\d{1,3}|pertama|perdana|ke(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh))\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OwnOrdinal();

    [GeneratedRegex(@"^[^.;]{0,80}\b(?:in\s+(?:almost\s+|nearly\s+|more\s+than\s+|over\s+)?(?:\w+\s+)?(?:years?|decades?)|since|to\s+be\s+held|outside)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LooseFirst();

    [GeneratedRegex(@"\b(?:at|since|after|before|from|following|sejak|setelah|pada)\s*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ReferencedAt();

    [GeneratedRegex(@"\b(?:next|will|upcoming|forthcoming|akan|mendatang|berikutnya)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NextMeetingWord();
}

using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>Participants, observers and apologies named in attendance sentences and lists.</summary>
internal sealed partial class MeetingReader
{
    /// <summary>
    /// Everyone the document says attended, observed or sent apologies, in any sentence that introduces them
    /// ("attended by", "in attendance were", "participants included", "Observers:", "dihadiri oleh") and the list
    /// items after one that ends in a colon. Names the catalog lacks are kept, unlinked, when they look like names.
    /// </summary>
    private List<AttendeeInfo> Attendees(List<TextParagraph> content, List<string> coChairs, DateSpan meetingDate, int? year, List<ReviewFlag> flags)
    {
        var found = new List<AttendeeInfo>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void Add(string? code, string name, AttendeeRole role)
        {
            var key = code ?? "name:" + name;
            if (code is not null && coChairs.Contains(code))
            {
                return;
            }

            if (seen.Add(key))
            {
                found.Add(new AttendeeInfo(code, name, role));
            }
        }

        content = JoinContinuations(content);
        for (var i = 0; i < content.Count; i++)
        {
            var paragraph = content[i];
            // A list item that is a whole sentence ("The meeting was attended by ...") is read like a paragraph.
            if (paragraph.IsListItem && !(TextLayout.EndsSentence(paragraph.Text) && TextLayout.WordCount(paragraph.Text) >= MinLeadWords))
            {
                continue;
            }

            var sentences = TextLayout.Sentences(paragraph.Text);
            for (var s = 0; s < sentences.Count; s++)
            {
                var sentence = sentences[s];
                var trigger = AttendanceTrigger().Match(sentence);
                var official = OfficialOf().Match(sentence);
                if (!trigger.Success && !official.Success)
                {
                    continue;
                }

                // A sentence dated otherwise is about another meeting ("the 2013 conference was attended by ...").
                var dates = Dates(sentence, year);
                // A recall before the list ("At the previous meeting, attended by ...") is about that meeting; one after it
                // ("..., which joined last year") is not.
                var recall = Recall().Match(sentence);
                if (dates.Count > 0 && !dates.Any(d => Overlaps(d, meetingDate)) || (recall.Success && recall.Index < (trigger.Success ? trigger.Index + trigger.Length : official.Index)))
                {
                    continue;
                }

                if (!trigger.Success)
                {
                    foreach (Match o in OfficialOf().Matches(sentence))
                    {
                        var org = names.FindMentions(sentence[(o.Index + o.Length)..]).FirstOrDefault();
                        if (org is not null && org.Index < 4 && org.Entry.IsOrganisation && !org.Entry.IsBody)
                        {
                            Add(org.Entry.Code, org.Entry.Name, org.Entry.IsObserver ? AttendeeRole.Observer : AttendeeRole.Participant);
                        }
                    }

                    continue;
                }

                var sentenceRole = ApologyWord().IsMatch(sentence) ? AttendeeRole.Apology
                    : ObserverWord().Match(sentence) is { Success: true } obs && !ParticipantTrigger().IsMatch(sentence[..obs.Index]) ? AttendeeRole.Observer
                    : AttendeeRole.Participant;
                // The list comes after "attended by" but before "attended", "took part" or "joined": read the whole sentence.
                var region = sentence;

                ReadList(region, sentenceRole, Add);
                if (s == sentences.Count - 1 && sentence.TrimEnd().EndsWith(':'))
                {
                    for (var next = i + 1; next < content.Count && (content[next].IsListItem || TextLayout.WordCount(content[next].Text) <= 10 && !TextLayout.EndsSentence(content[next].Text)); next++)
                    {
                        ReadList(content[next].Text, sentenceRole, Add, wholeItem: true);
                    }
                }
            }
        }

        foreach (var unmatched in found.Where(a => a.Code is null))
        {
            flags.Add(new ReviewFlag("attendees", "unmatched-attendee", $"'{unmatched.Name}' matches no Directory entry; link it or add it."));
        }

        return found;
    }

    private void ReadList(string region, AttendeeRole sentenceRole, Action<string?, string, AttendeeRole> add, bool wholeItem = false)
    {
        var mentions = names.FindMentions(region);
        var listed = 0;
        foreach (var mention in mentions)
        {
            if (mention.Entry.IsBody || (mention.Entry.Code == "RSO" && sentenceRole == AttendeeRole.Participant && !wholeItem))
            {
                continue;
            }

            listed++;

            var role = sentenceRole;
            if (role == AttendeeRole.Participant)
            {
                var rest = region[(mention.Index + mention.Length)..];
                var end = ClauseEnd().Match(rest);
                var clause = end.Success ? rest[..end.Index] : rest;
                // The Directory's observer status counts only where the sentence speaks of observers: a document may
                // list an observer organisation among those who took part.
                if ((mention.Entry.IsObserver && ObserverWord().IsMatch(region)) || ObserverWord().IsMatch(clause))
                {
                    role = AttendeeRole.Observer;
                }
            }

            add(mention.Entry.Code, mention.Entry.Name, role);
        }

        // Unlinked names only come from a real list: one that names a known attendee too, or a list item.
        if (listed == 0 && !wholeItem)
        {
            return;
        }

        foreach (var (start, item) in ListItems(region, wholeItem))
        {
            var end = start + item.Length;
            if (mentions.Any(m => m.Index < end && start < m.Index + m.Length))
            {
                continue;
            }

            var name = CleanName(item);
            if (name is not null)
            {
                add(null, name, sentenceRole);
            }
        }
    }

    private static readonly HashSet<string> NameConnectors = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le", "al", "untuk", "dan", "urusan", "bagi", "tentang", "&",
    };

    [GeneratedRegex(@"\battended\s+by\b|\bin\s+attendance\b|\bparticipants\s+(?:included|came\s+from|were|from)\b|\bparticipating\s+(?:countries|members|delegations|states|organi[sz]ations)\b|\bdelegations?\s+(?:from|of)\b|\brepresentatives?\s+(?:from|of)\b|\bofficials\s+from\b|\btook\s+part\b|\bparticipated\b|\bthe\s+following\s+(?:members|countries|delegations|participants|states|governments|organi[sz]ations)\b|\bpresent\s+were\b|\bwere\s+present\b|\bjoined\s+by\b|\bobservers?\b|\bapolog\w*|\bunable\s+to\s+attend\b|\bsent\s+regrets\b|\bgovernments\s+of\b|\bdihadiri\b|\bperwakilan\s+dari\b|\bdelegasi\s+dari\b|\bpeserta\b|\bturut\s+hadir\b|\bhadir\b|\bpengamat\b|\bberhalangan\b|\bmengirimkan\b|\bikut\s+serta\b|\battended\b|\btaking\s+part\b|\bjoined\b|\bbr(?:ought|inging)\s+together\b|\bdelegates\s+(?:from|of)\b|\b(?:senior\s+)?officials\s+of\b|\bexperts\s+(?:from|of)\b|\bdiikuti\b|\bberpartisipasi\b|\bmengikuti\b|\bbergabung\b|\bjoining\b|\battending\b|\bsent\s+(?:delegations?|representatives|officials)\b|\bambil\s+bagian\b|\bturut\s+serta\b|^\s*(?:participants|participating\s+(?:members|delegations|countries|states)|delegations|members\s+present|attendees|attendance|peserta|delegasi)\s*:|\b(?:delegations?|delegates|officials|representatives|participants|experts)\s+(?:came|travell?ed)\s+from\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex AttendanceTrigger();

    [GeneratedRegex(@"\battended\s+by\b|\bin\s+attendance\b|\bparticipants\b|\bdelegations?\b|\brepresentatives?\b|\btook\s+part\b|\bdihadiri\b|\bperwakilan\b|\bdelegasi\b|\bpeserta\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ParticipantTrigger();

    [GeneratedRegex(@"\b(?:director-?\s?general|deputy\s+director-?\s?general|high\s+commissioner|assistant\s+high\s+commissioner|executive\s+director|secretary-?\s?general|regional\s+(?:director|representative)|representative|chief\s+of\s+mission|head)\s+(?:of|for|from)\s+(?:the\s+)?", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OfficialOf();

    [GeneratedRegex(@"\bapolog\w*|\bunable\s+to\s+(?:attend|join)\b|\bsent\s+regrets\b|\bberhalangan\b|\bregrets\b|\bpermohonan\s+maaf\b|\btidak\s+(?:dapat\s+|bisa\s+)?(?:hadir|bergabung)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ApologyWord();

    [GeneratedRegex(@"\bobservers?\b|\bpengamat\b|\bobserver\s+status\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ObserverWord();

    [GeneratedRegex(@"[,;]|\s+and\s+|\s+dan\s+|\s+as\s+well\s+as\s+", RegexOptions.NonBacktracking)]
    private static partial Regex ClauseEnd();
}

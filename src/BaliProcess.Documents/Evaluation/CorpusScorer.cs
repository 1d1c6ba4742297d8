using System.Globalization;
using System.Text;

namespace BaliProcess.Documents.Evaluation;

/// <summary>
/// Runs every keyed corpus document through <see cref="TextExtractor"/> and <see cref="DocumentRecognizer"/>, as an
/// upload would, and compares what comes back with the key field by field. It writes nothing and never throws for a
/// bad document: a file that cannot be read counts as a miss on every field, with the reason in the misses.
/// </summary>
public sealed class CorpusScorer(NameCatalog catalog, ExtractionLimits? limits = null)
{
    private readonly DocumentRecognizer recognizer = new(catalog);

    public EvaluationReport Score(string folder, IReadOnlyList<KeyEntry> key, EvaluationTargets targets, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var documents = new List<DocumentScore>(key.Count);
        foreach (var entry in key)
        {
            ct.ThrowIfCancellationRequested();
            documents.Add(ScoreOne(folder, entry, ct));
        }

        return new EvaluationReport(documents, targets);
    }

    /// <summary>Recognises one file as an upload would: the scorer's reading of it, or why there is none.</summary>
    public (RecognizedDocument? Recognized, string? Error) Recognize(string path, CancellationToken ct = default)
    {
        ExtractionResult extraction;
        try
        {
            using var stream = File.OpenRead(path);
            extraction = TextExtractor.Extract(Path.GetFileName(path), stream, limits, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"could not be read ({e.Message})");
        }

        if (!extraction.Ok)
        {
            return (null, $"extraction failed: {extraction.Error}");
        }

        return (recognizer.Recognize(extraction.Text, Path.GetFileName(path)), null);
    }

    private DocumentScore ScoreOne(string folder, KeyEntry entry, CancellationToken ct)
    {
        var (recognized, error) = Recognize(Path.Combine(folder, entry.File), ct);
        var checks = new List<FieldCheck>();
        var attendees = new List<AttendeeScore>();
        var misses = new List<string>();
        if (error is not null)
        {
            misses.Add(error);
        }

        void Check(string field, bool correct, string expected, string actual)
        {
            checks.Add(new FieldCheck(field, correct));
            if (!correct)
            {
                misses.Add($"{field}: expected {expected}, got {actual}");
            }
        }

        var kind = recognized?.Kind;
        Check(EvaluationReport.Kind, kind == entry.Kind, entry.Kind.ToString(), kind?.ToString() ?? "nothing");

        var meeting = recognized?.Meeting;
        var expected = entry.Meeting;
        var takenAsOwn = false;
        if (expected is null)
        {
            if (meeting is not null)
            {
                takenAsOwn = true;
                misses.Add($"meeting: expected none, got {Describe(meeting)}");
            }
        }
        else
        {
            Check(EvaluationReport.MeetingRecognised, meeting is not null, Describe(expected), "no meeting");
            var body = string.IsNullOrWhiteSpace(meeting?.BodyCode) ? null : meeting.BodyCode.Trim();
            Check(EvaluationReport.Body, string.Equals(body, expected.Body, StringComparison.OrdinalIgnoreCase), expected.Body ?? "none", body ?? "none");
            Check(EvaluationReport.Ordinal, meeting is not null && meeting.Ordinal == expected.Ordinal, Show(expected.Ordinal), meeting is null ? "no meeting" : Show(meeting.Ordinal));
            Check(EvaluationReport.Start, meeting?.StartDate == expected.Start, Iso(expected.Start), Iso(meeting?.StartDate));
            Check(EvaluationReport.End, meeting?.EndDate == expected.End, Iso(expected.End), Iso(meeting?.EndDate));
            Check(EvaluationReport.Place, meeting is not null && SamePlace(expected.Place, meeting.Place), expected.Place ?? "none", meeting is null ? "no meeting" : meeting.Place ?? "none");
            Check(EvaluationReport.Format, meeting is not null && meeting.Format == expected.Format, Show(expected.Format), meeting is null ? "no meeting" : Show(meeting.Format));
            var coChairs = (meeting?.CoChairCodes ?? []).Select(c => c.ToUpperInvariant()).ToHashSet();
            var expectedCoChairs = expected.CoChairs.Select(c => c.ToUpperInvariant()).ToHashSet();
            Check(EvaluationReport.CoChairs, meeting is not null && coChairs.SetEquals(expectedCoChairs), List(expectedCoChairs), meeting is null ? "no meeting" : List(coChairs));

            // A meeting dated on a day the key lists as only mentioned (a recalled conference, the publication
            // date) is the false positive the targets bound, as much as a meeting where there is none.
            takenAsOwn = meeting is not null && meeting.StartDate != expected.Start && entry.MentionedDates.Contains(meeting.StartDate);
            if (takenAsOwn)
            {
                misses.Add($"dates: took {Iso(meeting!.StartDate)}, which the document only mentions, as the meeting's");
            }
        }

        foreach (var role in Enum.GetValues<AttendeeRole>())
        {
            var want = (expected?.Attendees.GetValueOrDefault(role) ?? []).Select(KeyIdentity).ToHashSet(StringComparer.Ordinal);
            var got = (meeting?.Attendees ?? []).Where(a => a.Role == role).Select(Identity).ToHashSet(StringComparer.Ordinal);
            var found = want.Intersect(got).Count();
            attendees.Add(new AttendeeScore(role, found, got.Count - found, want.Count - found));
            var missing = want.Except(got).Order(StringComparer.Ordinal).ToList();
            var extra = got.Except(want).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                misses.Add($"{role} missing: {string.Join(", ", missing)}");
            }

            if (extra.Count > 0)
            {
                misses.Add($"{role} not in the key: {string.Join(", ", extra)}");
            }
        }

        return new DocumentScore(entry.File, entry.Meeting is not null, checks, attendees, takenAsOwn, misses);
    }

    /// <summary>
    /// A key attendee as compared: a Directory code in capitals, or "name:" and the normalised name. A "name:" the
    /// catalog now resolves (the Directory gained the organisation, or learned the variant) compares as its code, so
    /// a key written before the Directory grew stays right.
    /// </summary>
    public string KeyIdentity(string value)
    {
        if (!value.StartsWith("name:", StringComparison.OrdinalIgnoreCase))
        {
            return value.Trim().ToUpperInvariant();
        }

        var name = value[5..].Trim();
        return catalog.Resolve(name) is { IsBody: false } entry ? entry.Code.ToUpperInvariant() : "name:" + NormaliseName(name);
    }

    public static string Identity(AttendeeInfo attendee) =>
        string.IsNullOrWhiteSpace(attendee.Code) ? "name:" + NormaliseName(attendee.Name) : attendee.Code.Trim().ToUpperInvariant();

    /// <summary>Case, accents, punctuation, spacing and a leading "the" do not make two names different.</summary>
    public static string NormaliseName(string name)
    {
        var folded = Fold(name);
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && words[0] == "the")
        {
            words.RemoveAt(0);
        }

        return string.Join(' ', words);
    }

    /// <summary>Places agree when one contains the other once folded ("Bali" and "Nusa Dua, Bali").</summary>
    public static bool SamePlace(string? expected, string? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        var a = Fold(expected);
        var b = Fold(actual);
        return a.Length > 0 && b.Length > 0 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal));
    }

    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Describe(MeetingInfo meeting) =>
        $"{(string.IsNullOrEmpty(meeting.BodyCode) ? "a meeting" : meeting.BodyCode)} on {Iso(meeting.StartDate)}";

    private static string Describe(KeyMeeting meeting) => $"{meeting.Body ?? "a meeting"} on {Iso(meeting.Start)}";

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none";

    private static string Show<T>(T? value) where T : struct => value?.ToString() ?? "none";

    private static string List(IEnumerable<string> codes)
    {
        var sorted = codes.Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? "none" : string.Join(", ", sorted);
    }
}

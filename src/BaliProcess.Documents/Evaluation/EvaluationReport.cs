using System.Globalization;
using System.Text;

namespace BaliProcess.Documents.Evaluation;

/// <summary>One field of one document: right or wrong.</summary>
public sealed record FieldCheck(string Field, bool Correct);

/// <summary>Attendees of one role in one document, as counts of the set comparison.</summary>
public sealed record AttendeeScore(AttendeeRole Role, int Found, int Extra, int Missing);

/// <summary>
/// How one document fared. <see cref="TakenAsOwn"/> is the false positive the targets bound: a meeting where the key
/// has none, or a date the document only mentions taken as its meeting's.
/// </summary>
public sealed record DocumentScore(
    string File,
    bool HasMeeting,
    IReadOnlyList<FieldCheck> Checks,
    IReadOnlyList<AttendeeScore> Attendees,
    bool TakenAsOwn,
    IReadOnlyList<string> Misses);

/// <summary>Right answers out of the documents a field applies to.</summary>
public sealed record FieldAccuracy(string Field, int Correct, int Total, double? Target)
{
    public double Accuracy => Total == 0 ? 1 : (double)Correct / Total;

    public bool MeetsTarget => Target is not { } target || Accuracy >= target;
}

/// <summary>
/// Attendee precision and recall of one role, micro-averaged over the corpus (every attendee counts once, so a long
/// list weighs more than a short one). With nothing expected recall is 1; with nothing found precision is 1.
/// </summary>
public sealed record RolePrecisionRecall(AttendeeRole Role, int Found, int Extra, int Missing, double PrecisionTarget, double RecallTarget)
{
    public double Precision => Found + Extra == 0 ? 1 : (double)Found / (Found + Extra);

    public double Recall => Found + Missing == 0 ? 1 : (double)Found / (Found + Missing);

    public bool MeetsTarget => Precision >= PrecisionTarget && Recall >= RecallTarget;
}

/// <summary>The corpus-wide figures, each beside its target, and every document's misses.</summary>
public sealed class EvaluationReport
{
    public const string Kind = "kind";
    public const string MeetingRecognised = "meeting";
    public const string Body = "body";
    public const string Ordinal = "ordinal";
    public const string Start = "start";
    public const string End = "end";
    public const string Place = "place";
    public const string Format = "format";
    public const string CoChairs = "co-chairs";

    private static readonly string[] FieldOrder = [MeetingRecognised, Kind, Body, Ordinal, Start, End, Place, Format, CoChairs];

    public EvaluationReport(IReadOnlyList<DocumentScore> documents, EvaluationTargets targets)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(targets);
        Documents = documents;
        Targets = targets;
        Fields = [.. FieldOrder.Select(field =>
        {
            var checks = documents.SelectMany(d => d.Checks).Where(c => c.Field == field).ToList();
            return new FieldAccuracy(field, checks.Count(c => c.Correct), checks.Count, TargetOf(field, targets));
        })];
        Roles = [.. Enum.GetValues<AttendeeRole>().Select(role =>
        {
            var scores = documents.SelectMany(d => d.Attendees).Where(a => a.Role == role).ToList();
            return new RolePrecisionRecall(role, scores.Sum(s => s.Found), scores.Sum(s => s.Extra), scores.Sum(s => s.Missing),
                targets.AttendeePrecision, targets.AttendeeRecall);
        })];
        TakenAsOwn = documents.Count(d => d.TakenAsOwn);
    }

    public IReadOnlyList<DocumentScore> Documents { get; }

    public EvaluationTargets Targets { get; }

    public IReadOnlyList<FieldAccuracy> Fields { get; }

    public IReadOnlyList<RolePrecisionRecall> Roles { get; }

    public int TakenAsOwn { get; }

    public double TakenAsOwnRate => Documents.Count == 0 ? 0 : (double)TakenAsOwn / Documents.Count;

    public FieldAccuracy Field(string name) => Fields.Single(f => f.Field == name);

    /// <summary>Every figure below its target, in words; empty when the corpus meets them all.</summary>
    public IReadOnlyList<string> Shortfalls
    {
        get
        {
            var shortfalls = new List<string>();
            foreach (var below in Fields.Where(f => !f.MeetsTarget))
            {
                shortfalls.Add($"{below.Field} {Percent(below.Accuracy)} is below the target of {Percent(below.Target!.Value)}");
            }

            foreach (var role in Roles)
            {
                if (role.Precision < role.PrecisionTarget)
                {
                    shortfalls.Add($"{role.Role} precision {Ratio(role.Precision)} is below the target of {Ratio(role.PrecisionTarget)}");
                }

                if (role.Recall < role.RecallTarget)
                {
                    shortfalls.Add($"{role.Role} recall {Ratio(role.Recall)} is below the target of {Ratio(role.RecallTarget)}");
                }
            }

            if (TakenAsOwnRate > Targets.MaxMentionedTakenAsOwn)
            {
                shortfalls.Add($"a mentioned date or meeting was taken as the document's own in {TakenAsOwn} of {Documents.Count} documents, above the limit of {Percent(Targets.MaxMentionedTakenAsOwn)}");
            }

            return shortfalls;
        }
    }

    public bool MeetsTargets => Shortfalls.Count == 0;

    /// <summary>The report as the CLI prints it: figures with targets, then each document's misses.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var withMeeting = Documents.Count(d => d.HasMeeting);
        text.AppendLine(CultureInfo.InvariantCulture, $"{Documents.Count} documents, {withMeeting} reporting a meeting of their own.");
        text.AppendLine();
        text.AppendLine("field        correct   accuracy  target");
        foreach (var field in Fields)
        {
            var target = field.Target is { } t ? Percent(t) : "-";
            var mark = field.MeetsTarget ? "" : "  BELOW";
            text.AppendLine(CultureInfo.InvariantCulture, $"{field.Field,-12} {field.Correct,3}/{field.Total,-4} {Percent(field.Accuracy),8}  {target,6}{mark}");
        }

        text.AppendLine();
        text.AppendLine("attendees    found  extra  missing  precision  recall  targets");
        foreach (var role in Roles)
        {
            var mark = role.MeetsTarget ? "" : "  BELOW";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{role.Role,-12} {role.Found,5}  {role.Extra,5}  {role.Missing,7}  {Ratio(role.Precision),9}  {Ratio(role.Recall),6}  >={Ratio(role.PrecisionTarget)} / >={Ratio(role.RecallTarget)}{mark}");
        }

        text.AppendLine();
        var limitMark = TakenAsOwnRate > Targets.MaxMentionedTakenAsOwn ? "  BELOW" : "";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"mentioned date or meeting taken as the document's own: {TakenAsOwn} of {Documents.Count} ({Percent(TakenAsOwnRate)}; at most {Percent(Targets.MaxMentionedTakenAsOwn)}){limitMark}");

        var missed = Documents.Where(d => d.Misses.Count > 0).ToList();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"misses ({missed.Count} of {Documents.Count} documents):");
        foreach (var document in missed)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {document.File}");
            foreach (var miss in document.Misses)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    - {miss}");
            }
        }

        text.AppendLine();
        var shortfalls = Shortfalls;
        text.AppendLine(shortfalls.Count == 0 ? "All targets met." : $"Below target: {string.Join("; ", shortfalls)}.");
        return text.ToString();
    }

    private static double? TargetOf(string field, EvaluationTargets targets) => field switch
    {
        MeetingRecognised => targets.MeetingRecognised,
        Body => targets.Body,
        Start => targets.Start,
        End => targets.End,
        Place => targets.Place,
        Format => targets.Format,
        CoChairs => targets.CoChairs,
        _ => null,
    };

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

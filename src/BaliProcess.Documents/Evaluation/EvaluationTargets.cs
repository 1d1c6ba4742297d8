namespace BaliProcess.Documents.Evaluation;

/// <summary>
/// The quality the importer must reach on the evaluation corpus (issue 9), kept in this one place so that the CLI
/// verb, its tests and the documentation cannot drift apart. Fractions from 0 to 1.
/// </summary>
public sealed record EvaluationTargets(
    double MeetingRecognised,
    double Body,
    double Start,
    double End,
    double Place,
    double Format,
    double CoChairs,
    double AttendeePrecision,
    double AttendeeRecall,
    double MaxMentionedTakenAsOwn)
{
    public static EvaluationTargets Issue9 { get; } = new(
        MeetingRecognised: 0.90,
        Body: 0.90,
        Start: 0.90,
        End: 0.90,
        Place: 0.85,
        Format: 0.85,
        CoChairs: 0.85,
        AttendeePrecision: 0.90,
        AttendeeRecall: 0.85,
        MaxMentionedTakenAsOwn: 1.0 / 20);
}

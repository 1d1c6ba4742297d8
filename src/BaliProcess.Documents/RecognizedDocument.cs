namespace BaliProcess.Documents;

/// <summary>The kinds of Bali Process document the recognizer knows.</summary>
public enum DocumentKind
{
    CoChairsStatement,
    Declaration,
    ProgressReport,
    SummaryOfActivities,
    PolicyGuide,
    QuickReferenceGuide,
    Curriculum,
    Handbook,
    Other,

    // Appended after Other: kinds are stored as numbers, so existing values must never move.
    MediaRelease,
    NewsArticle,
    EventPage,
    BackgroundNote,
}

/// <summary>
/// What the recognizer found in one document. <see cref="Date"/> is the meeting's first day for statements
/// and the first of the month for month-only dates (such as a progress report dated "October 2017").
/// <see cref="Warnings"/> lists everything that was inferred, skipped or missing, so an importer can show it.
/// </summary>
public sealed record RecognizedDocument(
    DocumentKind Kind,
    string Title,
    DateOnly? Date,
    string Language,
    MeetingInfo? Meeting,
    IReadOnlyList<ActivityInfo> Activities,
    ProgressReportInfo? ProgressReport,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Points a person should check before the import is trusted (contradictory dates, unmatched names...).</summary>
    public IReadOnlyList<ReviewFlag> Review { get; init; } = [];
}

public enum MeetingFormat
{
    InPerson,
    Virtual,
    Hybrid,
}

/// <summary>
/// The meeting a statement reports on. <see cref="Format"/> is null when the document does not state it.
/// <see cref="BodyCode"/> is empty when no known body could be recognised (a warning says so).
/// </summary>
public sealed record MeetingInfo(
    string BodyCode,
    int? Ordinal,
    string Title,
    DateOnly StartDate,
    DateOnly EndDate,
    string? Place,
    MeetingFormat? Format,
    IReadOnlyList<string> CoChairCodes,
    IReadOnlyList<AttendeeInfo> Attendees,
    IReadOnlyList<AgendaItemInfo> AgendaItems,
    IReadOnlyList<OutcomeInfo> Outcomes);

public enum AttendeeRole
{
    Participant,
    Observer,
    Apology,
}

/// <summary>
/// One attendee of a meeting. <see cref="Code"/> is the Directory code when the name resolved; null when it matched
/// nothing (<see cref="Name"/> is then the name as written, cleaned of articles and trailing punctuation), so an
/// attendee the catalogue lacks is never dropped. Co-chairs stay in <see cref="MeetingInfo.CoChairCodes"/>.
/// </summary>
public sealed record AttendeeInfo(string? Code, string Name, AttendeeRole Role)
{
    public AttendeeInfo(string code, bool isObserver) : this(code, code, isObserver ? AttendeeRole.Observer : AttendeeRole.Participant) { }

    public bool IsObserver => Role == AttendeeRole.Observer;
}

/// <summary>
/// A point a person should check. <see cref="Field"/> is one of "kind", "body", "ordinal", "dates", "place", "format",
/// "co-chairs", "attendees"; <see cref="Code"/> a stable kebab-case reason ("contradictory-dates",
/// "date-from-elsewhere", "unmatched-attendee", "no-text-layer", ...) the web side translates; <see cref="Detail"/>
/// an English sentence.
/// </summary>
public sealed record ReviewFlag(string Field, string Code, string Detail);

public sealed record AgendaItemInfo(int Number, string Title);

public enum OutcomeVerb
{
    Agreed,
    Noted,
    Welcomed,
    Recommended,
    Endorsed,
    Supported,
    Commended,
    Affirmed,
}

/// <summary>One decision or position of a meeting; <see cref="Sequence"/> is its 1-based order in the document.</summary>
public sealed record OutcomeInfo(OutcomeVerb Verb, string Text, int Sequence);

public enum ActivityKind
{
    MinisterialConference,
    SeniorOfficialsMeeting,
    SteeringGroupMeeting,
    AdHocGroupMeeting,
    Workshop,
    SideEvent,
    Meeting,
    Other,
}

/// <summary>
/// One dated entry of a summary of activities. <see cref="Coordinator"/> and <see cref="BodyCode"/> are
/// catalog codes when the name resolves, otherwise the text as written.
/// </summary>
public sealed record ActivityInfo(
    int Year,
    int Month,
    int? Day,
    string Title,
    string? Place,
    string? Coordinator,
    string? BodyCode,
    ActivityKind Kind,
    string? Produced);

public sealed record ProgressReportInfo(string Title, DateOnly? Date, IReadOnlyList<ProgressThemeInfo> Themes);

public sealed record ProgressThemeInfo(int Number, string Title, IReadOnlyList<ProgressActionInfo> Actions);

/// <summary>
/// One row of a progress report. <see cref="Leads"/> holds catalog codes where a member or body resolves
/// ("TIPs Working Group" becomes "WG-TIP", "Bangladesh" becomes "BGD") and the cleaned text otherwise
/// ("AHG members"); <see cref="Funders"/> holds the funders as written ("NZ" from "RSO (NZ funded)").
/// </summary>
public sealed record ProgressActionInfo(
    string Number,
    string Text,
    string WhoRaw,
    IReadOnlyList<string> Leads,
    IReadOnlyList<string> Funders,
    IReadOnlyList<string> DetailParagraphs,
    IReadOnlyList<QuantityInfo> Quantities);

/// <summary>A counted result such as "72 persons convicted"; <see cref="Phrase"/> is the clause it came from.</summary>
public sealed record QuantityInfo(decimal Value, string Unit, string Phrase);

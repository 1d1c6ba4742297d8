using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BaliProcess.Documents;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// The upload page's form: the file and its distribution, then every field of the preview as plain form fields.
/// Lists are text areas with one entry per line, so the page needs no script to add or remove entries.
/// </summary>
public sealed class ImportDraftForm
{
    public IFormFile? File { get; set; }

    /// <summary>The pending upload the preview belongs to.</summary>
    public string? Token { get; set; }

    public DistributionScope? Scope { get; set; } = DistributionScope.OwnMember;

    public string? NamedMembers { get; set; }

    public DocumentKind? Kind { get; set; }

    public string? Title { get; set; }

    public string? Date { get; set; }

    public string? Language { get; set; }

    public Guid? TranslationOf { get; set; }

    public bool HasMeeting { get; set; }

    public string? MeetingBody { get; set; }

    public string? MeetingOrdinal { get; set; }

    public string? MeetingTitle { get; set; }

    public string? MeetingStart { get; set; }

    public string? MeetingEnd { get; set; }

    public string? MeetingPlace { get; set; }

    public MeetingFormat? MeetingFormat { get; set; }

    /// <summary>Member codes, one per line (or separated by commas).</summary>
    public string? CoChairs { get; set; }

    public string? Attendees { get; set; }

    public string? Observers { get; set; }

    /// <summary>Members that sent apologies, like <see cref="Attendees"/>.</summary>
    public string? Apologies { get; set; }

    /// <summary>"2. Title", one item per line.</summary>
    public string? Agenda { get; set; }

    /// <summary>"Welcomed: text"; a line that does not start with a verb continues the outcome above it.</summary>
    public string? Outcomes { get; set; }

    /// <summary>"2002-02 | Title | Place | Coordinator | Body | Kind | Produced", one activity per line.</summary>
    public string? Activities { get; set; }

    public IReadOnlyList<string> NamedMemberCodes =>
        (NamedMembers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Between an <see cref="ImportDraft"/> and the text fields of <see cref="ImportDraftForm"/>, both ways.</summary>
public static partial class ImportDraftText
{
    private const string DateFormat = "yyyy-MM-dd";

    public static void Fill(ImportDraftForm form, ImportDraft draft)
    {
        var culture = CultureInfo.InvariantCulture;
        form.Kind = draft.Kind;
        form.Title = draft.Title;
        form.Date = draft.Date?.ToString(DateFormat, culture);
        form.Language = draft.Language;
        form.TranslationOf = draft.TranslationOfId;
        form.HasMeeting = draft.Meeting is not null;
        if (draft.Meeting is { } m)
        {
            form.MeetingBody = m.BodyCode;
            form.MeetingOrdinal = m.Ordinal?.ToString(culture);
            form.MeetingTitle = m.Title;
            form.MeetingStart = m.StartDate.ToString(DateFormat, culture);
            form.MeetingEnd = m.EndDate.ToString(DateFormat, culture);
            form.MeetingPlace = m.Place;
            form.MeetingFormat = m.Format;
            form.CoChairs = string.Join('\n', m.CoChairCodes);
            form.Attendees = AttendeeLines(m.Attendees, AttendeeRole.Participant);
            form.Observers = AttendeeLines(m.Attendees, AttendeeRole.Observer);
            form.Apologies = AttendeeLines(m.Attendees, AttendeeRole.Apology);
            form.Agenda = string.Join('\n', m.AgendaItems.Select(a => $"{a.Number.ToString(culture)}. {a.Title}"));
            form.Outcomes = string.Join('\n', m.Outcomes.OrderBy(o => o.Sequence).Select(o => $"{o.Verb}: {o.Text}"));
        }

        form.Activities = string.Join('\n', draft.Activities.Select(ActivityLine));
    }

    /// <summary>The draft the form describes; field errors go to <paramref name="validation"/> under the form's property names.</summary>
    public static ImportDraft Read(ImportDraftForm form, Validation validation)
    {
        var date = OptionalDate(form.Date, "date", validation);
        MeetingInfo? meeting = null;
        if (form.HasMeeting)
        {
            var start = OptionalDate(form.MeetingStart, "meetingStart", validation);
            var end = OptionalDate(form.MeetingEnd, "meetingEnd", validation) ?? start;
            if (start is null && string.IsNullOrWhiteSpace(form.MeetingStart))
            {
                validation.Add("meetingStart", "Give the date the meeting started.");
            }

            int? ordinal = null;
            if (!string.IsNullOrWhiteSpace(form.MeetingOrdinal))
            {
                if (int.TryParse(form.MeetingOrdinal.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    ordinal = n;
                }
                else
                {
                    validation.Add("meetingOrdinal", "The meeting's number must be from 1 to 999.");
                }
            }

            var attendees = Attendees(form.Attendees, AttendeeRole.Participant)
                .Concat(Attendees(form.Observers, AttendeeRole.Observer))
                .Concat(Attendees(form.Apologies, AttendeeRole.Apology))
                .ToList();
            meeting = new MeetingInfo(
                (form.MeetingBody ?? "").Trim(), ordinal, form.MeetingTitle ?? "", start ?? default, end ?? start ?? default, form.MeetingPlace,
                form.MeetingFormat, Codes(form.CoChairs), attendees, Agenda(form.Agenda), Outcomes(form.Outcomes, validation));
        }

        return new ImportDraft(
            form.Kind ?? (DocumentKind)(-1),
            form.Title ?? "",
            date,
            form.Language ?? "",
            form.TranslationOf,
            meeting,
            Activities(form.Activities, validation));
    }

    public static string ActivityLine(ActivityInfo a)
    {
        var culture = CultureInfo.InvariantCulture;
        var date = a.Day is { } day
            ? $"{a.Year.ToString("0000", culture)}-{a.Month.ToString("00", culture)}-{day.ToString("00", culture)}"
            : $"{a.Year.ToString("0000", culture)}-{a.Month.ToString("00", culture)}";
        return string.Join(" | ", date, a.Title, a.Place ?? "", a.Coordinator ?? "", a.BodyCode ?? "", a.Kind.ToString(), a.Produced ?? "").TrimEnd(' ', '|');
    }

    private static DateOnly? OptionalDate(string? text, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        validation.Add(field, "'{0}' is not a date: write it as YYYY-MM-DD.", text.Trim());
        return null;
    }

    /// <summary>The prefix of a line that names a participant the Directory does not know ("name:Pacific Islands Forum Secretariat").</summary>
    public const string NamePrefix = "name:";

    /// <summary>One line per participant: a Directory code, or a name that matched nothing after <see cref="NamePrefix"/>.</summary>
    private static string AttendeeLines(IEnumerable<AttendeeInfo> attendees, AttendeeRole role) =>
        string.Join('\n', attendees.Where(a => a.Role == role).Select(a => a.Code ?? NamePrefix + a.Name));

    /// <summary>Lines back into attendees: a "name:" line is kept by name; other lines hold codes, separated by spaces or commas.</summary>
    private static IEnumerable<AttendeeInfo> Attendees(string? text, AttendeeRole role)
    {
        foreach (var line in Lines(text))
        {
            if (line.StartsWith(NamePrefix, StringComparison.OrdinalIgnoreCase))
            {
                var name = line[NamePrefix.Length..].Trim();
                if (name.Length > 0)
                {
                    yield return new AttendeeInfo(null, name, role);
                }

                continue;
            }

            foreach (var code in Codes(line))
            {
                yield return new AttendeeInfo(code, code, role);
            }
        }
    }

    private static List<string> Codes(string? text) =>
        CodeSeparators().Split(text ?? "").Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static List<AgendaItemInfo> Agenda(string? text)
    {
        var items = new List<AgendaItemInfo>();
        foreach (var line in Lines(text))
        {
            var match = NumberedLine().Match(line);
            items.Add(match.Success
                ? new AgendaItemInfo(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value.Trim())
                : new AgendaItemInfo(items.Count + 1, line));
        }

        return items;
    }

    private static List<OutcomeInfo> Outcomes(string? text, Validation validation)
    {
        var outcomes = new List<(OutcomeVerb Verb, StringBuilder Text)>();
        var lineNumber = 0;
        foreach (var line in (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var match = VerbLine().Match(line);
            if (match.Success && Enum.TryParse<OutcomeVerb>(match.Groups[1].Value, ignoreCase: true, out var verb) && Enum.IsDefined(verb))
            {
                outcomes.Add((verb, new StringBuilder(match.Groups[2].Value.Trim())));
            }
            else if (outcomes.Count > 0)
            {
                // Outcomes that quote a list keep their line breaks.
                outcomes[^1].Text.Append('\n').Append(line.TrimEnd());
            }
            else
            {
                validation.Add("outcomes", "Line {0}: start an outcome with one of {1} and a colon.", lineNumber, string.Join(", ", Enum.GetNames<OutcomeVerb>()));
            }
        }

        return outcomes.Select((o, i) => new OutcomeInfo(o.Verb, o.Text.ToString(), i + 1)).ToList();
    }

    private static List<ActivityInfo> Activities(string? text, Validation validation)
    {
        var activities = new List<ActivityInfo>();
        var number = 0;
        foreach (var line in Lines(text))
        {
            number++;
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            var date = DateCell().Match(cells[0]);
            if (cells.Length < 2 || !date.Success)
            {
                validation.Add("activities", "Activity {0}: write the date (YYYY-MM or YYYY-MM-DD), then the title, separated by |.", number);
                continue;
            }

            string? Cell(int i) => i < cells.Length && cells[i].Length > 0 ? cells[i] : null;
            var kind = ActivityKind.Other;
            if (Cell(5) is { } kindText && (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind)))
            {
                validation.Add("activities", "Activity {0}: '{1}' is not a kind of activity; use one of {2}.", number, kindText, string.Join(", ", Enum.GetNames<ActivityKind>()));
                continue;
            }

            var produced = cells.Length > 6 ? string.Join(" | ", cells[6..]).Trim() : null;
            activities.Add(new ActivityInfo(
                int.Parse(date.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(date.Groups[2].Value, CultureInfo.InvariantCulture),
                date.Groups[3].Success ? int.Parse(date.Groups[3].Value, CultureInfo.InvariantCulture) : null,
                cells[1], Cell(2), Cell(3), Cell(4)?.ToUpperInvariant(), kind, string.IsNullOrEmpty(produced) ? null : produced));
        }

        return activities;
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    [GeneratedRegex(@"[\s,;]+")]
    private static partial Regex CodeSeparators();

    [GeneratedRegex(@"^(\d{1,3})[.)]\s*(.+)$")]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"^\s*([A-Za-z]+)\s*:\s*(.*)$")]
    private static partial Regex VerbLine();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")]
    private static partial Regex DateCell();
}

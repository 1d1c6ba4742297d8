using System.Globalization;
using BaliProcess.Documents;
using BaliProcess.Web.Infrastructure.Localization;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// Marker for the Library module's strings (Resources/Features/Library/LibraryText.*.resx), and the English labels
/// (translation keys) of its enumerations.
/// </summary>
public sealed class LibraryText
{
    public static string KindLabel(DocumentKind kind) => kind switch
    {
        DocumentKind.CoChairsStatement => "Co-Chairs' statement",
        DocumentKind.Declaration => "Declaration",
        DocumentKind.ProgressReport => "Progress report",
        DocumentKind.SummaryOfActivities => "Summary of activities",
        DocumentKind.PolicyGuide => "Policy guide",
        DocumentKind.QuickReferenceGuide => "Quick reference guide",
        DocumentKind.Curriculum => "Curriculum",
        DocumentKind.Handbook => "Handbook",
        DocumentKind.MediaRelease => "Media release",
        DocumentKind.NewsArticle => "News article",
        DocumentKind.EventPage => "Event page",
        DocumentKind.BackgroundNote => "Background note",
        _ => "Other document",
    };

    public static string FormatLabel(MeetingFormatKind? format) => format switch
    {
        MeetingFormatKind.InPerson => "In person",
        MeetingFormatKind.Virtual => "Virtual",
        MeetingFormatKind.Hybrid => "Hybrid",
        _ => "Not stated",
    };

    public static string FormatLabel(MeetingFormat format) => FormatLabel(format switch
    {
        MeetingFormat.InPerson => MeetingFormatKind.InPerson,
        MeetingFormat.Virtual => MeetingFormatKind.Virtual,
        _ => MeetingFormatKind.Hybrid,
    });

    public static string VerbLabel(OutcomeVerb verb) => verb switch
    {
        OutcomeVerb.Agreed => "Agreed",
        OutcomeVerb.Noted => "Noted",
        OutcomeVerb.Welcomed => "Welcomed",
        OutcomeVerb.Recommended => "Recommended",
        OutcomeVerb.Endorsed => "Endorsed",
        OutcomeVerb.Supported => "Supported",
        OutcomeVerb.Commended => "Commended",
        _ => "Affirmed",
    };

    public static string ActivityKindLabel(ActivityKind kind) => kind switch
    {
        ActivityKind.MinisterialConference => "Ministerial conference",
        ActivityKind.SeniorOfficialsMeeting => "Senior officials' meeting",
        ActivityKind.SteeringGroupMeeting => "Steering group meeting",
        ActivityKind.AdHocGroupMeeting => "Ad Hoc Group meeting",
        ActivityKind.Workshop => "Workshop",
        ActivityKind.SideEvent => "Side event",
        ActivityKind.Meeting => "Meeting",
        _ => "Other activity",
    };

    public static string RoleLabel(ParticipantRole role) => role switch
    {
        ParticipantRole.CoChair => "Co-chair",
        ParticipantRole.Observer => "Observer",
        ParticipantRole.Apology => "Sent apologies",
        _ => "Attendee",
    };

    /// <summary>A language's own name ("ไทย" for th): the platform's one rule, in <see cref="Formats.LanguageName"/>.</summary>
    public static string LanguageName(string tag) => Formats.LanguageName(tag);

    /// <summary>"27–29 July 2009", "6 December 2022": the forms the documents use.</summary>
    public static string DateRange(DateOnly start, DateOnly end, CultureInfo culture)
    {
        if (start == end)
        {
            return start.ToString("d MMMM yyyy", culture);
        }

        if (start.Year == end.Year && start.Month == end.Month)
        {
            return $"{start.Day.ToString(culture)}–{end.ToString("d MMMM yyyy", culture)}";
        }

        return start.Year == end.Year
            ? $"{start.ToString("d MMMM", culture)} – {end.ToString("d MMMM yyyy", culture)}"
            : $"{start.ToString("d MMMM yyyy", culture)} – {end.ToString("d MMMM yyyy", culture)}";
    }

    /// <summary>An activity's date at the precision it is known: "February 2002" or "14 February 2002".</summary>
    public static string ActivityDate(int year, int month, int? day, CultureInfo culture)
    {
        if (month is < 1 or > 12)
        {
            return year.ToString(culture);
        }

        var date = new DateOnly(year, month, day is { } d && d >= 1 && d <= DateTime.DaysInMonth(year, month) ? d : 1);
        return day is null ? date.ToString("MMMM yyyy", culture) : date.ToString("d MMMM yyyy", culture);
    }
}

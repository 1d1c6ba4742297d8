using System.Globalization;
using BaliProcess.Web.Infrastructure.Localization;

namespace BaliProcess.Web.Features.Training;

/// <summary>Marker for the Training module's strings (Resources/Features/Training/TrainingText.*.resx), and the English keys of its labels.</summary>
public sealed class TrainingText
{
    public static string LevelLabel(CourseLevel level) => level switch
    {
        CourseLevel.Introductory => "Introductory",
        CourseLevel.Intermediate => "Intermediate",
        CourseLevel.Advanced => "Advanced",
        _ => "Training of trainers",
    };

    public static string DeliveryLabel(Delivery delivery) => delivery switch
    {
        Delivery.InPerson => "In person",
        Delivery.Online => "Online",
        _ => "Blended",
    };

    public static string StatusLabel(SessionStatus status) => status switch
    {
        SessionStatus.Planned => "Planned",
        SessionStatus.Open => "Open for nominations",
        SessionStatus.Full => "Full",
        SessionStatus.Held => "Held",
        _ => "Cancelled",
    };

    /// <summary>"4–7 April 2017", or "November 2016" where the documents give only the month.</summary>
    public static string Dates(SessionView session)
    {
        if (session.MonthOnly)
        {
            return session.StartDate.ToString("MMMM yyyy", CultureInfo.CurrentCulture);
        }

        return session.StartDate == session.EndDate
            ? Formats.Date(session.StartDate)
            : $"{Formats.Date(session.StartDate)} – {Formats.Date(session.EndDate)}";
    }

    public static string Languages(IEnumerable<string> codes) => string.Join(", ", codes.Select(Formats.LanguageName));
}

using System.Globalization;
using System.Text.RegularExpressions;
using BaliProcess.Documents;

namespace BaliProcess.Web.Features.Actions;

/// <summary>A count found in an action's status details that can become an indicator value; <see cref="Key"/> names it in the preview form.</summary>
public sealed record FoundQuantity(string Key, double Value, string Unit, string Phrase);

/// <summary>One row of a progress report as the tracker will record it: what the import page previews and the import saves.</summary>
public sealed record ActionReading(int ThemeNumber, string ThemeTitle, string Number, string Text, string Who, IReadOnlyList<string> Leads,
    IReadOnlyList<string> Funders, InferredStatus Status, DateOnly? DueDate, IReadOnlyList<string> Paragraphs, IReadOnlyList<FoundQuantity> Quantities);

/// <summary>
/// Reads the recognizer's progress-report table into tracker terms, the same way for the preview and for the save:
/// the status by <see cref="StatusInference"/>, a due date only where the text says "by &lt;date&gt;" ("to be delivered by
/// 31 March 2018", "by second quarter 2018"), and the quantities with repeats of the same count of the same unit dropped.
/// </summary>
public static partial class ProgressReportReading
{
    public static IReadOnlyList<ActionReading> Read(ProgressReportInfo report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Themes.SelectMany(theme => theme.Actions.Select(action => new ActionReading(
                theme.Number,
                string.IsNullOrWhiteSpace(theme.Title) ? $"Theme {theme.Number}" : theme.Title.Trim(),
                action.Number,
                action.Text.Trim(),
                action.WhoRaw.Trim(),
                action.Leads,
                action.Funders,
                StatusInference.Infer(action.DetailParagraphs),
                DueDate(action.DetailParagraphs),
                action.DetailParagraphs,
                Quantities(action))))
            .ToList();
    }

    public static string QuantityKey(string actionNumber, int index) => $"{actionNumber}#{index}";

    /// <summary>The indicator a quantity is counted under: "persons convicted" → name "Persons convicted", unit "persons".</summary>
    public static (string Name, string Unit) IndicatorOf(string unit)
    {
        var words = unit.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return ("Count", "count");
        }

        var name = char.ToUpperInvariant(unit.Trim()[0]) + unit.Trim()[1..];
        var noun = words[0] == "new" && words.Length > 1 ? words[1] : words[0];
        return (name, noun);
    }

    private static List<FoundQuantity> Quantities(ProgressActionInfo action)
    {
        var seen = new HashSet<(decimal, string)>();
        var found = new List<FoundQuantity>();
        for (var i = 0; i < action.Quantities.Count; i++)
        {
            var q = action.Quantities[i];
            if (seen.Add((q.Value, q.Unit)))
            {
                found.Add(new FoundQuantity(QuantityKey(action.Number, i), (double)q.Value, q.Unit, q.Phrase));
            }
        }

        return found;
    }

    private static DateOnly? DueDate(IReadOnlyList<string> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            var day = ByDate().Match(paragraph);
            if (day.Success && DateTime.TryParseExact(day.Groups["month"].Value, "MMMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            {
                var year = int.Parse(day.Groups["year"].Value, CultureInfo.InvariantCulture);
                var last = DateTime.DaysInMonth(year, month.Month);
                var d = day.Groups["day"].Success ? int.Parse(day.Groups["day"].Value, CultureInfo.InvariantCulture) : last;
                return d >= 1 && d <= last ? new DateOnly(year, month.Month, d) : null;
            }

            var quarter = ByQuarter().Match(paragraph);
            if (quarter.Success)
            {
                var q = quarter.Groups["q"].Value.ToLowerInvariant() switch
                {
                    "first" or "1st" => 1,
                    "second" or "2nd" => 2,
                    "third" or "3rd" => 3,
                    _ => 4,
                };
                var year = int.Parse(quarter.Groups["year"].Value, CultureInfo.InvariantCulture);
                return new DateOnly(year, q * 3, DateTime.DaysInMonth(year, q * 3));
            }
        }

        return null;
    }

    [GeneratedRegex(@"\bby\s+(?:the\s+)?(?:end\s+of\s+)?(?:(?<day>\d{1,2})\s+)?(?<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?<year>(?:19|20)\d\d)\b", RegexOptions.None, 1000)]
    private static partial Regex ByDate();

    [GeneratedRegex(@"\bby\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?(?<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?(?<year>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ByQuarter();
}

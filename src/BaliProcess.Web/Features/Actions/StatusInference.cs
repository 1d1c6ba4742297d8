using System.Text.RegularExpressions;

namespace BaliProcess.Web.Features.Actions;

/// <summary>The status read from a report's status text, and the words that decided it (shown in the import preview).</summary>
public sealed record InferredStatus(ActionStatus Status, string Reason);

/// <summary>
/// Infers an imported action's status from the words of its status details, conservatively: a report's prose is
/// not a status field, so only explicit words count, and the checks run in this order (the first that holds wins):
/// <list type="number">
/// <item>"dormant" → <see cref="ActionStatus.Dormant"/>.</item>
/// <item>"discontinued", "abandoned", "cancelled" → <see cref="ActionStatus.Discontinued"/>.</item>
/// <item>"has not (yet) started / commenced / begun" → <see cref="ActionStatus.NotStarted"/>.</item>
/// <item>A completion stated in the past tense ("was completed", "has been finalised", "were endorsed") and nothing
/// in the whole text about work still going on or to come ("will", "continue", "ongoing", "planned", "currently",
/// "further", "next", "being", "to be", "under way") → <see cref="ActionStatus.Completed"/>.</item>
/// <item>"under way", "underway", "under development", "being developed", "planned", "has begun", "to be delivered",
/// "not yet completed / finalised" → <see cref="ActionStatus.UnderWay"/>.</item>
/// <item>Otherwise → <see cref="ActionStatus.Ongoing"/>.</item>
/// </list>
/// </summary>
public static partial class StatusInference
{
    public static InferredStatus Infer(IEnumerable<string> paragraphs)
    {
        var text = string.Join(' ', paragraphs ?? []);
        if (Dormant().Match(text) is { Success: true } dormant)
        {
            return new(ActionStatus.Dormant, dormant.Value);
        }

        if (Discontinued().Match(text) is { Success: true } discontinued)
        {
            return new(ActionStatus.Discontinued, discontinued.Value);
        }

        if (NotStarted().Match(text) is { Success: true } notStarted)
        {
            return new(ActionStatus.NotStarted, notStarted.Value);
        }

        var completed = Completed().Match(text);
        if (completed.Success && !NotYet().IsMatch(text) && !StillGoing().IsMatch(text))
        {
            return new(ActionStatus.Completed, completed.Value);
        }

        if (UnderWay().Match(text) is { Success: true } underWay)
        {
            return new(ActionStatus.UnderWay, underWay.Value);
        }

        if (NotYet().Match(text) is { Success: true } notYet)
        {
            return new(ActionStatus.UnderWay, notYet.Value);
        }

        return new(ActionStatus.Ongoing, "");
    }

    [GeneratedRegex(@"\bdormant\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Dormant();

    [GeneratedRegex(@"\b(?:discontinued|abandoned|cancelled|canceled)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Discontinued();

    [GeneratedRegex(@"\b(?:has|have)\s+not\s+(?:yet\s+)?(?:started|commenced|begun)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex NotStarted();

    [GeneratedRegex(@"\b(?:was|were|has\s+been|have\s+been|is\s+now|are\s+now)\s+(?:successfully\s+)?(?:completed|finali[sz]ed|endorsed)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Completed();

    [GeneratedRegex(@"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:completed|finali[sz]ed|endorsed)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex NotYet();

    [GeneratedRegex(@"\b(?:will|continues?|continued|continuing|ongoing|planned|planning|currently|further|next|being|to\s+be|under\s*way|under\s+development)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex StillGoing();

    [GeneratedRegex(@"\b(?:under\s*way|under\s+development|being\s+developed|(?:tentatively\s+)?planned|(?:has|have)\s+begun|to\s+be\s+delivered)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex UnderWay();
}

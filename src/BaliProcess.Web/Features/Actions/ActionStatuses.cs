namespace BaliProcess.Web.Features.Actions;

/// <summary>Reading and classifying statuses, shared by the API, the pages, the import and the reports.</summary>
public static class ActionStatuses
{
    /// <summary>The status names the API accepts, in their natural order.</summary>
    public static readonly IReadOnlyList<string> AllowedNames = Enum.GetNames<ActionStatus>();

    /// <summary>
    /// Reads a status as an API client or a form sends it: the enum name in any case, or the label with spaces,
    /// hyphens or underscores ("under way", "not-started"). Numbers are refused, so a typo never lands on a status.
    /// </summary>
    public static ActionStatus? Parse(string? text)
    {
        var squeezed = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '_').ToArray());
        if (squeezed.Length == 0 || squeezed.All(char.IsDigit))
        {
            return null;
        }

        return Enum.TryParse<ActionStatus>(squeezed, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : null;
    }

    /// <summary>Completed and discontinued actions need no more updates: they are never overdue, stale or in a reminder.</summary>
    public static bool IsClosed(ActionStatus status) => status is ActionStatus.Completed or ActionStatus.Discontinued;

    /// <summary>Actions that are expected to report progress: not closed and not dormant.</summary>
    public static bool ExpectsUpdates(ActionStatus status) => !IsClosed(status) && status != ActionStatus.Dormant;

    public static readonly IReadOnlyList<ActionStatus> ExpectingUpdates = [ActionStatus.NotStarted, ActionStatus.UnderWay, ActionStatus.Ongoing];
}

/// <summary>Orders action numbers as people read them: 1.2 before 1.10, 4.1 before 4.1a.</summary>
public sealed class ActionNumberComparer : IComparer<string>
{
    public static readonly ActionNumberComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Parts(x);
        var b = Parts(y);
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i >= a.Count)
            {
                return -1;
            }

            if (i >= b.Count)
            {
                return 1;
            }

            var (an, asuffix) = a[i];
            var (bn, bsuffix) = b[i];
            var byNumber = an.CompareTo(bn);
            if (byNumber != 0)
            {
                return byNumber;
            }

            var bySuffix = string.CompareOrdinal(asuffix, bsuffix);
            if (bySuffix != 0)
            {
                return bySuffix;
            }
        }

        return 0;
    }

    private static List<(long Number, string Suffix)> Parts(string? number) =>
        (number ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(part =>
            {
                var digits = new string(part.TakeWhile(char.IsDigit).ToArray());
                return (digits.Length is > 0 and < 18 ? long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue, part[digits.Length..]);
            })
            .ToList();
}

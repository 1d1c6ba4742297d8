namespace BaliProcess.Web.Features.Actions;

/// <summary>A theme's progress: the status it rolls up to, and the counts behind it.</summary>
/// <param name="Status">Null for a theme without actions.</param>
/// <param name="Active">Actions that count: every action except dormant and discontinued ones.</param>
/// <param name="Completed">Active actions that are completed.</param>
/// <param name="PercentComplete">Completed out of active, rounded down; null when nothing is active.</param>
public sealed record ThemeProgress(ActionStatus? Status, int Total, int Active, int Completed, int? PercentComplete);

/// <summary>
/// The roll-up rule for a theme (docs/user-guide/actions.md, "How a theme's status is worked out"). Only active actions
/// count: dormant and discontinued ones are set aside. Then, the first rule that holds wins:
/// <list type="number">
/// <item>No actions → no status.</item>
/// <item>No active action → Dormant if any action is dormant, otherwise Discontinued.</item>
/// <item>Every active action completed → Completed.</item>
/// <item>Every active action not started → Not started.</item>
/// <item>Any active action under way, or some not started beside some started → Under way.</item>
/// <item>Otherwise (ongoing work, possibly beside completed actions) → Ongoing.</item>
/// </list>
/// </summary>
public static class ThemeRollup
{
    public static ThemeProgress Compute(IReadOnlyCollection<ActionStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var active = statuses.Where(s => s is not ActionStatus.Dormant and not ActionStatus.Discontinued).ToList();
        var completed = active.Count(s => s == ActionStatus.Completed);
        int? percent = active.Count == 0 ? null : completed * 100 / active.Count;
        return new ThemeProgress(StatusOf(statuses, active), statuses.Count, active.Count, completed, percent);
    }

    private static ActionStatus? StatusOf(IReadOnlyCollection<ActionStatus> all, List<ActionStatus> active)
    {
        if (all.Count == 0)
        {
            return null;
        }

        if (active.Count == 0)
        {
            return all.Contains(ActionStatus.Dormant) ? ActionStatus.Dormant : ActionStatus.Discontinued;
        }

        if (active.All(s => s == ActionStatus.Completed))
        {
            return ActionStatus.Completed;
        }

        if (active.All(s => s == ActionStatus.NotStarted))
        {
            return ActionStatus.NotStarted;
        }

        if (active.Contains(ActionStatus.UnderWay) || active.Contains(ActionStatus.NotStarted))
        {
            return ActionStatus.UnderWay;
        }

        return ActionStatus.Ongoing;
    }
}

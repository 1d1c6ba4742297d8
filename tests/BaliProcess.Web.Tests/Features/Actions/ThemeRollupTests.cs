using BaliProcess.Web.Features.Actions;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>The roll-up rule of docs/user-guide/actions.md, rule by rule.</summary>
public sealed class ThemeRollupTests
{
    private static ThemeProgress Rollup(params ActionStatus[] statuses) => ThemeRollup.Compute(statuses);

    [Fact]
    public void Rollup_NoActions_HasNoStatus()
    {
        var progress = Rollup();

        progress.Status.ShouldBeNull();
        progress.PercentComplete.ShouldBeNull();
    }

    [Fact]
    public void Rollup_AllActiveCompleted_IsCompletedAtHundredPercent()
    {
        var progress = Rollup(ActionStatus.Completed, ActionStatus.Completed);

        progress.Status.ShouldBe(ActionStatus.Completed);
        progress.PercentComplete.ShouldBe(100);
    }

    [Fact]
    public void Rollup_CompletedBesideDormantAndDiscontinued_IsCompletedBecauseThoseAreSetAside()
    {
        var progress = Rollup(ActionStatus.Completed, ActionStatus.Dormant, ActionStatus.Discontinued);

        progress.Status.ShouldBe(ActionStatus.Completed);
        progress.Total.ShouldBe(3);
        progress.Active.ShouldBe(1);
        progress.PercentComplete.ShouldBe(100);
    }

    [Fact]
    public void Rollup_OnlyDormantAndDiscontinued_IsDormant()
    {
        Rollup(ActionStatus.Dormant, ActionStatus.Discontinued).Status.ShouldBe(ActionStatus.Dormant);
    }

    [Fact]
    public void Rollup_OnlyDiscontinued_IsDiscontinuedWithNoPercentage()
    {
        var progress = Rollup(ActionStatus.Discontinued);

        progress.Status.ShouldBe(ActionStatus.Discontinued);
        progress.PercentComplete.ShouldBeNull();
    }

    [Fact]
    public void Rollup_AllActiveNotStarted_IsNotStarted()
    {
        Rollup(ActionStatus.NotStarted, ActionStatus.NotStarted, ActionStatus.Dormant).Status.ShouldBe(ActionStatus.NotStarted);
    }

    [Fact]
    public void Rollup_AnyUnderWay_IsUnderWay()
    {
        Rollup(ActionStatus.Ongoing, ActionStatus.UnderWay, ActionStatus.Completed).Status.ShouldBe(ActionStatus.UnderWay);
    }

    [Fact]
    public void Rollup_NotStartedBesideCompleted_IsUnderWay()
    {
        var progress = Rollup(ActionStatus.NotStarted, ActionStatus.Completed);

        progress.Status.ShouldBe(ActionStatus.UnderWay);
        progress.PercentComplete.ShouldBe(50);
    }

    [Fact]
    public void Rollup_OngoingBesideCompleted_IsOngoingWithPercentageRoundedDown()
    {
        var progress = Rollup(ActionStatus.Ongoing, ActionStatus.Ongoing, ActionStatus.Completed);

        progress.Status.ShouldBe(ActionStatus.Ongoing);
        progress.Completed.ShouldBe(1);
        progress.PercentComplete.ShouldBe(33);
    }
}

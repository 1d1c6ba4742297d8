using BaliProcess.Documents;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Directory;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>The conservative reading of statuses, due dates and quantities from a report's status details.</summary>
public sealed class StatusInferenceTests
{
    private static ActionStatus Infer(params string[] paragraphs) => StatusInference.Infer(paragraphs).Status;

    [Fact]
    public void Infer_Dormant_IsDormantEvenBesideOngoingWords()
    {
        Infer("Priorities have been achieved or are ongoing. It is expected that this forum will remain dormant.").ShouldBe(ActionStatus.Dormant);
    }

    [Fact]
    public void Infer_CompletionWithNothingStillToCome_IsCompleted()
    {
        Infer("The guide was finalised in May 2015 and distributed to all members.").ShouldBe(ActionStatus.Completed);
    }

    [Fact]
    public void Infer_CompletionFollowedByFutureWork_IsNotCompleted()
    {
        Infer("The materials were endorsed by the TIPs WG on 27 May 2017.", "They will be translated into regional languages.").ShouldBe(ActionStatus.Ongoing);
    }

    [Fact]
    public void Infer_NotYetCompleted_IsUnderWay()
    {
        Infer("The RSO tasked UNHCR to develop a thematic brief. The brief has not yet been completed.").ShouldBe(ActionStatus.UnderWay);
    }

    [Fact]
    public void Infer_UnderwayOrPlanned_IsUnderWay()
    {
        Infer("Planning for the inaugural meeting of the RRG is underway.").ShouldBe(ActionStatus.UnderWay);
        Infer("A workshop is tentatively planned for July 2018.").ShouldBe(ActionStatus.UnderWay);
    }

    [Fact]
    public void Infer_NotStarted_IsNotStarted()
    {
        Infer("Work on the toolkit has not yet started.").ShouldBe(ActionStatus.NotStarted);
    }

    [Fact]
    public void Infer_NoStatusWords_IsOngoing()
    {
        Infer("The RSO continues to provide support to member States on request.").ShouldBe(ActionStatus.Ongoing);
        Infer().ShouldBe(ActionStatus.Ongoing);
    }

    [Fact]
    public void Read_SeedReport_GivesTheStatusesDueDatesAndQuantitiesOf2017()
    {
        using var json = ReferenceData.OpenJson();
        var recognized = new DocumentRecognizer(NameCatalog.FromReferenceJson(json)).Recognize(File.ReadAllText(ActionsTestSupport.SeedReportPath), "004.txt");

        var readings = ProgressReportReading.Read(recognized.ProgressReport!).ToDictionary(r => r.Number);

        readings.Count.ShouldBe(29);
        readings["3.2"].Status.Status.ShouldBe(ActionStatus.Dormant);
        readings["4.2"].Status.Status.ShouldBe(ActionStatus.UnderWay);
        readings["5.2"].Status.Status.ShouldBe(ActionStatus.UnderWay);
        readings["6.5"].Status.Status.ShouldBe(ActionStatus.Ongoing);
        readings.Values.ShouldNotContain(r => r.Status.Status == ActionStatus.Completed, "no 2017 action says plainly that it is finished");
        readings["2.6"].DueDate.ShouldBe(new DateOnly(2018, 3, 31));
        readings["2.5"].DueDate.ShouldBe(new DateOnly(2018, 6, 30));
        readings["1.1"].DueDate.ShouldBeNull();
        readings["1.3"].Quantities.ShouldContain(q => q.Value == 72 && q.Unit == "persons convicted");
        readings["4.1"].Quantities.Select(q => q.Value).ShouldBe([900, 127]);
        readings["1.2"].Quantities.Count(q => q.Value == 14).ShouldBe(1, "the same count of the same unit is offered once");
    }

    [Fact]
    public void IndicatorOf_UnitWithParticiple_NamesTheIndicatorAndKeepsTheNoun()
    {
        ProgressReportReading.IndicatorOf("persons convicted").ShouldBe(("Persons convicted", "persons"));
        ProgressReportReading.IndicatorOf("new suspects").ShouldBe(("New suspects", "suspects"));
    }

    [Fact]
    public void ParseStatus_LabelsAndNames_AreReadAndNumbersRefused()
    {
        ActionStatuses.Parse("under way").ShouldBe(ActionStatus.UnderWay);
        ActionStatuses.Parse("COMPLETED").ShouldBe(ActionStatus.Completed);
        ActionStatuses.Parse("not-started").ShouldBe(ActionStatus.NotStarted);
        ActionStatuses.Parse("3").ShouldBeNull();
        ActionStatuses.Parse("finished").ShouldBeNull();
    }

    [Fact]
    public void ActionNumbers_Sorted_ReadAsPeopleReadThem()
    {
        new[] { "1.10", "1.2", "2.1", "1.1", "1.2a" }.Order(ActionNumberComparer.Instance).ShouldBe(["1.1", "1.2", "1.2a", "1.10", "2.1"]);
    }
}

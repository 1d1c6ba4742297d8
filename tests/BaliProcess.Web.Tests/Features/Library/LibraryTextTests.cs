using System.Xml.Linq;
using BaliProcess.Documents;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Tests.Infrastructure;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>The Library's labels chosen at run time (kinds, formats, verbs, roles) have Bahasa Indonesia translations.</summary>
public sealed class LibraryTextTests
{
    [Fact]
    public void DynamicLabels_KindsFormatsVerbsAndRoles_HaveIndonesianTranslations()
    {
        var path = Path.Combine(RepositoryPaths.WebProject, "Resources", "Features", "Library", "LibraryText.id.resx");
        var translated = XDocument.Load(path).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> labels =
        [
            .. Enum.GetValues<DocumentKind>().Select(LibraryText.KindLabel),
            .. Enum.GetValues<MeetingFormatKind>().Select(f => LibraryText.FormatLabel(f)),
            LibraryText.FormatLabel((MeetingFormatKind?)null),
            .. Enum.GetValues<OutcomeVerb>().Select(LibraryText.VerbLabel),
            .. Enum.GetValues<ActivityKind>().Select(LibraryText.ActivityKindLabel),
            .. Enum.GetValues<ParticipantRole>().Select(LibraryText.RoleLabel),
        ];

        labels.Where(l => !translated.Contains(l)).ShouldBeEmpty();
    }

    [Fact]
    public void ActivityLine_RoundTripsThroughTheUploadForm()
    {
        var activity = new ActivityInfo(2004, 9, null, "Best Practices in Operational Cooperation workshop", "Macau SAR", "THA", null, ActivityKind.Workshop, "a report");
        var form = new ImportDraftForm { Kind = DocumentKind.SummaryOfActivities, Title = "Summary", Language = "en", Activities = ImportDraftText.ActivityLine(activity) };
        var validation = new BaliProcess.Web.Infrastructure.Errors.Validation();

        var draft = ImportDraftText.Read(form, validation);

        validation.IsValid.ShouldBeTrue();
        draft.Activities.ShouldHaveSingleItem().ShouldBe(activity);
    }

    [Fact]
    public void Outcomes_ContinuationLines_StayWithTheirOutcome()
    {
        var form = new ImportDraftForm
        {
            HasMeeting = true, MeetingTitle = "M", MeetingStart = "2009-07-27", Kind = DocumentKind.CoChairsStatement,
            Outcomes = "Agreed: Two meetings were agreed:\na. one on law enforcement\nNoted: The Meeting noted the report.",
        };
        var validation = new BaliProcess.Web.Infrastructure.Errors.Validation();

        var outcomes = ImportDraftText.Read(form, validation).Meeting!.Outcomes;

        validation.IsValid.ShouldBeTrue();
        outcomes.Select(o => (o.Verb, o.Text, o.Sequence)).ShouldBe(
            [(OutcomeVerb.Agreed, "Two meetings were agreed:\na. one on law enforcement", 1), (OutcomeVerb.Noted, "The Meeting noted the report.", 2)]);
    }
}

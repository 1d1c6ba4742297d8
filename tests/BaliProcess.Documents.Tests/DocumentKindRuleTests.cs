namespace BaliProcess.Documents.Tests;

/// <summary>The form of a document read from its labels and opening, wherever the label sits.</summary>
public sealed class DocumentKindRuleTests
{
    private static DocumentKind Kind(string text) => new DocumentRecognizer(TestFiles.Catalog).Recognize(text, "document.txt").Kind;

    [Fact]
    public void Kind_StatementLabelBelowALongTitle_IsACoChairsStatement()
    {
        Kind("Regional Ministerial Conference on People Smuggling, Trafficking in Persons and Related Transnational Crime held in the region in that year\n\nCo-Chairs' Statement\n\nThe conference was held in Bali on 3 May 2005.")
            .ShouldBe(DocumentKind.CoChairsStatement);
    }

    [Theory]
    [InlineData("Meeting Summary")]
    [InlineData("Summary of Discussions")]
    public void Kind_MeetingSummaryHeading_IsACoChairsStatement(string label)
    {
        Kind($"Steering Group of the Bali Process\n{label}\n\nThe Steering Group met in Suva on 3 May 2022, co-chaired by Indonesia and Australia.")
            .ShouldBe(DocumentKind.CoChairsStatement);
    }

    [Fact]
    public void Kind_NewsDatelineWithCityRegionAndDay_IsANewsArticle()
    {
        Kind("Ministers back data sharing\n\nNUSA DUA, Bali, 4 May (Island Wire) – Ministers agreed on Tuesday at the Ministerial Conference of the Bali Process to share more data.")
            .ShouldBe(DocumentKind.NewsArticle);
    }

    [Fact]
    public void Kind_TimelineEntryNamingADeclaration_DoesNotMakeTheDocumentADeclaration()
    {
        Kind("About the forum\n\nThe forum brings members together.\n\nHistory\n\n- 2016: the Bali Declaration is adopted\n- 2023: the Adelaide Strategy is agreed")
            .ShouldNotBe(DocumentKind.Declaration);
    }
}

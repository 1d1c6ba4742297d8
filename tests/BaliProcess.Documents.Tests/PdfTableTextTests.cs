using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace BaliProcess.Documents.Tests;

/// <summary>A PDF table (words at column positions, no tab characters) read into the tab-separated rows the progress-report parser reads.</summary>
public class PdfTableTextTests
{
    /// <summary>Each line is (x, text) pieces drawn on one baseline, 12 points below the previous line.</summary>
    private static byte[] Pdf(params (double X, string Text)[][] lines)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 800.0;
        foreach (var line in lines)
        {
            foreach (var (x, text) in line)
            {
                page.AddText(text, 9, new PdfPoint(x, y), font);
            }

            y -= 12;
        }

        return builder.Build();
    }

    private static string Extract(byte[] pdf)
    {
        var result = TextExtractor.Extract("report.pdf", new MemoryStream(pdf));
        result.Ok.ShouldBeTrue(result.Error);
        return result.Text;
    }

    [Fact]
    public void Extract_PdfTable_GivesOneTabSeparatedRowPerLineWithWrappedCellsInTheirColumns()
    {
        var text = Extract(Pdf(
            [(40, "Ad Hoc Group Progress Report: March 2026")],
            [(80, "Action/Recommendation"), (270, "Who"), (370, "Status/Details")],
            [(40, "3. Border Management")],
            [(40, "3.1"), (80, "Develop a toolkit for"), (270, "RSO (NZ funded)"), (370, "Materials are being")],
            [(80, "frontline officers"), (370, "developed.")],
            [(370, "Delivery by 31 March 2027.")]));

        text.Split('\n').Where(l => l.Length > 0).ShouldBe(
        [
            "Ad Hoc Group Progress Report: March 2026",
            "\tAction/Recommendation\tWho\tStatus/Details",
            "3. Border Management",
            "3.1\tDevelop a toolkit for\tRSO (NZ funded)\tMaterials are being",
            "\tfrontline officers\t\tdeveloped.",
            "\t\t\tDelivery by 31 March 2027.",
        ]);
    }

    [Fact]
    public void Recognize_PdfProgressReport_ReadsTheActionAcrossItsWrappedLines()
    {
        var text = Extract(Pdf(
            [(40, "Ad Hoc Group Progress Report: March 2026")],
            [(80, "Action/Recommendation"), (270, "Who"), (370, "Status/Details")],
            [(40, "3. Border Management")],
            [(40, "3.1"), (80, "Develop a toolkit for"), (270, "Thailand, IOM"), (370, "Materials are being")],
            [(80, "frontline officers"), (370, "developed.")]));

        var report = new DocumentRecognizer(TestFiles.Catalog).Recognize(text, "report.pdf").ProgressReport.ShouldNotBeNull();

        var action = report.Themes.ShouldHaveSingleItem().Actions.ShouldHaveSingleItem();
        action.Number.ShouldBe("3.1");
        action.Text.ShouldBe("Develop a toolkit for frontline officers");
        action.Leads.ShouldBe(["THA", "IOM"]);
        action.DetailParagraphs.ShouldBe(["Materials are being developed."]);
    }

    [Fact]
    public void Extract_PdfWithoutATable_KeepsTheLinesAsTheyAre()
    {
        var text = Extract(Pdf([(50, "CO-CHAIRS' STATEMENT")], [(50, "The Meeting agreed to meet again."), (300, "Jakarta")]));

        text.ShouldNotContain("\t");
    }
}

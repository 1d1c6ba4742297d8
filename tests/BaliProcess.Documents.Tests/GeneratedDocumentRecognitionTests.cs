namespace BaliProcess.Documents.Tests;

/// <summary>Extraction and recognition end to end on Word and PDF files built at test time.</summary>
public class GeneratedDocumentRecognitionTests
{
    private static RecognizedDocument ExtractAndRecognize(string fileName, byte[] content)
    {
        var extraction = TextExtractor.Extract(fileName, new MemoryStream(content));
        extraction.Ok.ShouldBeTrue(extraction.Error);
        return new DocumentRecognizer(TestFiles.Catalog).Recognize(extraction.Text, fileName);
    }

    [Fact]
    public void Recognize_DocxProgressReport_ReadsThemeActionsLeadsAndParagraphs()
    {
        var document = ExtractAndRecognize("report.docx", GeneratedDocuments.ProgressReportDocx());

        document.Kind.ShouldBe(DocumentKind.ProgressReport);
        document.Title.ShouldBe("Ad Hoc Group Progress Report: March 2018");
        document.Date.ShouldBe(new DateOnly(2018, 3, 1));
        var theme = document.ProgressReport.ShouldNotBeNull().Themes.ShouldHaveSingleItem();
        theme.Number.ShouldBe(3);
        theme.Title.ShouldBe("Border Management");
        theme.Actions.Select(a => a.Number).ShouldBe(new[] { "3.1", "3.2" });

        var training = theme.Actions[0];
        training.Text.ShouldBe("Immigration Liaison Officer training");
        training.Leads.ShouldBe(new[] { "RSO" });
        training.Funders.ShouldBe(new[] { "Canada" });
        training.DetailParagraphs.ShouldBe(new[]
        {
            "The pilot training was delivered to 24 participants from 7 member States.",
            "Feedback is being incorporated into the curriculum.",
        });
        training.Quantities.Select(q => (q.Value, q.Unit)).ShouldBe(new[] { (24m, "participants"), (7m, "states") });
        theme.Actions[1].Leads.ShouldBe(new[] { "THA", "IOM" });
    }

    [Fact]
    public void Recognize_PdfStatement_ReadsMeetingAcrossWrappedLines()
    {
        var document = ExtractAndRecognize("statement.pdf", GeneratedDocuments.StatementPdf());

        document.Kind.ShouldBe(DocumentKind.CoChairsStatement);
        document.Title.ShouldBe("Co-Chairs' Statement: Second Ad Hoc Group Meeting");
        document.Warnings.ShouldBeEmpty();
        var meeting = document.Meeting.ShouldNotBeNull();
        meeting.BodyCode.ShouldBe("AHG");
        meeting.Ordinal.ShouldBe(2);
        meeting.StartDate.ShouldBe(new DateOnly(2010, 3, 14));
        meeting.EndDate.ShouldBe(new DateOnly(2010, 3, 15));
        meeting.Place.ShouldBe("Jakarta, Indonesia");
        meeting.Format.ShouldBe(MeetingFormat.Hybrid);
        meeting.Attendees.Select(a => (a.Code, a.IsObserver)).ShouldBe(new (string?, bool)[]
        {
            ("AUS", false), ("IDN", false), ("THA", false),
            ("VNM", false), ("ASEAN", true),
        });
        meeting.Outcomes.ShouldHaveSingleItem().ShouldBe(
            new OutcomeInfo(OutcomeVerb.Agreed, "The Meeting agreed to convene a workshop on returns and reintegration before June 2010.", 1));
    }
}

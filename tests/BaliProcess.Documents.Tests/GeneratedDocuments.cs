using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace BaliProcess.Documents.Tests;

/// <summary>Builds small Word and PDF files at test time, so extraction is tested on real file formats.</summary>
internal static class GeneratedDocuments
{
    /// <summary>
    /// A progress report: title and intro paragraphs, then a table with a header row, a theme row spanning all four
    /// columns, and action rows; one status cell has two paragraphs.
    /// </summary>
    public static byte[] ProgressReportDocx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var table = new Table(
                Row(Cell(string.Empty), Cell("Action/Recommendation"), Cell("Who"), Cell("Status/Details")),
                new TableRow(new TableCell(new TableCellProperties(new GridSpan { Val = 4 }), new Paragraph(new Run(new Text("3. Border Management"))))),
                Row(Cell("3.1"), Cell("Immigration Liaison Officer training"), Cell("RSO (Canada funded)"),
                    Cell("The pilot training was delivered to 24 participants from 7 member States.", "Feedback is being incorporated into the curriculum.")),
                Row(Cell("3.2"), Cell("Biometric data-sharing workshop"), Cell("Thailand, IOM"), Cell("Held in Bangkok on 23-24 February 2017.")));
            main.Document = new Document(new Body(
                Paragraph("Ad Hoc Group Progress Report: March 2018"),
                Paragraph("Report summarises activities undertaken since the previous meeting."),
                table));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A document whose heading sits in a content control, as Word templates often do.</summary>
    public static byte[] DocxWithContentControl()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new SdtBlock(new SdtContentBlock(Paragraph("Co-Chairs' Statement"))),
                Paragraph("Body text after the control.")));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A one-page statement written with a standard font; the opening sentence runs over two lines.</summary>
    public static byte[] StatementPdf()
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        string[] lines =
        [
            "CO-CHAIRS' STATEMENT",
            "Second Ad Hoc Group Meeting",
            "The Co-Chairs of the Bali Process hosted the second Meeting of the Ad Hoc Group in Jakarta,",
            "Indonesia on 14-15 March 2010, in hybrid format. The meeting was attended by representatives",
            "of Australia, Indonesia, Thailand and Viet Nam, and the ASEAN Secretariat as an observer.",
            "The Meeting agreed to convene a workshop on returns and reintegration before June 2010.",
        ];
        var y = 780.0;
        foreach (var line in lines)
        {
            page.AddText(line, 10, new PdfPoint(50, y), font);
            y -= 16;
        }

        return builder.Build();
    }

    /// <summary>A page with a drawn box and no text at all, as a scan without OCR comes out.</summary>
    public static byte[] PdfWithoutTextLayer()
    {
        using var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 400, 600);
        return builder.Build();
    }

    private static Paragraph Paragraph(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static TableRow Row(params TableCell[] cells) => new(cells);

    private static TableCell Cell(params string[] paragraphs) =>
        paragraphs.Length == 0 || (paragraphs.Length == 1 && paragraphs[0].Length == 0)
            ? new TableCell(new Paragraph())
            : new TableCell(paragraphs.Select(Paragraph));
}

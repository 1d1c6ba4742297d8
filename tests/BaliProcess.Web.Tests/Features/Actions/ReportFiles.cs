using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>One row of a generated progress report: number, action, who, and the status details (one string per paragraph).</summary>
public sealed record ReportRow(string Number, string Text, string Who, params string[] Details);

/// <summary>
/// Progress reports in the 2017 report's table form as real Word and PDF files, made at test time: a title, an
/// introduction, then a table with a header row, a theme row across all columns and one row per action.
/// </summary>
public static class ReportFiles
{
    private const string Header = "Action/Recommendation";

    /// <summary>A Word document whose table has the 2017 report's four columns; a multi-paragraph status stays in its cell.</summary>
    public static byte[] Docx(string title, string theme, IReadOnlyList<ReportRow> rows)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var table = new Table(
                new TableProperties(new TableBorders(new InsideHorizontalBorder { Val = BorderValues.Single }, new InsideVerticalBorder { Val = BorderValues.Single })),
                new TableGrid(new GridColumn { Width = "800" }, new GridColumn { Width = "3200" }, new GridColumn { Width = "1600" }, new GridColumn { Width = "4000" }),
                new TableRow(Cell(""), Cell(Header), Cell("Who"), Cell("Status/Details")),
                new TableRow(new TableCell(new TableCellProperties(new GridSpan { Val = 4 }), WordParagraph(theme))));
            foreach (var row in rows)
            {
                table.Append(new TableRow(Cell(row.Number), Cell(row.Text), Cell(row.Who), Cell(row.Details)));
            }

            main.Document = new Document(new Body(
                WordParagraph(title),
                WordParagraph("Report summarises activities undertaken since the previous meeting."),
                table));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A PDF laid out as a table: each cell's text wrapped within its column, the cells of a row starting on the same
    /// line, as a report printed from Word or a browser draws it. No tab characters: the columns are only positions.
    /// </summary>
    public static byte[] Pdf(string title, string theme, IReadOnlyList<ReportRow> rows)
    {
        const double size = 9;
        const double lineHeight = 12;
        (double X, int Chars)[] columns = [(40, 6), (80, 34), (270, 18), (370, 42)];
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 800.0;

        void Line(string text, double x) => page.AddText(text, size, new PdfPoint(x, y), font);

        Line(title, 40);
        y -= 2 * lineHeight;
        foreach (var line in Wrap("Report summarises activities undertaken since the previous meeting.", 100))
        {
            Line(line, 40);
            y -= lineHeight;
        }

        y -= lineHeight;
        void Row(params IReadOnlyList<string>[] cells)
        {
            var wrapped = cells.Select((paragraphs, i) => paragraphs.SelectMany(p => Wrap(p, columns[i].Chars)).ToList()).ToList();
            var height = wrapped.Max(c => c.Count);
            for (var line = 0; line < height; line++)
            {
                for (var column = 0; column < wrapped.Count; column++)
                {
                    if (line < wrapped[column].Count)
                    {
                        Line(wrapped[column][line], columns[column].X);
                    }
                }

                y -= lineHeight;
            }

            y -= lineHeight / 2;
        }

        Row([], [Header], ["Who"], ["Status/Details"]);
        Line(theme, columns[0].X);
        y -= 1.5 * lineHeight;
        foreach (var row in rows)
        {
            Row([row.Number], [row.Text], [row.Who], row.Details);
        }

        return builder.Build();
    }

    /// <summary>Breaks a paragraph into lines of at most <paramref name="width"/> characters at spaces.</summary>
    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = "";
            }

            line = line.Length == 0 ? word : $"{line} {word}";
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }

    private static Paragraph WordParagraph(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static TableCell Cell(params string[] paragraphs) =>
        paragraphs.All(p => p.Length == 0) ? new TableCell(new Paragraph()) : new TableCell(paragraphs.Select(WordParagraph));
}

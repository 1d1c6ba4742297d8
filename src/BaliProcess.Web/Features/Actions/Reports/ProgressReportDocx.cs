using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Actions.Reports;

/// <summary>
/// The report as a Word document in the 2017 report's shape: a heading per theme and a table per theme (number,
/// action, who, status details). Headings use Word's built-in heading styles and header rows repeat on each page,
/// so the document's outline and tables stay navigable with assistive technology.
/// </summary>
public sealed class ProgressReportDocx(IStringLocalizer<ActionsText> T)
{
    private const string TableWidthPct = "5000";

    public byte[] Write(ProgressReport report)
    {
        var text = new ProgressReportHtml(T);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            document.PackageProperties.Title = text.Title(report);
            document.PackageProperties.Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var body = new Body();
            body.Append(Paragraph(text.Marking(report), bold: true));
            body.Append(Paragraph(text.Title(report), "Title"));
            body.Append(Paragraph(T["Status details are those dated within the period."]));
            foreach (var (label, value) in text.Facts(report))
            {
                body.Append(Paragraph($"{label}: {value}"));
            }

            body.Append(Paragraph(T["Changed since the last report"], "Heading1"));
            body.Append(Paragraph(text.ChangedIntro(report)));
            if (report.Changed.Count > 0)
            {
                var table = Table([T["No."], T["Action/Recommendation"], T["New status details"]], [700, 3300, 5000]);
                foreach (var row in report.Changed)
                {
                    table.Append(new TableRow(
                        Cell([Paragraph(row.Number)]),
                        Cell([Paragraph(row.Text)]),
                        Cell(Lines(text.DetailLines(row.ChangedSinceLastReport, inPeriod: false)))));
                }

                body.Append(table);
            }

            if (!report.Themes.Any())
            {
                body.Append(Paragraph(T["There are no actions that you may see for this period."]));
            }

            foreach (var section in report.Themes)
            {
                body.Append(Paragraph(section.Heading, "Heading1"));
                body.Append(Paragraph(text.RollupLine(section.Progress)));
                var table = Table([T["No."], T["Action/Recommendation"], T["Who"], T["Status/Details"]], [700, 3000, 1500, 3800]);
                foreach (var row in section.Actions)
                {
                    List<Paragraph> details = [Paragraph(text.StatusLine(row), bold: true), .. Lines(text.DetailLines(row.UpdatesInPeriod))];
                    table.Append(new TableRow(
                        Cell([Paragraph(row.Number)]),
                        Cell([Paragraph(row.Text)]),
                        Cell([Paragraph(row.Who)]),
                        Cell(details)));
                }

                body.Append(table);
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1000, Bottom = 1000, Left = 900, Right = 900, Header = 500, Footer = 500, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static IEnumerable<Paragraph> Lines(IReadOnlyList<(string Text, bool Bold)> lines) => lines.Select(l => Paragraph(l.Text, bold: l.Bold));

    private static Table Table(string[] headers, int[] widths)
    {
        var borders = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Type = TableWidthUnitValues.Pct, Width = TableWidthPct }, borders,
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        foreach (var text in headers)
        {
            header.Append(new TableCell(new TableCellProperties(new Shading { Val = ShadingPatternValues.Clear, Fill = "E8E8E8" }), Paragraph(text, bold: true)));
        }

        table.Append(header);
        return table;
    }

    private static TableCell Cell(IEnumerable<Paragraph> paragraphs)
    {
        var cell = new TableCell();
        cell.Append(paragraphs);
        if (!cell.Elements<Paragraph>().Any())
        {
            cell.Append(new Paragraph());
        }

        return cell;
    }

    private static Paragraph Paragraph(string text, string? style = null, bool bold = false)
    {
        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold)
        {
            run.PrependChild(new RunProperties(new Bold()));
        }

        var paragraph = new Paragraph(run);
        if (style is not null)
        {
            paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        return paragraph;
    }

    private static Paragraph Paragraph(LocalizedString text, string? style = null) => Paragraph(text.Value, style);

    /// <summary>Word's built-in names, so the headings appear in the navigation pane and in an exported PDF's outline.</summary>
    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                    new FontSize { Val = "20" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "80" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            HeadingStyle("Title", "Title", "36", outline: null),
            HeadingStyle("Heading1", "heading 1", "28", outline: 0),
            HeadingStyle("Heading2", "heading 2", "24", outline: 1));
        styles.Styles.Save();
    }

    private static Style HeadingStyle(string id, string name, string size, int? outline)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" });
        if (outline is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(new Bold(), new FontSize { Val = size }))
        { Type = StyleValues.Paragraph, StyleId = id };
    }
}

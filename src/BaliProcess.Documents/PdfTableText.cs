using System.Text;
using UglyToad.PdfPig.Content;

namespace BaliProcess.Documents;

/// <summary>
/// Reads a PDF page that holds a table into the tab-separated form Word tables extract to. A PDF has no table, only
/// words at positions: the words are grouped into lines by their baseline, a line is cut into cells where the gap
/// between two words is wider than the text's point size, and each cell goes into the column whose left edge it starts
/// at (the left edges of the cells of the page's multi-cell lines). A table row whose cells wrap over several lines
/// therefore gives "1.1\tDevelop a\tRSO\tThe first" followed by "\tcapacity programme\t\tline of the details", the
/// continuation form the progress-report parser reads. A page without a line of three or more cells is no table.
/// </summary>
internal static class PdfTableText
{
    private sealed record Cell(double Left, string Text);

    private sealed record Line(double Baseline, double Size, List<Cell> Cells);

    /// <summary>The page as tab-separated rows, or null when no line of the page has three cells or more.</summary>
    public static string? Read(Page page)
    {
        var lines = Lines(page);
        var first = lines.FindIndex(line => line.Cells.Count >= 3);
        if (first < 0)
        {
            return null;
        }

        var columns = ColumnEdges(lines.Skip(first).Where(line => line.Cells.Count >= 2));
        var builder = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (i > 0 && lines[i - 1].Baseline - line.Baseline > 1.7 * line.Size)
            {
                builder.Append('\n');
            }

            if (i < first)
            {
                builder.AppendJoin(' ', line.Cells.Select(c => c.Text)).Append('\n');
                continue;
            }

            var cells = new string[columns.Count];
            foreach (var cell in line.Cells)
            {
                var column = Column(columns, cell.Left, line.Size);
                cells[column] = cells[column] is null ? cell.Text : $"{cells[column]} {cell.Text}";
            }

            var last = Array.FindLastIndex(cells, c => c is not null);
            builder.AppendJoin('\t', cells.Take(last + 1).Select(c => c ?? string.Empty)).Append('\n');
        }

        return builder.ToString();
    }

    private static List<Line> Lines(Page page)
    {
        var lines = new List<Line>();
        var words = page.GetWords()
            .Where(w => !string.IsNullOrWhiteSpace(w.Text) && w.Letters.Count > 0)
            .Select(w => (Word: w, Baseline: w.Letters[0].StartBaseLine.Y, Size: w.Letters.Max(l => l.PointSize)))
            .OrderByDescending(w => w.Baseline)
            .ToList();
        var current = new List<(Word Word, double Baseline, double Size)>();
        foreach (var word in words)
        {
            if (current.Count > 0 && current[0].Baseline - word.Baseline > 0.5 * Math.Max(current[0].Size, 1))
            {
                lines.Add(ToLine(current));
                current = [];
            }

            current.Add(word);
        }

        if (current.Count > 0)
        {
            lines.Add(ToLine(current));
        }

        return lines;
    }

    private static Line ToLine(List<(Word Word, double Baseline, double Size)> words)
    {
        var size = words.Max(w => w.Size);
        var cells = new List<Cell>();
        var text = new StringBuilder();
        double left = 0;
        double right = 0;
        foreach (var (word, _, _) in words.OrderBy(w => w.Word.BoundingBox.Left))
        {
            if (text.Length > 0 && word.BoundingBox.Left - right > size)
            {
                cells.Add(new Cell(left, text.ToString()));
                text.Clear();
            }

            if (text.Length == 0)
            {
                left = word.BoundingBox.Left;
            }
            else
            {
                text.Append(' ');
            }

            text.Append(word.Text);
            right = word.BoundingBox.Right;
        }

        cells.Add(new Cell(left, text.ToString()));
        return new Line(words[0].Baseline, size, cells);
    }

    /// <summary>The left edges where cells start, near ones (within the point size) taken as one.</summary>
    private static List<double> ColumnEdges(IEnumerable<Line> lines)
    {
        var edges = new List<double>();
        foreach (var (left, size) in lines.SelectMany(l => l.Cells.Select(c => (c.Left, l.Size))).OrderBy(e => e.Left))
        {
            if (edges.Count == 0 || left - edges[^1] > size)
            {
                edges.Add(left);
            }
        }

        return edges;
    }

    /// <summary>The last column whose edge the cell starts at or after (a little to the left still counts).</summary>
    private static int Column(List<double> edges, double left, double size)
    {
        var column = 0;
        for (var i = 0; i < edges.Count; i++)
        {
            if (edges[i] <= left + size / 2)
            {
                column = i;
            }
        }

        return column;
    }
}

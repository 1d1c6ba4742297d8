using System.Globalization;
using System.Net;
using System.Text;

namespace BaliProcess.Web.Features.Actions;

/// <summary>
/// A small bar chart of an indicator's values, drawn on the server as inline SVG (no script). It is an image with a
/// title and a description that states every value; the page also shows the values as a table, the text alternative.
/// Colours meet 3:1 against white (WCAG 1.4.11).
/// </summary>
public static class IndicatorChart
{
    private const int Width = 360;
    private const int Height = 180;
    private const int Left = 12;
    private const int Right = 12;
    private const int Top = 24;
    private const int Bottom = 32;

    public static string Svg(IndicatorView indicator, string id, string title, string description)
    {
        var values = indicator.Values;
        var max = Math.Max(values.Count == 0 ? 0 : values.Max(v => v.Value), indicator.Target ?? 0);
        var scale = max <= 0 ? 0 : (Height - Top - Bottom) / max;
        var slot = values.Count == 0 ? 0 : (double)(Width - Left - Right) / values.Count;
        var bar = Math.Min(48, slot * 0.6);
        var baseline = Height - Bottom;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"indicator-chart\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{baseline}\" x2=\"{Width - Right}\" y2=\"{baseline}\" stroke=\"#1b1b1b\" stroke-width=\"1\"/>");
        if (indicator.Target is { } target && scale > 0)
        {
            var y = baseline - (target * scale);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#7a4d00\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
        }

        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var h = Math.Max(1, v.Value * scale);
            var x = Left + (slot * i) + ((slot - bar) / 2);
            var cx = x + (bar / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{baseline - h:0.#}\" width=\"{bar:0.#}\" height=\"{h:0.#}\" fill=\"#0b3d5c\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx:0.#}\" y=\"{baseline - h - 6:0.#}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1b1b\">{E(Number(v.Value))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx:0.#}\" y=\"{baseline + 18}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1b1b1b\">{E(v.AsOf.ToString("MMM yyyy", CultureInfo.CurrentCulture))}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    public static string Number(double value) => value.ToString(value % 1 == 0 ? "N0" : "N1", CultureInfo.CurrentCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

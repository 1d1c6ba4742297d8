using System.Globalization;
using System.Text.RegularExpressions;

namespace BaliProcess.Documents;

/// <summary>
/// A date or date range found in text. Month-only dates ("February 2002") start on the 1st and end on the last day
/// of the month, with <see cref="IsMonthOnly"/> set. <see cref="Index"/> and <see cref="Length"/> locate the match.
/// </summary>
public sealed record DateSpan(DateOnly Start, DateOnly End, bool IsMonthOnly, int Index, int Length);

/// <summary>
/// Dates and ordinals in the forms Bali Process documents use: "27-29 July 2009", "27 - 29 July 2009",
/// "6 December 2022", "29 September to 1 October 2009", "28 September- 28 October 2015", "February 2002",
/// "December 6, 2022"; ordinals "first", "sixteenth", "twenty-first", "16th", "Sixth", "III".
/// </summary>
public static partial class DateParsing
{
    private static readonly string[] OrdinalWords =
    [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
        "nineteenth", "twentieth",
    ];

    private static readonly Dictionary<string, int> TensOrdinals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twentieth"] = 20, ["thirtieth"] = 30, ["fortieth"] = 40, ["fiftieth"] = 50,
    };

    /// <summary>Bahasa Indonesia month names and their usual abbreviations (the shared ones, April..., parse as English).</summary>
    private static readonly Dictionary<string, int> IndonesianMonths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["januari"] = 1, ["februari"] = 2, ["pebruari"] = 2, ["maret"] = 3, ["mei"] = 5, ["juni"] = 6, ["juli"] = 7,
        ["agustus"] = 8, ["agu"] = 8, ["agt"] = 8, ["okt"] = 10, ["oktober"] = 10, ["nopember"] = 11, ["des"] = 12, ["desember"] = 12,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
    };

    /// <summary>Regex fragment matching one ordinal word or digit ordinal (used by the statement parser).</summary>
    internal const string OrdinalPattern =
        @"(?:(?:twenty|thirty|forty|fifty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|" +
        @"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|" +
        @"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|" +
        @"\d{1,3}(?:st|nd|rd|th)|" +
        @"ke-?\s?\d{1,3}|pertama|perdana|inaugural|ke-?(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)(?:\s+(?:belas|puluh))?)";

    /// <summary>Parses text that is entirely one date, range or month ("14-15 April 2009"); null otherwise.</summary>
    public static DateSpan? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim().TrimEnd('.', ',', ';');
        var match = FindAll(trimmed).FirstOrDefault();
        return match is not null && match.Index == 0 && match.Length == trimmed.Length ? match : null;
    }

    /// <summary>The first date, range or month in the text, or null.</summary>
    public static DateSpan? FindFirst(string text) => FindAll(text).FirstOrDefault();

    /// <summary>Every date, range or month in the text, in order; impossible dates (31 February) are skipped.</summary>
    public static IReadOnlyList<DateSpan> FindAll(string text)
    {
        var found = new List<DateSpan>();
        if (string.IsNullOrEmpty(text))
        {
            return found;
        }

        try
        {
            foreach (Match match in DatePattern().Matches(text))
            {
                var span = ToSpan(match);
                if (span is not null)
                {
                    found.Add(span);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological input: return what was found so far rather than fail the whole document.
        }

        return found;
    }

    /// <summary>
    /// Day dates written without a year ("12-13 October", "26-28 February", "October 12-13", "23 Maret"), dated in
    /// <paramref name="year"/>, outside the spans of <paramref name="dated"/> (the dates that carry their year).
    /// </summary>
    public static IReadOnlyList<DateSpan> FindYearless(string text, int year, IReadOnlyList<DateSpan> dated)
    {
        var found = new List<DateSpan>();
        if (string.IsNullOrEmpty(text) || year is < 1900 or > 2199)
        {
            return found;
        }

        foreach (Match match in YearlessPattern().Matches(text))
        {
            if (dated.Any(d => match.Index < d.Index + d.Length && d.Index < match.Index + match.Length))
            {
                continue;
            }

            var g = match.Groups;
            var (m1, d1, m2, d2) = g["zd"].Success ? (g["zm"].Value, g["zd"].Value, g["zm"].Value, g["zd"].Value)
                : g["ym1"].Success
                ? (g["ym1"].Value, g["yd1"].Value, g["ym2"].Success ? g["ym2"].Value : g["ym1"].Value, g["yd2"].Success ? g["yd2"].Value : g["yd1"].Value)
                : (g["xm1"].Success ? g["xm1"].Value : g["xm2"].Value, g["xd1"].Value, g["xm2"].Value, g["xd2"].Success ? g["xd2"].Value : g["xd1"].Value);
            var start = MakeDate(year, ParseMonth(m1), Number(d1));
            var end = MakeDate(year, ParseMonth(m2), Number(d2));
            if (start is not null && end is not null && start <= end)
            {
                found.Add(new DateSpan(start.Value, end.Value, false, match.Index, match.Length));
            }
        }

        return found;
    }

    /// <summary>Month number for a full or abbreviated English month name ("Sept", "oct."), else null.</summary>
    public static int? ParseMonth(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = name.Trim().TrimEnd('.').ToLowerInvariant();
        if (key.Length < 3)
        {
            return null;
        }

        if (IndonesianMonths.TryGetValue(key, out var indonesian))
        {
            return indonesian;
        }

        for (var month = 1; month <= 12; month++)
        {
            var full = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month).ToLowerInvariant();
            if (full == key || (full.StartsWith(key, StringComparison.Ordinal) && key.Length >= 3) || (month == 9 && key == "sept"))
            {
                return month;
            }
        }

        return null;
    }

    /// <summary>
    /// An ordinal as a number: words ("first", "Sixteenth", "twenty-first"), digit forms ("16th", "2nd"),
    /// plain digits ("16") and upper-case Roman numerals up to XXX ("III", as in "Bali III"); "inaugural", "pertama" and
    /// "perdana" are 1. Null otherwise.
    /// </summary>
    public static int? ParseOrdinal(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim().TrimEnd('.');
        var digits = DigitOrdinal().Match(value);
        if (digits.Success)
        {
            return int.Parse(digits.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        var lower = value.ToLowerInvariant();
        var index = Array.IndexOf(OrdinalWords, lower);
        if (index > 0)
        {
            return index;
        }

        if (TensOrdinals.TryGetValue(lower, out var tens))
        {
            return tens;
        }

        var compound = CompoundOrdinal().Match(lower);
        if (compound.Success)
        {
            var unit = Array.IndexOf(OrdinalWords, compound.Groups[2].Value);
            if (unit is > 0 and < 10)
            {
                return Tens[compound.Groups[1].Value] + unit;
            }
        }

        var indonesian = IndonesianOrdinal(lower);
        if (indonesian is not null)
        {
            return indonesian;
        }

        return value.All(c => c is 'I' or 'V' or 'X') ? ParseRoman(value) : null;
    }

    private static readonly string[] IndonesianNumbers =
    [
        "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas",
        "dua belas", "tiga belas", "empat belas", "lima belas", "enam belas", "tujuh belas", "delapan belas", "sembilan belas", "dua puluh",
    ];

    /// <summary>"ke-5", "ke 5", "kelima", "pertama", "ke-dua belas": Bahasa Indonesia ordinals as numbers.</summary>
    private static int? IndonesianOrdinal(string lower)
    {
        if (lower is "pertama" or "perdana" or "inaugural")
        {
            return 1;
        }

        if (!lower.StartsWith("ke", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = lower[2..].TrimStart('-', ' ');
        if (rest.Length > 0 && rest.All(char.IsAsciiDigit) && rest.Length <= 3)
        {
            return int.Parse(rest, CultureInfo.InvariantCulture);
        }

        var index = Array.IndexOf(IndonesianNumbers, rest.Replace('-', ' '));
        return index > 1 ? index : null;
    }

    private static int? ParseRoman(string roman)
    {
        var total = 0;
        for (var i = 0; i < roman.Length; i++)
        {
            var current = RomanValue(roman[i]);
            var next = i + 1 < roman.Length ? RomanValue(roman[i + 1]) : 0;
            total += current < next ? -current : current;
        }

        return total is > 0 and <= 30 ? total : null;
    }

    private static int RomanValue(char c) => c switch
    {
        'I' => 1,
        'V' => 5,
        _ => 10,
    };

    private static DateSpan? ToSpan(Match match)
    {
        var groups = match.Groups;
        if (groups["ry"].Success)
        {
            var endMonth = ParseMonth(groups["rm2"].Value);
            var startMonth = groups["rm1"].Success ? ParseMonth(groups["rm1"].Value) : endMonth;
            var endYear = Year(groups["ry"].Value);
            var startYear = groups["ry1"].Success ? Year(groups["ry1"].Value) : endYear;
            var start = MakeDate(startYear, startMonth, Number(groups["rd1"].Value));
            var end = MakeDate(endYear, endMonth, Number(groups["rd2"].Value));
            if (start is null || end is null)
            {
                return null;
            }

            // "29 December to 2 January 2010": a start month after the end month belongs to the previous year.
            if (start > end && !groups["ry1"].Success && startMonth > endMonth)
            {
                start = MakeDate(startYear - 1, startMonth, Number(groups["rd1"].Value));
            }

            return start is not null && start <= end ? new DateSpan(start.Value, end.Value, false, match.Index, match.Length) : null;
        }

        if (groups["ury"].Success)
        {
            var rangeYear = Year(groups["ury"].Value);
            var startMonth = ParseMonth(groups["urm1"].Value);
            var endMonth = groups["urm2"].Success ? ParseMonth(groups["urm2"].Value) : startMonth;
            var start = MakeDate(rangeYear, startMonth, Number(groups["urd1"].Value));
            var end = MakeDate(rangeYear, endMonth, Number(groups["urd2"].Value));
            return start is not null && end is not null && start <= end ? new DateSpan(start.Value, end.Value, false, match.Index, match.Length) : null;
        }

        if (groups["dy"].Success)
        {
            var date = MakeDate(Year(groups["dy"].Value), ParseMonth(groups["dm"].Value), Number(groups["dd"].Value));
            return date is null ? null : new DateSpan(date.Value, date.Value, false, match.Index, match.Length);
        }

        if (groups["uy"].Success)
        {
            var date = MakeDate(Year(groups["uy"].Value), ParseMonth(groups["um"].Value), Number(groups["ud"].Value));
            return date is null ? null : new DateSpan(date.Value, date.Value, false, match.Index, match.Length);
        }

        var month = ParseMonth(groups["mm"].Value);
        var year = Year(groups["my"].Value);
        var first = MakeDate(year, month, 1);
        if (first is null)
        {
            return null;
        }

        var last = first.Value.AddMonths(1).AddDays(-1);
        return new DateSpan(first.Value, last, true, match.Index, match.Length);
    }

    private static int Number(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    private static int Year(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    private static DateOnly? MakeDate(int year, int? month, int day)
    {
        if (month is null || year is < 1900 or > 2199 || day < 1 || day > DateTime.DaysInMonth(year, month.Value))
        {
            return null;
        }

        return new DateOnly(year, month.Value, day);
    }

    private const string Month =
        @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" +
        @"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|" +
        @"januari|[fp]ebruari|maret|mei|juni|juli|agustus|agt|okt(?:ober)?|nopember|des(?:ember)?)(?![\p{L}])\.?";

    private const string Suffix = @"(?:st|nd|rd|th)?";

    private const string Dash = @"(?:-|–|—|to|until|till|through|and|sampai(?:\s+dengan)?|hingga|s\.?/?d\.?|dan)";

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}.,/])(?:" +
        @"(?<rd1>\d{1,2})" + Suffix + @"(?:\s+(?<rm1>" + Month + @")(?:,?\s+(?<ry1>(?:19|20|21)\d\d))?)?\s*" + Dash + @"\s*(?<rd2>\d{1,2})" + Suffix + @"\s+(?<rm2>" + Month + @"),?\s+(?<ry>(?:19|20|21)\d\d)" +
        @"|(?<dd>\d{1,2})" + Suffix + @"\s+(?:of\s+)?(?<dm>" + Month + @"),?\s+(?<dy>(?:19|20|21)\d\d)" +
        @"|(?<um>" + Month + @")\s+(?<ud>\d{1,2})" + Suffix + @",\s*(?<uy>(?:19|20|21)\d\d)" +
        @"|(?<urm1>" + Month + @")\s+(?<urd1>\d{1,2})" + Suffix + @"\s*" + Dash + @"\s*(?:(?<urm2>" + Month + @")\s+)?(?<urd2>\d{1,2})" + Suffix + @",?\s*(?<ury>(?:19|20|21)\d\d)" +
        @"|(?<mm>" + Month + @"),?\s+(?<my>(?:19|20|21)\d\d)" +
        @")(?![\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 2000)]
    private static partial Regex DatePattern();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}/])(?:" +
        @"(?<xd1>\d{1,2})" + Suffix + @"(?:\s+(?<xm1>" + Month + @"))?\s*" + Dash + @"\s*(?<xd2>\d{1,2})" + Suffix + @"\s+(?<xm2>" + Month + @")" +
        @"|(?<zd>\d{1,2})" + Suffix + @"\s+(?:of\s+)?(?<zm>" + Month + @")" +
        @"|(?<ym1>" + Month + @")\s+(?<yd1>\d{1,2})" + Suffix + @"(?:\s*" + Dash + @"\s*(?:(?<ym2>" + Month + @")\s+)?(?<yd2>\d{1,2})" + Suffix + @")?" +
        @")(?![\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 2000)]
    private static partial Regex YearlessPattern();

    [GeneratedRegex(@"^(\d{1,3})(?:st|nd|rd|th)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DigitOrdinal();

    [GeneratedRegex(@"^(twenty|thirty|forty|fifty)[- ]?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)$", RegexOptions.NonBacktracking)]
    private static partial Regex CompoundOrdinal();
}

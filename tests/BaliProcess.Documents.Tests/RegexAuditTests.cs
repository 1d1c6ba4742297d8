using System.Reflection;
using System.Text.RegularExpressions;

namespace BaliProcess.Documents.Tests;

/// <summary>
/// Every regular expression of the Documents project runs without backtracking, except the few listed here whose
/// lookarounds NonBacktracking cannot express; those were reviewed for linear behaviour and carry a match timeout.
/// </summary>
public class RegexAuditTests
{
    private static readonly HashSet<string> ReviewedBacktracking =
    [
        "StatementParser.ActiveOutcome", "StatementParser.CoordinatedVerb", "StatementParser.PassiveOutcome", "StatementParser.CoChairedBy", "LeadParser.Separator",
        "LeadParser.LooseHyphen", "QuantityExtractor.Number", "QuantityExtractor.ClauseEnd", "DateParsing.DatePattern", "DateParsing.YearlessPattern",
        "TextLayout.LeadingBullet", "TextLayout.NumberedParagraph", "TextLayout.SentenceBoundary",
    ];

    public static TheoryData<string> Expressions()
    {
        var data = new TheoryData<string>();
        foreach (var name in AllExpressions().Select(e => e.Name))
        {
            data.Add(name);
        }

        return data;
    }

    private static IEnumerable<(string Name, Func<Regex> Create)> AllExpressions() =>
        typeof(TextExtractor).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Where(method => method.ReturnType == typeof(Regex) && method.GetParameters().Length == 0 && method.GetCustomAttribute<GeneratedRegexAttribute>() is not null)
                .Select(method => ($"{type.Name}.{method.Name}", (Func<Regex>)(() => (Regex)method.Invoke(null, null)!))));

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Expression_RunsWithoutBacktrackingOrIsReviewed(string name)
    {
        var regex = AllExpressions().Single(e => e.Name == name).Create();

        regex.IsMatch("probe text 12 March 2009 *x* **y**").ShouldBeOneOf(true, false);
        if (!ReviewedBacktracking.Contains(name))
        {
            regex.Options.HasFlag(RegexOptions.NonBacktracking).ShouldBeTrue($"{name} backtracks");
        }
        else
        {
            regex.MatchTimeout.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(2), $"{name} backtracks without a timeout");
        }
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace BaliProcess.Documents.Tests;

/// <summary>
/// Defect 2's quadratic text cleaning: the emphasis and rule expressions became plain linear code. The expressions
/// they replace are kept here as the oracle, and random short lines must clean the same way.
/// </summary>
public class LinearTextCleaningTests
{
    private static readonly Regex OldStrongOrEmphasis = new(@"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1");
    private static readonly Regex OldDanglingEmphasis = new(@"^\s*(?:\*{2,3}|_{2,3})(?=\S)|(?<=\S)(?:\*{2,3}|_{2,3})\s*$");
    private static readonly Regex OldEscape = new(@"\\([\\`*_{}\[\]()#+\-.!|>])");
    private static readonly Regex OldInlineCode = new("`([^`]*)`");
    private static readonly Regex OldRuleLine = new(@"^\s{0,3}([-*_])(\s*\1){2,}\s*$");

    private static IEnumerable<string> RandomLines(int seed)
    {
        var random = new Random(seed);
        const string alphabet = "*_ a-b\t";
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, 12);
            var builder = new StringBuilder();
            for (var j = 0; j < length; j++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            yield return builder.ToString();
        }
    }

    [Fact]
    public void RemovePairedEmphasis_RandomLines_MatchesTheRegularExpression()
    {
        foreach (var line in RandomLines(1))
        {
            MarkupCleaner.RemovePairedEmphasis(line).ShouldBe(OldStrongOrEmphasis.Replace(line, "$2"), $"line \"{line}\"");
        }
    }

    [Fact]
    public void RemoveDanglingEmphasis_RandomLines_MatchesTheRegularExpression()
    {
        foreach (var line in RandomLines(2))
        {
            MarkupCleaner.RemoveDanglingEmphasis(line).ShouldBe(OldDanglingEmphasis.Replace(line, string.Empty), $"line \"{line}\"");
        }
    }

    [Fact]
    public void RemoveEscapes_RandomLines_MatchesTheRegularExpression()
    {
        foreach (var line in RandomLines(4).Select(l => l.Replace(' ', '\\')))
        {
            MarkupCleaner.RemoveEscapes(line).ShouldBe(OldEscape.Replace(line, "$1"), $"line \"{line}\"");
        }
    }

    [Fact]
    public void RemoveInlineCode_RandomLines_MatchesTheRegularExpression()
    {
        foreach (var line in RandomLines(5).Select(l => l.Replace('*', '`')))
        {
            MarkupCleaner.RemoveInlineCode(line).ShouldBe(OldInlineCode.Replace(line, "$1"), $"line \"{line}\"");
        }
    }

    [Theory]
    [InlineData("`")]
    [InlineData("`a")]
    [InlineData("a`")]
    [InlineData("``a")]
    public void MarkdownToText_HugeLineOfInlineCode_IsCleanedInOnePass(string unit)
    {
        // A 990,000-character line (just under the line limit) of backticks took seconds through the expression.
        var line = "x" + string.Concat(Enumerable.Repeat(unit, 990_000 / unit.Length));

        var text = MarkupCleaner.MarkdownToText(line);

        text.ShouldBe(OldInlineCode.Replace(line, "$1").TrimEnd());
    }

    [Fact]
    public void IsRuleLine_RandomLines_MatchesTheRegularExpression()
    {
        foreach (var line in RandomLines(3))
        {
            MarkupCleaner.IsRuleLine(line).ShouldBe(OldRuleLine.IsMatch(line), $"line \"{line}\"");
        }
    }

    [Theory]
    [InlineData("*x ")]
    [InlineData("<a ")]
    [InlineData("[a](")]
    [InlineData("__x ")]
    [InlineData("\\")]
    [InlineData("`a")]
    public void MarkdownToText_LongHostileLine_IsCleanedWithoutLosingText(string unit)
    {
        // An 800,000-character line: 26 s with the old backtracking expressions (quadratic). How the time grows with the
        // length is measured in bench/ (TextCleaningBenchmarks), not here: timings in unit tests fail on a busy machine.
        var line = string.Concat(Enumerable.Repeat(unit, 800_000 / unit.Length));

        var text = MarkupCleaner.MarkdownToText(line);

        text.Length.ShouldBeGreaterThan(0);
        text.Length.ShouldBeLessThanOrEqualTo(line.Length);
    }

    [Fact]
    public void Extract_MarkdownLineLongerThanTheLimit_IsRefusedBeforeCleaning()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', 2_000));

        var result = TextExtractor.Extract("long.md", new MemoryStream(bytes), ExtractionLimits.Default with { MaxLineLength = 1_000 });

        result.Ok.ShouldBeFalse();
        result.Error.ShouldBe("long.md: refused because it has a line longer than the limit of 1,000 characters");
    }
}

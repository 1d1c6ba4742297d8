using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BaliProcess.Browser.Tests.Infrastructure;

/// <summary>axe-core on the page as it is now, limited to WCAG 2.0, 2.1 and 2.2 A and AA rules.</summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    public static async Task AssertNoViolationsAsync(this IPage page)
    {
        // axe runs as a script in the page: never wait for it for ever.
        var result = await page.RunAxe(Options).WaitAsync(TimeSpan.FromSeconds(60));
        if (result.Violations.Length == 0)
        {
            return;
        }

        var report = new StringBuilder();
        report.Append("axe found ").Append(result.Violations.Length).Append(" accessibility violation(s) on ").AppendLine(page.Url);
        foreach (var violation in result.Violations)
        {
            report.Append("- ").Append(violation.Id).Append(" (").Append(violation.Impact).Append("): ").Append(violation.Help)
                .Append(' ').AppendLine(violation.HelpUrl);
            foreach (var node in violation.Nodes)
            {
                report.Append("    at ").Append(node.Target).Append(": ").AppendLine(node.Html);
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    report.Append("      ").AppendLine(check.Message);
                }
            }
        }

        throw new Xunit.Sdk.XunitException(report.ToString());
    }
}

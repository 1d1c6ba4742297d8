using BaliProcess.Browser.Tests.Infrastructure;

namespace BaliProcess.Browser.Tests;

/// <summary>The control for every axe check in this suite: on a page made worse on purpose, the check does fail, and says why.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AxeCheck_PageWithoutLanguageAndWithAnUnlabelledSelect_FailsNamingBothRules()
    {
        var page = await fixture.NewPageAsync(fixture.Platform);
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { document.documentElement.removeAttribute('lang'); document.querySelector('label[for=culture-select]').remove(); }");

        var failure = await Should.ThrowAsync<Xunit.Sdk.XunitException>(page.AssertNoViolationsAsync());

        failure.Message.ShouldContain("html-has-lang");
        failure.Message.ShouldContain("select-name");
        failure.Message.ShouldContain("#culture-select");
    }
}

using System.Text.RegularExpressions;
using System.Xml.Linq;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Infrastructure.Localization;

/// <summary>Every string a page shows goes through a localizer, and Bahasa Indonesia has a translation for each.</summary>
public sealed partial class TranslationCoverageTests
{
    private static readonly string[] ShippedCultures = ["id"];

    [Fact]
    public void LocalizedStrings_InPagesAndCode_HaveATranslationInEveryShippedCulture()
    {
        var missing = new List<string>();
        foreach (var (resource, key) in UsedKeys())
        {
            foreach (var culture in ShippedCultures)
            {
                if (!Translations(resource, culture).ContainsKey(key))
                {
                    missing.Add($"{resource}.{culture}: \"{key}\"");
                }
            }
        }

        missing.ShouldBeEmpty(string.Join(Environment.NewLine, missing.Distinct()));
    }

    [Fact]
    public void DynamicLabels_KindsStatusesScopesAndNavigation_HaveTranslations()
    {
        List<string> missing = [];
        var directory = Translations("Features/Directory/DirectoryText", "id");
        missing.AddRange(Enum.GetValues<MemberKind>().Select(DirectoryText.KindLabel).Where(l => !directory.ContainsKey(l)));
        missing.AddRange(Enum.GetValues<BodyStatus>().Select(DirectoryText.StatusLabel).Where(l => !directory.ContainsKey(l)));
        missing.AddRange(Enum.GetValues<DistributionScope>().Select(DirectoryText.ScopeLabel).Where(l => !directory.ContainsKey(l)));
        using var platform = new SqlitePlatform();
        var shared = Translations("Infrastructure/Localization/SharedText", "id");
        missing.AddRange(platform.Services.GetRequiredService<Navigation>().Items.Select(i => i.Label).Where(l => !shared.ContainsKey(l)));

        missing.ShouldBeEmpty(string.Join(", ", missing));
    }

    [Fact]
    public void Pages_VisibleText_IsNotHardCodedOutsideTheLocalizer()
    {
        // A crude guard: text between tags that starts with a capital letter and is not a Razor expression.
        var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "Features"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => HardCodedText().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Groups[1].Value.Trim()}"))
            .ToList();

        offenders.ShouldBeEmpty(string.Join(Environment.NewLine, offenders));
    }

    private static IEnumerable<(string Resource, string Key)> UsedKeys()
    {
        var root = RepositoryPaths.WebProject;
        foreach (var file in Directory.EnumerateFiles(root, "*.cs*", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            // A file may declare the same localizer in several methods; one name means one type within a file here.
            var localizers = LocalizerDeclaration().Matches(text).GroupBy(m => m.Groups[2].Value).ToDictionary(g => g.Key, g => g.First().Groups[1].Value);
            if (file.EndsWith(".cshtml", StringComparison.Ordinal))
            {
                localizers.TryAdd("S", "SharedText");
            }

            foreach (var (variable, type) in localizers)
            {
                foreach (Match use in new Regex(Regex.Escape(variable) + "\\[\"((?:[^\"\\\\]|\\\\.)*)\"").Matches(text))
                {
                    yield return (ResourcePath(type), Regex.Unescape(use.Groups[1].Value));
                }
            }

            foreach (Match add in ValidationAdd().Matches(text))
            {
                yield return ("Infrastructure/Localization/ValidationText", Regex.Unescape(add.Groups[1].Value));
            }
        }
    }

    private static string ResourcePath(string type) => type switch
    {
        "SharedText" or "ValidationText" => $"Infrastructure/Localization/{type}",
        _ => $"Features/{type[..^"Text".Length]}/{type}",
    };

    private static Dictionary<string, string> Translations(string resource, string culture)
    {
        var path = Path.Combine(RepositoryPaths.WebProject, "Resources", $"{resource}.{culture}.resx");
        return File.Exists(path)
            ? XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value)
            : [];
    }

    [GeneratedRegex(@"IStringLocalizer<(\w+)>\s+(\w+)")]
    private static partial Regex LocalizerDeclaration();

    [GeneratedRegex(@"validation\.Add\([^,]+, ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ValidationAdd();

    [GeneratedRegex(@">\s*([A-Z][a-z]+(?: [a-z]+)+[.:]?)\s*<")]
    private static partial Regex HardCodedText();
}

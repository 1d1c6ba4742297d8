using System.Text.RegularExpressions;
using System.Xml.Linq;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;

namespace BaliProcess.Web.Tests.Features.Actions;

/// <summary>
/// The Actions module localizes its own validation messages (forms show them through ActionsText), so they are checked
/// here as the platform-wide coverage test checks ValidationText: every message and every dynamic label has an Indonesian text.
/// </summary>
public sealed partial class ActionsTranslationTests
{
    private static Dictionary<string, string> Indonesian() =>
        XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Resources", "Features", "Actions", "ActionsText.id.resx")).Root!
            .Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void ValidationMessages_OfTheActionsModule_HaveAnIndonesianTranslation()
    {
        var translations = Indonesian();
        var messages = System.IO.Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "Features", "Actions"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => ErrorsAdd().Matches(File.ReadAllText(file)).Select(m => Regex.Unescape(m.Groups[1].Value)))
            .Distinct()
            .ToList();

        messages.ShouldNotBeEmpty();
        messages.Where(m => !translations.ContainsKey(m)).ShouldBeEmpty();
    }

    [Fact]
    public void DynamicLabels_StatusesRolesScopesAndProblems_HaveAnIndonesianTranslation()
    {
        var translations = Indonesian();
        List<string> labels =
        [
            .. Enum.GetValues<ActionStatus>().Select(ActionsText.StatusLabel),
            .. Enum.GetValues<PartyRole>().Select(ActionsText.RoleLabel),
            .. Enum.GetValues<DistributionScope>().Select(ActionsText.ScopeLabel),
            "No action with that id exists, or you may not see it.",
            "Only an official of a lead of this action (a lead member, or a member of a lead body) or a platform administrator may add a status update.",
        ];

        labels.Where(l => !translations.ContainsKey(l)).ShouldBeEmpty();
    }

    [GeneratedRegex(@"errors\.Add\([^,]+, ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ErrorsAdd();
}

namespace BaliProcess.Web.Features.Actions;

/// <summary>Marker for the Actions module's strings (Resources/Features/Actions/ActionsText.*.resx); the English text is the key.</summary>
public sealed class ActionsText
{
    public static string StatusLabel(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "Not started",
        ActionStatus.UnderWay => "Under way",
        ActionStatus.Ongoing => "Ongoing",
        ActionStatus.Completed => "Completed",
        ActionStatus.Dormant => "Dormant",
        _ => "Discontinued",
    };

    public static string RoleLabel(PartyRole role) => role == PartyRole.Lead ? "Lead" : "Funder";

    public static string ScopeLabel(Infrastructure.Security.DistributionScope scope) => scope switch
    {
        Infrastructure.Security.DistributionScope.OwnAgency => "Own agency only",
        Infrastructure.Security.DistributionScope.OwnMember => "Own member only",
        Infrastructure.Security.DistributionScope.NamedMembers => "Named members",
        Infrastructure.Security.DistributionScope.SharingGroup => "A sharing group",
        Infrastructure.Security.DistributionScope.AllMembers => "All members",
        _ => "Public",
    };
}

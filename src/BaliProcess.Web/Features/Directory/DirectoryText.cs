namespace BaliProcess.Web.Features.Directory;

/// <summary>Marker for the Directory module's strings (Resources/Features/Directory/DirectoryText.*.resx).</summary>
public sealed class DirectoryText
{
    public static string KindLabel(MemberKind kind) => kind switch
    {
        MemberKind.MemberState => "Member states",
        MemberKind.MemberOrganisation => "Member organisations",
        MemberKind.ObserverState => "Observer states",
        MemberKind.ObserverOrganisation => "Observer organisations",
        _ => "Regional Support Office",
    };

    public static string StatusLabel(BodyStatus status) => status switch
    {
        BodyStatus.Active => "Active",
        BodyStatus.Dormant => "Dormant",
        _ => "Historical",
    };

    public static string ScopeLabel(Infrastructure.Security.DistributionScope scope) => scope switch
    {
        Infrastructure.Security.DistributionScope.OwnAgency => "My agency only",
        Infrastructure.Security.DistributionScope.OwnMember => "My member only",
        Infrastructure.Security.DistributionScope.NamedMembers => "Named members",
        Infrastructure.Security.DistributionScope.SharingGroup => "A sharing group",
        Infrastructure.Security.DistributionScope.AllMembers => "All members",
        _ => "Public",
    };

    /// <summary>Who will see a record of this scope, in words; {0} is the owner member's name.</summary>
    public static string AudienceSentence(Infrastructure.Security.DistributionScope scope) => scope switch
    {
        Infrastructure.Security.DistributionScope.OwnAgency => "Only officials of {0} in your agency",
        Infrastructure.Security.DistributionScope.OwnMember => "Only officials of {0}",
        Infrastructure.Security.DistributionScope.NamedMembers => "Officials of {0} and of the members named",
        Infrastructure.Security.DistributionScope.SharingGroup => "Officials of {0} and of the sharing group's members",
        Infrastructure.Security.DistributionScope.AllMembers => "All members",
        _ => "Everyone, including the public",
    };
}

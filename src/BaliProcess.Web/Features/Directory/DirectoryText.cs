using Microsoft.Extensions.Localization;

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
        MemberKind.TrainingInstitution => "Training institutions",
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

    public static string RoleLabel(BodyRole role) => role == BodyRole.Chair ? "Chair or co-chair" : "Member of the body";

    /// <summary>The corrected field as its history names it ("membership:IDN" is the membership of IDN).</summary>
    public static string FieldLabel(IStringLocalizer<DirectoryText> T, string field) => field switch
    {
        "name" => T["Name"],
        "variants" => T["Other names"],
        "memberSince" => T["Member since"],
        _ when field.StartsWith("membership:", StringComparison.Ordinal) => T["Membership of {0}", field["membership:".Length..]],
        _ => field,
    };

    /// <summary>", from 27 July 2009 until 2012" in the reader's culture, or nothing when no date is known.</summary>
    public static string Dates(IStringLocalizer<DirectoryText> T, DateOnly? since, DateOnly? until) =>
        (since, until) switch
        {
            ({ } s, { } u) => ", " + T["from {0} until {1}", s.ToString("d MMMM yyyy"), u.ToString("d MMMM yyyy")],
            ({ } s, null) => ", " + T["since {0}", s.ToString("d MMMM yyyy")],
            (null, { } u) => ", " + T["until {0}", u.ToString("d MMMM yyyy")],
            _ => "",
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

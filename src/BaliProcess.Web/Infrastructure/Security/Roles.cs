namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>The platform's roles. Anonymous public visitors have none.</summary>
public static class Roles
{
    /// <summary>RSO staff who run the platform.</summary>
    public const string PlatformAdmin = "PlatformAdmin";

    /// <summary>Manages the users and API keys of its own member.</summary>
    public const string MemberAdmin = "MemberAdmin";

    public const string MemberOfficer = "MemberOfficer";

    public const string Analyst = "Analyst";

    /// <summary>Reads the audit events that concern its own member (its users' acts and its records).</summary>
    public const string Oversight = "Oversight";

    /// <summary>The designated oversight body: reads the whole platform's audit log. Only a platform administrator grants it.</summary>
    public const string PlatformOversight = "PlatformOversight";

    public static readonly IReadOnlyList<string> All = [PlatformAdmin, MemberAdmin, MemberOfficer, Analyst, Oversight, PlatformOversight];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

public static class Policies
{
    /// <summary>A signed-in member official who has completed two-factor sign-in; needed for anything restricted.</summary>
    public const string Member = "Member";

    public const string PlatformAdmin = "PlatformAdmin";

    public const string MemberAdmin = "MemberAdmin";

    public const string Oversight = "Oversight";
}

public static class PlatformClaims
{
    public const string MemberId = "bp:member";
    public const string Agency = "bp:agency";
    public const string ApiKeyId = "bp:apikey";
    public const string Scope = "bp:scope";
    public const string AuthenticationMethod = "amr";
    public const string MultiFactor = "mfa";
}

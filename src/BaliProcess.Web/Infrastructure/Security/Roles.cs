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

    /// <summary>The roles that create and change records; analysts and oversight readers only read.</summary>
    public static readonly IReadOnlyList<string> Editors = [MemberOfficer, MemberAdmin, PlatformAdmin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>
/// The named authorization policies (defined in <see cref="PlatformAuthorization"/>). Every endpoint and page declares
/// exactly one of them, or AllowAnonymous; the denial-matrix test fails for an endpoint that declares neither.
/// </summary>
public static class Policies
{
    /// <summary>A signed-in member official (a person, not an API key) who has completed two-factor sign-in; needed for anything restricted.</summary>
    public const string Member = "Member";

    public const string PlatformAdmin = "PlatformAdmin";

    public const string MemberAdmin = "MemberAdmin";

    public const string Oversight = "Oversight";

    /// <summary>A person who may create and change records: member officer, member administrator or platform administrator.</summary>
    public const string Editor = "Editor";

    /// <summary>A member official, or an API key with directory:read.</summary>
    public const string DirectoryRead = "DirectoryRead";

    /// <summary>An editor (see <see cref="Editor"/>), or an API key with directory:write.</summary>
    public const string DirectoryWrite = "DirectoryWrite";

    public const string LibraryRead = "LibraryRead";

    public const string LibraryWrite = "LibraryWrite";

    public const string ActionsRead = "ActionsRead";

    public const string ActionsWrite = "ActionsWrite";

    public const string TrainingRead = "TrainingRead";

    public const string TrainingWrite = "TrainingWrite";
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

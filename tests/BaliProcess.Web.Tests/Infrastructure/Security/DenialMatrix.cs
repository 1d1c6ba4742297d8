using BaliProcess.Web.Infrastructure.Security;

namespace BaliProcess.Web.Tests.Infrastructure.Security;

/// <summary>Who may pass an endpoint's gate; what the caller then sees inside is the access rule's (<see cref="RecordKind"/>).</summary>
public enum Gate
{
    /// <summary>Anyone, anonymous visitors included (the access rule still filters what they see).</summary>
    Public,

    /// <summary>A person signed in with two-factor authentication; no API key.</summary>
    Member,

    /// <summary>A person with an editor role (member officer, member administrator, platform administrator); no key.</summary>
    Editor,
    PlatformAdmin,
    MemberAdmin,
    Oversight,

    /// <summary>A person, or a key with the module's read scope.</summary>
    Read,

    /// <summary>An editor, or a key with the module's write scope.</summary>
    Write,

    /// <summary>A step of signing in (two-factor, enrolment, denied): open to all; it may send a caller with no sign-in under way back to the sign-in page.</summary>
    SignInFlow,

    /// <summary>
    /// Platform plumbing (health, OpenAPI document, culture switch, the error page every status re-executes): open to
    /// all, whatever credentials come with the request, and not probed with verbs it lacks.
    /// </summary>
    Plumbing,
}

/// <summary>The record an {id} or {code} in a route stands for. Each id route is tried with a record of another member and with a nonexistent id.</summary>
public enum RecordKind
{
    None,
    Code,
    FocalPoint,
    Document,
    Meeting,
    Action,
    Course,

    /// <summary>A session of the probe course: visible exactly when its course is.</summary>
    Session,

    /// <summary>Another member's API key: no caller of the matrix may see it.</summary>
    ForeignApiKey,

    /// <summary>Another member's account: only a platform administrator may act on it.</summary>
    ForeignUser,
}

/// <param name="Route">The endpoint's route pattern (API) or the page's path (pages), as the app reports it.</param>
/// <param name="Module">The API-key scope family ("directory", "library", "actions") the gate's scope belongs to.</param>
/// <param name="MayBeAbsent">The route names something that need not exist yet (the latest checkpoint): 404 is an answer, not a leak.</param>
/// <param name="Query">Added to the requested address (the error page is asked for a status, as the platform asks for it).</param>
public sealed record MatrixRow(string Verb, string Route, Gate Gate, string? Module = null, RecordKind Record = RecordKind.None, string Query = "", bool MayBeAbsent = false)
{
    public bool IsPage => Verb == "PAGE";

    public override string ToString() => $"{Verb} {Route}";
}

/// <summary>
/// The one table of the denial matrix: every API route and verb, every Razor page, and who passes its gate. A new
/// endpoint or page without a row fails <see cref="DenialMatrixTests"/>; so does a row without an endpoint.
/// </summary>
public static class DenialMatrix
{
    public static readonly IReadOnlyList<MatrixRow> Rows =
    [
        // Directory
        new("GET", "/api/members", Gate.Public),
        new("POST", "/api/members", Gate.PlatformAdmin),
        new("GET", "/api/members/{code}", Gate.Public, Record: RecordKind.Code),
        new("GET", "/api/bodies", Gate.Public),
        new("GET", "/api/bodies/{code}", Gate.Public, Record: RecordKind.Code),
        new("PUT", "/api/members/{code}", Gate.PlatformAdmin, Record: RecordKind.Code),
        new("GET", "/api/members/{code}/history", Gate.Member, Record: RecordKind.Code),
        new("PUT", "/api/bodies/{code}", Gate.PlatformAdmin, Record: RecordKind.Code),
        new("GET", "/api/bodies/{code}/history", Gate.Member, Record: RecordKind.Code),
        new("PUT", "/api/bodies/{code}/members/{memberCode}", Gate.PlatformAdmin, Record: RecordKind.Code),
        new("POST", "/api/bodies/{code}/members/{memberCode}/remove", Gate.PlatformAdmin, Record: RecordKind.Code),
        new("GET", "/api/focal-points", Gate.Read, "directory"),
        new("POST", "/api/focal-points", Gate.Write, "directory"),
        new("GET", "/api/focal-points/count", Gate.Read, "directory"),
        new("GET", "/api/focal-points/export.csv", Gate.Read, "directory"),
        new("GET", "/api/focal-points/{id:guid}", Gate.Read, "directory", RecordKind.FocalPoint),
        new("PATCH", "/api/focal-points/{id:guid}", Gate.Write, "directory", RecordKind.FocalPoint),
        new("POST", "/api/focal-points/{id:guid}/withdraw", Gate.Write, "directory", RecordKind.FocalPoint),
        new("POST", "/api/focal-points/{id:guid}/restore", Gate.Write, "directory", RecordKind.FocalPoint),
        new("GET", "/api/focal-points/{id:guid}/history", Gate.Read, "directory", RecordKind.FocalPoint),
        new("GET", "/api/sharing-groups", Gate.Read, "directory"),
        new("POST", "/api/sharing-groups", Gate.MemberAdmin),

        // Library
        new("GET", "/api/meetings", Gate.Public),
        new("GET", "/api/meetings/{id:guid}", Gate.Public, "library", RecordKind.Meeting),
        new("PATCH", "/api/meetings/{id:guid}", Gate.Write, "library", RecordKind.Meeting),
        new("POST", "/api/meetings/{id:guid}/withdraw", Gate.Write, "library", RecordKind.Meeting),
        new("POST", "/api/meetings/{id:guid}/restore", Gate.Write, "library", RecordKind.Meeting),
        new("GET", "/api/meetings/{id:guid}/history", Gate.Public, "library", RecordKind.Meeting),
        new("GET", "/api/meetings/review", Gate.Write, "library"),
        // A random participant or item id of a visible meeting answers 404; another member's meeting 404 alike.
        new("POST", "/api/meetings/{id:guid}/participants/{participantId:guid}/link", Gate.MemberAdmin, "library", RecordKind.Meeting),
        new("POST", "/api/meetings/{id:guid}/review/{itemId:guid}/resolve", Gate.Write, "library", RecordKind.Meeting),
        new("GET", "/api/activities", Gate.Public),
        new("GET", "/api/documents", Gate.Public),
        new("POST", "/api/documents", Gate.Write, "library"),
        new("GET", "/api/documents/count", Gate.Public),
        new("GET", "/api/documents/{id:guid}", Gate.Public, "library", RecordKind.Document),
        new("GET", "/api/documents/{id:guid}/file", Gate.Public, "library", RecordKind.Document),
        new("PATCH", "/api/documents/{id:guid}", Gate.Write, "library", RecordKind.Document),
        new("POST", "/api/documents/{id:guid}/withdraw", Gate.Write, "library", RecordKind.Document),
        new("POST", "/api/documents/{id:guid}/restore", Gate.Write, "library", RecordKind.Document),
        new("GET", "/api/documents/{id:guid}/history", Gate.Public, "library", RecordKind.Document),

        // Actions
        new("GET", "/api/actions", Gate.Public),
        new("POST", "/api/actions", Gate.PlatformAdmin),
        new("GET", "/api/actions/{id:guid}", Gate.Public, "actions", RecordKind.Action),
        new("PATCH", "/api/actions/{id:guid}", Gate.Write, "actions", RecordKind.Action),
        new("PATCH", "/api/actions/{id:guid}/updates/{updateId:guid}", Gate.Write, "actions", RecordKind.Action),
        new("POST", "/api/actions/{id:guid}/withdraw", Gate.Write, "actions", RecordKind.Action),
        new("POST", "/api/actions/{id:guid}/restore", Gate.Write, "actions", RecordKind.Action),
        new("GET", "/api/actions/{id:guid}/history", Gate.Public, "actions", RecordKind.Action),
        new("POST", "/api/actions/{id:guid}/updates", Gate.Write, "actions", RecordKind.Action),
        new("POST", "/api/actions/{id:guid}/indicators", Gate.Write, "actions", RecordKind.Action),
        new("PUT", "/api/actions/{id:guid}/indicators/{indicatorId:guid}", Gate.Write, "actions", RecordKind.Action),
        new("POST", "/api/actions/{id:guid}/indicators/{indicatorId:guid}/values", Gate.Write, "actions", RecordKind.Action),
        new("GET", "/api/action-themes", Gate.Public),
        new("POST", "/api/action-themes", Gate.PlatformAdmin),
        new("GET", "/api/progress-reports", Gate.Read, "actions"),
        new("POST", "/api/progress-reports/issued", Gate.PlatformAdmin),
        new("GET", "/api/progress-reports/issued", Gate.Read, "actions"),
        // A random id: the gate is probed; another member's issued report is IssuedReportTests' (404 alike).
        new("GET", "/api/progress-reports/issued/{reportId:guid}", Gate.Read, "actions", MayBeAbsent: true),

        // Training
        new("GET", "/api/training/themes", Gate.Public),
        new("GET", "/api/training/audiences", Gate.Public),
        new("GET", "/api/training/courses", Gate.Public),
        new("POST", "/api/training/courses", Gate.Write, "training"),
        new("GET", "/api/training/courses/{id:guid}", Gate.Public, "training", RecordKind.Course),
        new("PUT", "/api/training/courses/{id:guid}", Gate.Write, "training", RecordKind.Course),
        new("POST", "/api/training/courses/{id:guid}/sessions", Gate.Write, "training", RecordKind.Course),
        new("PUT", "/api/training/sessions/{id:guid}", Gate.Write, "training", RecordKind.Session),

        // Search, accounts, audit
        new("GET", "/api/search", Gate.Public),
        new("GET", "/api/me", Gate.Read, "directory"),
        new("GET", "/api/api-keys", Gate.MemberAdmin),
        new("POST", "/api/api-keys", Gate.MemberAdmin),
        new("DELETE", "/api/api-keys/{id:guid}", Gate.MemberAdmin, Record: RecordKind.ForeignApiKey),
        new("POST", "/api/users", Gate.MemberAdmin),
        new("POST", "/api/users/{id:guid}/disable", Gate.MemberAdmin, Record: RecordKind.ForeignUser),
        new("POST", "/api/users/{id:guid}/two-factor/reset", Gate.MemberAdmin, Record: RecordKind.ForeignUser),
        new("POST", "/api/me/password", Gate.Member),
        new("GET", "/api/users", Gate.MemberAdmin),
        new("GET", "/api/users/{id:guid}", Gate.MemberAdmin, Record: RecordKind.ForeignUser),
        new("PUT", "/api/users/{id:guid}", Gate.MemberAdmin, Record: RecordKind.ForeignUser),
        new("POST", "/api/users/{id:guid}/enable", Gate.MemberAdmin, Record: RecordKind.ForeignUser),
        new("GET", "/api/users/{id:guid}/sessions", Gate.MemberAdmin, Record: RecordKind.ForeignUser),
        new("POST", "/api/users/{id:guid}/sessions/revoke", Gate.MemberAdmin, Record: RecordKind.ForeignUser),
        new("POST", "/api/me/recovery-codes", Gate.Member),
        new("GET", "/api/me/sessions", Gate.Member),
        new("POST", "/api/me/sessions/revoke", Gate.Member),
        new("GET", "/api/me/passkeys", Gate.Member),
        // The id is a credential id (base64url), not a Guid: any other account's or a made-up one answers 404 (PasskeyTests).
        new("DELETE", "/api/me/passkeys/{passkeyId}", Gate.Member),
        new("POST", "/api/password-reset", Gate.Public),
        new("POST", "/api/password-reset/complete", Gate.Public),
        new("GET", "/api/audit", Gate.Oversight),
        new("POST", "/api/audit/verify", Gate.Oversight),
        new("GET", "/api/audit/checkpoints", Gate.Member),
        new("GET", "/api/audit/checkpoints/latest", Gate.Member, MayBeAbsent: true),
        new("GET", "/api/audit/checkpoints/{treeSize:long}", Gate.Member, MayBeAbsent: true),
        new("GET", "/api/audit/public-key", Gate.Member),
        new("GET", "/api/audit/consistency", Gate.Member, Query: "?first=1&second=2"),

        // Plumbing
        new("*", "/health", Gate.Plumbing),
        new("GET", "/openapi/{documentName}.json", Gate.Plumbing),
        new("POST", "/culture", Gate.Plumbing),

        // Pages (GET shows, POST acts; every page is also sent a verb it does not handle)
        new("PAGE", "/Index", Gate.Public),
        new("PAGE", "/Error", Gate.Plumbing, Query: "?code=404"),
        new("PAGE", "/Search/Index", Gate.Public),
        new("PAGE", "/Directory/Index", Gate.Public),
        new("PAGE", "/Directory/Bodies/Index", Gate.Public),
        new("PAGE", "/Directory/Bodies/Detail", Gate.Public, Record: RecordKind.Code),
        new("PAGE", "/Directory/Members/Detail", Gate.Public, Record: RecordKind.Code),
        new("PAGE", "/Directory/Members/New", Gate.PlatformAdmin),
        new("PAGE", "/Directory/Members/Edit", Gate.PlatformAdmin, Record: RecordKind.Code),
        new("PAGE", "/Directory/Bodies/Edit", Gate.PlatformAdmin, Record: RecordKind.Code),
        new("PAGE", "/Directory/FocalPoints/Edit", Gate.Editor, "directory", RecordKind.FocalPoint),
        new("PAGE", "/Directory/FocalPoints/New", Gate.Editor),
        new("PAGE", "/Actions/Index", Gate.Public),
        new("PAGE", "/Actions/Detail", Gate.Public, "actions", RecordKind.Action),
        new("PAGE", "/Actions/Edit", Gate.Editor, "actions", RecordKind.Action),
        // A random update id of a visible action answers 404, like another member's action.
        new("PAGE", "/Actions/EditUpdate", Gate.Editor, "actions", RecordKind.Action),
        new("PAGE", "/Actions/Report", Gate.Public),
        new("PAGE", "/Actions/IssuedReports", Gate.Public),
        new("PAGE", "/Actions/IssueReport", Gate.PlatformAdmin),
        new("PAGE", "/Actions/New", Gate.PlatformAdmin),
        new("PAGE", "/Actions/Import", Gate.PlatformAdmin),
        new("PAGE", "/Library/Index", Gate.Public),
        new("PAGE", "/Library/Meetings", Gate.Public),
        new("PAGE", "/Library/Meeting", Gate.Public, "library", RecordKind.Meeting),
        new("PAGE", "/Library/Document", Gate.Public, "library", RecordKind.Document),
        new("PAGE", "/Library/EditDocument", Gate.Editor, "library", RecordKind.Document),
        new("PAGE", "/Library/EditMeeting", Gate.Editor, "library", RecordKind.Meeting),
        new("PAGE", "/Library/Review", Gate.Editor),
        new("PAGE", "/Library/Activities", Gate.Public),
        new("PAGE", "/Library/Upload", Gate.Editor),
        new("PAGE", "/Training/Index", Gate.Public),
        new("PAGE", "/Training/Course", Gate.Public, "training", RecordKind.Course),
        new("PAGE", "/Training/NewCourse", Gate.Editor),
        new("PAGE", "/Training/EditCourse", Gate.Editor, "training", RecordKind.Course),
        new("PAGE", "/Training/NewSession", Gate.Editor, "training", RecordKind.Course),
        new("PAGE", "/Accounts/SignIn", Gate.Public),
        new("PAGE", "/Accounts/SignOut", Gate.Public),
        new("PAGE", "/Accounts/TwoFactor", Gate.SignInFlow),
        new("PAGE", "/Accounts/Setup", Gate.Public),
        new("PAGE", "/Accounts/SetupTwoFactor", Gate.SignInFlow),
        new("PAGE", "/Accounts/SetupPasskey", Gate.SignInFlow),
        new("PAGE", "/Accounts/Denied", Gate.SignInFlow),
        new("PAGE", "/Accounts/Manage", Gate.Member),
        new("PAGE", "/Accounts/Users", Gate.MemberAdmin),
        new("PAGE", "/Accounts/Account", Gate.MemberAdmin, Record: RecordKind.ForeignUser),
        new("PAGE", "/Accounts/ForgotPassword", Gate.Public),
        new("PAGE", "/Accounts/ResetPassword", Gate.Public),
        new("PAGE", "/Accounts/ApiKeys", Gate.MemberAdmin),
        new("PAGE", "/Audit/Index", Gate.Oversight),
        new("PAGE", "/Audit/Checkpoints", Gate.Member),
        new("PAGE", "/ApiReference/Index", Gate.Public),
    ];

    public static string ReadScope(string module) => $"{module}:read";

    public static string WriteScope(string module) => $"{module}:write";

    /// <summary>Every scope but those of <paramref name="module"/>: the "wrong scope" key for a row of that module.</summary>
    public static string[] AllScopesBut(string? module) =>
        ApiScopes.All.Where(s => module is null || !s.StartsWith(module + ":", StringComparison.Ordinal)).ToArray();
}

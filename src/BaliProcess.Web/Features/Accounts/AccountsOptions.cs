namespace BaliProcess.Web.Features.Accounts;

/// <summary>Settings of the Accounts module (section "Accounts").</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>
    /// An account not used for this many days (no session seen, not created or re-enabled since) is disabled by the
    /// daily job or <c>./bp accounts disable-inactive</c>. 0 turns it off.
    /// </summary>
    public int DisableAfterInactiveDays { get; set; } = 90;

    /// <summary>
    /// Whether the daily job runs in this process. Unset means yes, except in the "Testing" environment (tests run the
    /// job's method when they choose); the CLI verb runs it whatever this says.
    /// </summary>
    public bool? InactivityJobEnabled { get; set; }

    /// <summary>How long a password-reset link works (it works once).</summary>
    public int PasswordResetLinkMinutes { get; set; } = 30;

    /// <summary>
    /// When true, a platform administrator signs in with a passkey as the second factor (an authenticator code or a
    /// recovery code is not accepted), and one without a passkey registers one right after signing in.
    /// </summary>
    public bool RequirePasskeyForPlatformAdmins { get; set; }
}

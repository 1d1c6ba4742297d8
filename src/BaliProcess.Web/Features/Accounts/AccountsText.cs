namespace BaliProcess.Web.Features.Accounts;

/// <summary>Marker for the Accounts module's strings (Resources/Features/Accounts/AccountsText.*.resx).</summary>
public sealed class AccountsText;

using System.Net;
using System.Globalization;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Mail;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>
/// The e-mails that tell officials what happened to their account. Links are absolute, built from
/// Platform:PublicBaseUrl (<see cref="PublicLinks"/>), never from the request. Each text is in the recipient's own
/// language (<see cref="AppUser.PreferredCulture"/>, the language they last chose), not the administrator's. Messages
/// go through the outbox in the same SaveChangesAsync as the change they report (<see cref="Queue"/>).
/// </summary>
public sealed class AccountMail(AppDbContext db, MailOutbox outbox, PublicLinks links, IStringLocalizer<AccountsText> text)
{
    public OutgoingMail PasswordResetLink(AppUser user, string token, int minutes)
    {
        var link = links.To($"/Accounts/ResetPassword?token={Uri.EscapeDataString(token)}");
        return Compose(user, "Reset your password",
            [
                ("Someone asked to reset the password of your account on the Bali Process Cooperation Platform. If it was you, open this link within {0} minutes and choose a new password. The link works once.", [minutes]),
                ("If you did not ask, ignore this e-mail: your password stays as it is.", []),
            ],
            link);
    }

    public OutgoingMail PasswordChanged(AppUser user) =>
        Compose(user, "Your password was changed",
            [
                ("The password of your account on the Bali Process Cooperation Platform was changed, and every other session of the account was signed out.", []),
                ("If you did not do this, reset your password at once with the link below and tell your member administrator.", []),
            ],
            links.To("/Accounts/ForgotPassword"));

    public OutgoingMail TwoFactorReset(AppUser user) =>
        Compose(user, "Your two-factor sign-in was reset",
            [
                ("An administrator removed the authenticator of your account on the Bali Process Cooperation Platform, and every session of the account was signed out.", []),
                ("At your next sign-in you will set up an authenticator app again. If you did not ask for this, tell your member administrator at once.", []),
            ],
            links.To("/Accounts/SignIn"));

    public OutgoingMail Disabled(AppUser user) =>
        Compose(user, "Your account was disabled",
            [
                ("An administrator disabled your account on the Bali Process Cooperation Platform, and every session of the account was signed out.", []),
                ("If you still need the account, ask your member administrator to enable it again.", []),
            ],
            links.To("/"));

    public OutgoingMail DisabledAsUnused(AppUser user, int days) =>
        Compose(user, "Your account was disabled",
            [
                ("Your account on the Bali Process Cooperation Platform was not used for {0} days, so it was disabled, as the platform's rules ask.", [days]),
                ("If you still need the account, ask your member administrator to enable it again.", []),
            ],
            links.To("/"));

    public OutgoingMail Enabled(AppUser user) =>
        Compose(user, "Your account was enabled again",
            [
                ("An administrator enabled your account on the Bali Process Cooperation Platform again. You can sign in with your password and your authenticator app.", []),
                ("If you did not ask for this, tell your member administrator at once.", []),
            ],
            links.To("/Accounts/SignIn"));

    /// <summary>Adds the message to the outbox: it leaves when the caller's SaveChangesAsync has committed, on whichever node sends.</summary>
    public void Queue(OutgoingMail mail) => outbox.Add(db, mail);

    private OutgoingMail Compose(AppUser user, string subjectKey, IReadOnlyList<(string Key, object[] Arguments)> paragraphKeys, string link)
    {
        var (subject, paragraphs) = InCulture(user.PreferredCulture, () =>
            (text[subjectKey].Value, paragraphKeys.Select(p => text[p.Key, p.Arguments].Value).ToList()));
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email! : user.DisplayName;
        var textBody = $"{name},\n\n{string.Join("\n\n", paragraphs)}\n\n{link}\n";
        var html = $"<!DOCTYPE html><html lang=\"{WebUtility.HtmlEncode(Cultures.Resolve(user.PreferredCulture).Name)}\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(subject)}</title></head><body><p>{WebUtility.HtmlEncode(name)},</p>"
            + string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"))
            + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p></body></html>";
        return new OutgoingMail([new MailRecipient(user.Email!, user.DisplayName)], subject, textBody, html);
    }

    /// <summary>Runs <paramref name="localise"/> with the recipient's language as the UI culture (the localiser reads it), then restores the caller's.</summary>
    private static T InCulture<T>(string? culture, Func<T> localise)
    {
        var previous = CultureInfo.CurrentUICulture;
        var previousFormat = CultureInfo.CurrentCulture;
        var wanted = Cultures.Resolve(culture);
        try
        {
            CultureInfo.CurrentUICulture = wanted;
            CultureInfo.CurrentCulture = wanted;
            return localise();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousFormat;
        }
    }
}

using System.Net;
using BaliProcess.Web.Infrastructure.Mail;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Accounts.Lifecycle;

/// <summary>Account e-mails: through the outbox, in the recipient's language, for every change an administrator makes to the account.</summary>
public abstract class AccountMailTests(AccountsPlatform platform)
{
    private async Task ChooseLanguageAsync(HttpClient client, string culture)
    {
        var home = await client.GetStringAsync("/");
        var chosen = await client.PostAsync("/culture", PlatformFactory.Form(home, ("culture", culture), ("returnUrl", "/")));
        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Disable_RecipientChoseIndonesianAdministratorUsesEnglish_MailIsInIndonesian()
    {
        var user = await platform.CreateUserAsync("IDN");
        await ChooseLanguageAsync(await platform.SignInAsync(user), "id");
        (await platform.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PreferredCulture).SingleAsync())).ShouldBe("id");
        var admin = await platform.SignInNewUserAsync("IDN", [Roles.MemberAdmin]);

        (await admin.PostAsync($"/api/users/{user.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var mail = await platform.WaitForMailAsync(user.Email, "Akun Anda dinonaktifkan");
        mail.TextBody!.ShouldContain("Seorang administrator menonaktifkan akun Anda");
        mail.HtmlBody!.ShouldContain("lang=\"id\"");
    }

    [Fact]
    public async Task Enable_AfterDisable_UserIsEmailedBothTimesInEnglishByDefault()
    {
        var user = await platform.CreateUserAsync("THA");
        var admin = await platform.SignInNewUserAsync("THA", [Roles.MemberAdmin]);

        (await admin.PostAsync($"/api/users/{user.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"/api/users/{user.Id}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await platform.WaitForMailAsync(user.Email, "Your account was disabled")).TextBody!.ShouldContain("ask your member administrator to enable it again");
        (await platform.WaitForMailAsync(user.Email, "Your account was enabled again")).TextBody!.ShouldContain($"{AccountsPlatform.PublicBaseUrl}/Accounts/SignIn");
    }

    [Fact]
    public async Task Outbox_ResetMailSent_KeepsNoMessageAndNeverHeldItInClear()
    {
        var user = await platform.CreateUserAsync("PHL");
        var browser = platform.Anonymous();
        var form = await browser.GetStringAsync("/Accounts/ForgotPassword");
        (await browser.PostAsync("/Accounts/ForgotPassword", PlatformFactory.Form(form, ("Email", user.Email)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var mail = await platform.WaitForMailAsync(user.Email, "Reset your password");
        var token = AccountsPlatform.TokenOf(AccountsPlatform.ResetLink(mail).Absolute);
        var row = await WaitForRowAsync(user.Email, r => r.SentAt != null);

        row.ProtectedMessage.ShouldBeNull("a sent message is dropped: it carried a live reset link");
        row.Subject.ShouldBe("Reset your password");
        var everything = await platform.WithDbAsync(db => db.Set<QueuedMail>().Select(m => m.ProtectedMessage).ToListAsync());
        everything.ShouldAllBe(m => m == null || !m.Contains(token), "queued messages are encrypted");
    }

    [Fact]
    public async Task Outbox_UnreadableMessage_IsGivenUpNotRetriedForever()
    {
        var address = $"nobody-{Guid.NewGuid():N}@example.org";
        await platform.WithDbAsync(async db =>
        {
            db.Add(new QueuedMail { CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow, Recipient = address, Subject = "Tampered", ProtectedMessage = "not a protected payload" });
            return await db.SaveChangesAsync();
        });

        var row = await WaitForRowAsync(address, r => r.GaveUpAt != null);

        row.SentAt.ShouldBeNull();
        row.ProtectedMessage.ShouldBeNull();
        row.LastError!.ShouldContain("cannot be read");
        platform.MailsTo(address).ShouldBeEmpty();
    }

    private async Task<QueuedMail> WaitForRowAsync(string recipient, Func<QueuedMail, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            var rows = await platform.WithDbAsync(db => db.Set<QueuedMail>().AsNoTracking().Where(m => m.Recipient == recipient).ToListAsync());
            if (rows.FirstOrDefault(done) is { } row)
            {
                return row;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"The outbox row to {recipient} did not reach the expected state within 10 seconds.");
    }
}

public sealed class AccountMailSqliteTests(AccountsSqlitePlatform platform) : AccountMailTests(platform), IClassFixture<AccountsSqlitePlatform>;

public sealed class AccountMailPostgresTests(AccountsPostgresPlatform platform) : AccountMailTests(platform), IClassFixture<AccountsPostgresPlatform>;

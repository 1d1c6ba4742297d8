using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Accounts;

/// <summary>The account verbs of <c>./bp</c>: the operator acts as a trusted administrator of every account.</summary>
public static class AccountsCli
{
    public const string Usage = """
          user list [--member CODE]                 list accounts (disabled ones marked)
          user disable --email E                    disable an account and end its sessions
          user enable --email E                     re-enable a disabled account
          user reset-2fa --email E --confirm        remove a lost authenticator (after checking the person by another channel);
                                                    the person enrols again at the next sign-in and is told by e-mail
          user update --email E [--roles R1,R2] [--agency A]
                                                    change roles and agency (an empty --agency "" clears it)
          user sessions --email E                   list the account's open sessions
          user sign-out --email E                   end every session of the account
          accounts disable-inactive                 disable accounts unused for Accounts:DisableAfterInactiveDays days
        """;

    /// <summary>The verbs handled here ("user create" stays with the platform's first verbs).</summary>
    public static bool Handles(string verb) =>
        verb is "user list" or "user disable" or "user enable" or "user reset-2fa" or "user update" or "user sessions" or "user sign-out" or "accounts disable-inactive";

    internal static async Task<int> RunAsync(IServiceProvider services, string verb, CliOptions options, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var administration = services.GetRequiredService<AccountAdministration>();
        if (verb == "accounts disable-inactive")
        {
            var sweep = await services.GetRequiredService<InactiveAccounts>().DisableInactiveAsync(ct);
            if (sweep.Days <= 0)
            {
                await stdout.WriteLineAsync("Accounts:DisableAfterInactiveDays is 0: inactive accounts are not disabled.");
                return 0;
            }

            await stdout.WriteLineAsync($"{sweep.Disabled.Count} account(s) unused for {sweep.Days} days disabled.");
            foreach (var disabledEmail in sweep.Disabled)
            {
                await stdout.WriteLineAsync($"  {disabledEmail}");
            }

            return 0;
        }

        if (verb == "user list")
        {
            Guid? memberId = null;
            if (options.Get("member") is { } code)
            {
                var normalised = code.Trim().ToUpperInvariant();
                memberId = await services.GetRequiredService<AppDbContext>().Set<Directory.Member>().Where(m => m.Code == normalised).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct);
                if (memberId is null)
                {
                    await stderr.WriteLineAsync($"There is no member with code '{code}'.");
                    return 1;
                }
            }

            foreach (var a in await administration.ListAsync(null, memberId, ct))
            {
                await stdout.WriteLineAsync($"{a.Email}\t{a.MemberCode}\t{a.Agency ?? "-"}\t{string.Join(",", a.Roles)}\t{(a.Disabled ? "disabled" : "active")}\t2FA {(a.TwoFactorEnabled ? "on" : "off")}\tlast seen {a.LastSeenAt?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}");
            }

            return 0;
        }

        var email = options.Get("email");
        if (string.IsNullOrWhiteSpace(email))
        {
            await stderr.WriteLineAsync("Give --email E of the account.");
            return 2;
        }

        if (await administration.FindIdByEmailAsync(email, ct) is not { } id)
        {
            await stderr.WriteLineAsync($"There is no account with e-mail '{email}'.");
            return 1;
        }

        switch (verb)
        {
            case "user disable":
                return await ReportAsync(await administration.DisableAsync(id, null, ct), c => $"Disabled {email}; {c.SessionsEnded} session(s) ended.");
            case "user enable":
                return await ReportAsync(await administration.EnableAsync(id, null, ct), _ => $"{email} can sign in again.");
            case "user reset-2fa":
                return await ReportAsync(await administration.ResetTwoFactorAsync(id, new ConfirmInput(options.Has("confirm")), null, ct),
                    c => $"Two-factor sign-in of {email} removed; {c.SessionsEnded} session(s) ended. The person sets up an authenticator at the next sign-in.");
            case "user update":
                var roles = options.Has("roles") ? options.List("roles") : null;
                var agency = options.Has("agency") ? options.Get("agency") ?? "" : null;
                return await ReportAsync(await administration.UpdateAsync(id, new AccountUpdateInput(roles, agency), null, ct),
                    a => $"{a.Email}: roles {string.Join(",", a.Roles)}; agency {a.Agency ?? "-"}.");
            case "user sign-out":
                return await ReportAsync(await administration.SignOutEverywhereAsync(id, new ConfirmInput(true), null, ct), c => $"{c.SessionsEnded} session(s) of {email} ended.");
            default:
                var sessions = await administration.SessionsAsync(id, null, null, ct);
                foreach (var s in sessions.Value!)
                {
                    await stdout.WriteLineAsync($"{s.Id}\tsince {s.CreatedAt:yyyy-MM-dd HH:mm}\tlast seen {s.LastSeenAt:yyyy-MM-dd HH:mm}\t{s.RemoteAddress ?? "-"}\t{s.UserAgent ?? "-"}");
                }

                await stderr.WriteLineAsync($"{sessions.Value.Count} open session(s).");
                return 0;
        }

        async Task<int> ReportAsync<T>(CommandResult<T> result, Func<T, string> done)
        {
            if (!result.Succeeded)
            {
                if (result.ProblemMessage is { } problem)
                {
                    await stderr.WriteLineAsync(problem);
                }

                foreach (var (field, messages) in result.Invalid?.Errors ?? new Dictionary<string, string[]>())
                {
                    foreach (var message in messages)
                    {
                        await stderr.WriteLineAsync(field == "confirm" ? $"--confirm: {message}" : $"{field}: {message}");
                    }
                }

                return 1;
            }

            await stdout.WriteLineAsync(done(result.Value!));
            return 0;
        }
    }
}

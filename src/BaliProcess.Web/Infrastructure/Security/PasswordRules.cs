using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>
/// Password rules after NIST SP 800-63B: a minimum length, a generous maximum, no composition rules,
/// pasting allowed (password managers), and a block list of common and context-specific passwords.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    private static readonly string[] ContextWords = ["baliprocess", "bali process", "bali", "password", "rso", "bangkok"];

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var errors = Check(password, user.Email).Select(e => new IdentityError { Code = e.Code, Description = e.Message }).ToArray();
        return Task.FromResult(errors.Length == 0 ? IdentityResult.Success : IdentityResult.Failed(errors));
    }

    public static IReadOnlyList<(string Code, string Message)> Check(string? password, string? email)
    {
        List<(string, string)> errors = [];
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            errors.Add(("PasswordTooShort", $"The password must be at least {MinimumLength} characters long. A few unrelated words make a good one."));
            return errors;
        }

        if (password.Length > MaximumLength)
        {
            errors.Add(("PasswordTooLong", $"The password must be at most {MaximumLength} characters long."));
            return errors;
        }

        var lowered = password.ToLowerInvariant();
        if (CommonPasswords.Value.Contains(lowered) || IsRepetitive(lowered))
        {
            errors.Add(("PasswordCommon", "This password is too common or too easy to guess. Choose another."));
        }
        else if (IsContextWordWithSuffix(lowered))
        {
            errors.Add(("PasswordContext", "The password must not be the name of the platform or a place with a few digits or symbols added."));
        }

        if (email is { Length: > 0 } && lowered.Contains(email.Split('@')[0].ToLowerInvariant(), StringComparison.Ordinal) && email.Split('@')[0].Length >= 4)
        {
            errors.Add(("PasswordContainsEmail", "The password must not contain your e-mail name."));
        }

        return errors;
    }

    private static bool IsContextWordWithSuffix(string lowered)
    {
        var compact = lowered.Replace(" ", "", StringComparison.Ordinal);
        return ContextWords
            .Select(w => w.Replace(" ", "", StringComparison.Ordinal))
            .Any(w => compact.StartsWith(w, StringComparison.Ordinal)
                && compact[w.Length..].All(c => !char.IsLetter(c)));
    }

    /// <summary>"aaaaaaaaaaaa", "abcabcabcabc", "123456789012": one short pattern repeated or a sequence.</summary>
    private static bool IsRepetitive(string password)
    {
        for (var period = 1; period <= 4; period++)
        {
            var repeats = true;
            for (var i = period; i < password.Length && repeats; i++)
            {
                repeats = password[i] == password[i - period];
            }

            if (repeats)
            {
                return true;
            }
        }

        var ascending = true;
        for (var i = 1; i < password.Length && ascending; i++)
        {
            ascending = password[i] - password[i - 1] is 1 or -9;
        }

        return ascending;
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("common-passwords.txt", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}

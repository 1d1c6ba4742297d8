namespace BaliProcess.Web.Infrastructure.Localization;

/// <summary>Marker for the strings of the layout and of cross-cutting pages (Resources/Infrastructure/Localization/SharedText.*.resx).</summary>
public sealed class SharedText;

/// <summary>Marker for validation messages of every module (Resources/Infrastructure/Localization/ValidationText.*.resx); the English text is the key.</summary>
public sealed class ValidationText;

public static class Cultures
{
    public const string Default = "en";

    /// <summary>Cultures with a full translation. Adding one = adding its .resx files and its name here.</summary>
    public static readonly IReadOnlyList<(string Code, string NativeName)> Supported = [("en", "English"), ("id", "Bahasa Indonesia")];

    public static bool IsSupported(string? code) => code is not null && Supported.Any(c => c.Code == code);

    /// <summary>The culture of a supported code, or the default for an unknown or missing one (an e-mail to someone who never chose).</summary>
    public static System.Globalization.CultureInfo Resolve(string? code) =>
        System.Globalization.CultureInfo.GetCultureInfo(IsSupported(code) ? code! : Default);
}

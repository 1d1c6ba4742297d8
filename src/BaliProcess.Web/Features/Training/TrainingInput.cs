using System.Globalization;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Training;

/// <summary>A course as a provider's page, API client or spreadsheet row gives it. The scope fields are read on creation only.</summary>
public sealed record CourseInput(
    string? Title,
    string? Summary,
    IReadOnlyList<string>? Themes,
    IReadOnlyList<string>? Audiences,
    CourseLevel? Level,
    Delivery? Delivery,
    IReadOnlyList<string>? Languages,
    string? Duration = null,
    string? CostAndFunding = null,
    string? Eligibility = null,
    string? Prerequisites = null,
    string? ContactName = null,
    string? ContactEmail = null,
    IReadOnlyList<Guid>? DocumentIds = null,
    DistributionScope? Scope = null,
    IReadOnlyList<string>? NamedMembers = null,
    Guid? SharingGroupId = null,
    bool Draft = false,
    string? Reason = null);

/// <summary>A session of a course. <see cref="Reason"/> is needed when an existing session is changed.</summary>
public sealed record SessionInput(
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? Place,
    bool Online,
    string? Language,
    int? Capacity,
    DateOnly? NominationDeadline,
    SessionStatus? Status,
    string? Reason = null);

/// <summary>The checks a course and a session pass, the same for the page, the API and the spreadsheet.</summary>
public static class TrainingValidation
{
    /// <summary>ISO 639 codes the runtime's culture data knows (two letters, or three where a language has no two-letter code).</summary>
    private static readonly HashSet<string> LanguageCodes = CultureInfo.GetCultures(CultureTypes.NeutralCultures)
        .Where(c => c.Name.Length is 2 or 3 && c.Name.All(char.IsAsciiLetterLower))
        .Select(c => c.Name)
        .ToHashSet(StringComparer.Ordinal);

    public static bool IsLanguage(string code) => LanguageCodes.Contains(code);

    /// <summary>Normalised language codes; unknown ones are reported under <paramref name="field"/>.</summary>
    public static List<string> Languages(IEnumerable<string>? codes, Validation validation, string field)
    {
        var normalised = (codes ?? []).Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        var unknown = normalised.Where(c => !IsLanguage(c)).ToList();
        if (unknown.Count > 0)
        {
            validation.Add(field, "Unknown language code(s): {0}. Use ISO 639 codes such as en, id, th.", string.Join(", ", unknown));
        }

        return normalised;
    }

    /// <summary>Normalised term codes of one list; unknown ones are reported under <paramref name="field"/>.</summary>
    public static async Task<List<string>> TermsAsync(AppDbContext db, TermList list, IEnumerable<string>? codes, Validation validation, string field, CancellationToken ct)
    {
        var normalised = (codes ?? []).Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        var known = await db.Set<TrainingTerm>().Where(t => t.List == list && normalised.Contains(t.Code)).Select(t => t.Code).ToListAsync(ct);
        var unknown = normalised.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            validation.Add(field, list == TermList.Theme
                ? "Unknown theme(s): {0}. See /api/training/themes for the list."
                : "Unknown audience(s): {0}. See /api/training/audiences for the list.", string.Join(", ", unknown));
        }

        return normalised;
    }

    public static async Task<CheckedCourse?> CheckAsync(CourseInput input, AppDbContext db, Viewer viewer, Validation validation, CancellationToken ct)
    {
        validation
            .Require("title", input.Title, "Title", TrainingLimits.Title)
            .Require("summary", input.Summary, "Summary", TrainingLimits.Summary);
        var themes = await TermsAsync(db, TermList.Theme, input.Themes, validation, "themes", ct);
        if (themes.Count == 0 && !validation.Errors.ContainsKey("themes"))
        {
            validation.Add("themes", "Choose at least one theme.");
        }

        var audiences = await TermsAsync(db, TermList.Audience, input.Audiences, validation, "audiences", ct);
        var languages = Languages(input.Languages, validation, "languages");
        if (languages.Count == 0 && !validation.Errors.ContainsKey("languages"))
        {
            validation.Add("languages", "Give at least one language the course is taught in.");
        }

        if (input.Level is not { } level || !Enum.IsDefined(level))
        {
            validation.Add("level", "Choose a level: one of {0}.", string.Join(", ", Enum.GetNames<CourseLevel>()));
        }

        if (input.Delivery is not { } delivery || !Enum.IsDefined(delivery))
        {
            validation.Add("delivery", "Choose how the course is delivered: one of {0}.", string.Join(", ", Enum.GetNames<Delivery>()));
        }

        Optional(validation, "duration", input.Duration, TrainingLimits.ShortText);
        Optional(validation, "costAndFunding", input.CostAndFunding, TrainingLimits.LongText);
        Optional(validation, "eligibility", input.Eligibility, TrainingLimits.LongText);
        Optional(validation, "prerequisites", input.Prerequisites, TrainingLimits.LongText);
        Optional(validation, "contactName", input.ContactName, TrainingLimits.ShortText);
        if (input.ContactEmail is { Length: > 0 } email && (email.Length > 254 || !DirectoryCommands.Email().IsMatch(email.Trim())))
        {
            validation.Add("contactEmail", "'{0}' is not an e-mail address.", email);
        }

        // A course may link only documents its author can read, so a link never reveals a title the reader could not see.
        var documentIds = (input.DocumentIds ?? []).Distinct().ToList();
        if (documentIds.Count > 0)
        {
            var readable = await db.Set<Library.LibraryDocument>().VisibleTo(viewer, db).Where(d => documentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
            var missing = documentIds.Except(readable).ToList();
            if (missing.Count > 0)
            {
                validation.Add("documentIds", "No Library document with id {0} that you may read.", string.Join(", ", missing));
            }
        }

        return validation.IsValid
            ? new CheckedCourse(input.Title!.Trim(), input.Summary!.Trim(), themes, audiences, input.Level!.Value, input.Delivery!.Value, languages,
                Trimmed(input.Duration), Trimmed(input.CostAndFunding), Trimmed(input.Eligibility), Trimmed(input.Prerequisites),
                Trimmed(input.ContactName), Trimmed(input.ContactEmail), documentIds)
            : null;
    }

    public static CheckedSession? Check(SessionInput input, Validation validation)
    {
        if (input.StartDate is not { } start)
        {
            validation.Add("startDate", "Give the first day of the session (yyyy-mm-dd).");
        }

        if (input.EndDate is not { } end)
        {
            validation.Add("endDate", "Give the last day of the session (yyyy-mm-dd).");
        }
        else if (input.StartDate is { } s && end < s)
        {
            validation.Add("endDate", "The session ends ({0:yyyy-MM-dd}) before it starts ({1:yyyy-MM-dd}).", end, s);
        }

        if (input.NominationDeadline is { } deadline && input.StartDate is { } first && deadline > first)
        {
            validation.Add("nominationDeadline", "The nomination deadline ({0:yyyy-MM-dd}) is after the session starts ({1:yyyy-MM-dd}).", deadline, first);
        }

        if (input.Capacity is < 0)
        {
            validation.Add("capacity", "Capacity cannot be negative ({0}).", input.Capacity);
        }
        else if (input.Capacity is > 100_000)
        {
            validation.Add("capacity", "Capacity must be at most {0}.", 100_000);
        }

        var place = Trimmed(input.Place);
        if (place is null && !input.Online)
        {
            validation.Add("place", "Give the place of an in-person session, or mark it online.");
        }

        Optional(validation, "place", input.Place, TrainingLimits.ShortText);
        var language = input.Language?.Trim().ToLowerInvariant() ?? "";
        if (language.Length == 0)
        {
            validation.Add("language", "Give the language the session is taught in.");
        }
        else if (!IsLanguage(language))
        {
            validation.Add("language", "Unknown language code: {0}. Use an ISO 639 code such as en, id, th.", input.Language);
        }

        if (input.Status is { } status && !Enum.IsDefined(status))
        {
            validation.Add("status", "Choose a status: one of {0}.", string.Join(", ", Enum.GetNames<SessionStatus>()));
        }

        return validation.IsValid
            ? new CheckedSession(input.StartDate!.Value, input.EndDate!.Value, place, input.Online, language, input.Capacity, input.NominationDeadline, input.Status ?? SessionStatus.Planned)
            : null;
    }

    private static void Optional(Validation validation, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            validation.Add(field, "This must be at most {0} characters.", max);
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record CheckedCourse(string Title, string Summary, List<string> Themes, List<string> Audiences, CourseLevel Level, Delivery Delivery,
    List<string> Languages, string? Duration, string? CostAndFunding, string? Eligibility, string? Prerequisites, string? ContactName,
    string? ContactEmail, List<Guid> DocumentIds);

public sealed record CheckedSession(DateOnly StartDate, DateOnly EndDate, string? Place, bool Online, string Language, int? Capacity,
    DateOnly? NominationDeadline, SessionStatus Status);

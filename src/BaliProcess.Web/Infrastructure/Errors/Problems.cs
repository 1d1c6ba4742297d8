using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Infrastructure.Errors;

/// <summary>Expected failures, returned as ProblemDetails (RFC 9457) rather than thrown.</summary>
public static class Problems
{
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            title: "The request has invalid values.");

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid values.");

    public static ProblemHttpResult Conflict(string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: message);

    public static ProblemHttpResult NotFound(string what = "record") =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: $"No {what} with that id exists, or you may not see it.");

    public static ProblemHttpResult Forbidden(string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: message);
}

/// <summary>A message as a translatable format (the English text is the key) and its arguments.</summary>
public sealed record LocalizableMessage(string Format, object?[] Args)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Format, Args);

    public string ToString(IStringLocalizer localizer) => localizer[Format, Args.Select(a => a ?? "").ToArray()].Value;
}

/// <summary>Collects field errors for an input record before anything is stored.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<LocalizableMessage>> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    /// <param name="format">English text with {0}-style placeholders; it is also the key of its translations (ValidationText).</param>
    public Validation Add(string field, string format, params object?[] args)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(new LocalizableMessage(format, args));
        return this;
    }

    public Validation Require(string field, string? value, string label, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, label + " is required.");
        }

        return value.Length > maxLength ? Add(field, label + " must be at most {0} characters.", maxLength) : this;
    }

    /// <summary>The messages in English, for the API and the CLI.</summary>
    public IReadOnlyDictionary<string, string[]> Errors =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.ToString()).ToArray(), StringComparer.Ordinal);

    /// <summary>The messages in the reader's language, for forms.</summary>
    public IEnumerable<(string Field, string Message)> Localized(IStringLocalizer localizer) =>
        errors.SelectMany(e => e.Value.Select(m => (e.Key, m.ToString(localizer))));

    public ValidationProblem ToProblem() => Problems.Invalid(Errors);
}

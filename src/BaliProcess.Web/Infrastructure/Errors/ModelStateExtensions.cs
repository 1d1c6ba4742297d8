using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Infrastructure.Errors;

public static class ModelStateExtensions
{
    /// <summary>
    /// Shows a command's failure on the form in the reader's language: field errors next to their fields
    /// (under <paramref name="prefix"/>), others at the top.
    /// </summary>
    public static void AddFailure<T>(this ModelStateDictionary modelState, CommandResult<T> result, IStringLocalizer text, string prefix = "Form")
    {
        if (result.Problem is not null)
        {
            modelState.AddModelError("", result.ProblemMessage is { } message ? text[message].Value : "");
        }

        foreach (var (field, message) in result.Invalid?.Localized(text) ?? [])
        {
            var key = field.Length == 0 ? "" : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            modelState.AddModelError(key, message);
        }
    }
}

using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace BaliProcess.Web.Infrastructure.Errors;

public static class ModelStateExtensions
{
    /// <summary>Shows a command's failure on the form: field errors next to their fields (under <paramref name="prefix"/>), others at the top.</summary>
    public static void AddFailure<T>(this ModelStateDictionary modelState, CommandResult<T> result, string prefix = "Form")
    {
        if (result.ProblemMessage is { } message)
        {
            modelState.AddModelError("", message);
        }

        foreach (var (field, messages) in result.Invalid?.Errors ?? new Dictionary<string, string[]>())
        {
            var key = field.Length == 0 ? "" : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            foreach (var m in messages)
            {
                modelState.AddModelError(key, m);
            }
        }
    }
}

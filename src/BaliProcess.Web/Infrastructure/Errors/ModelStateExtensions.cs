using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
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

    /// <summary>
    /// The end of a correction form's post: a redirect to <paramref name="done"/> on success, 404 for a record the
    /// viewer cannot see, otherwise the page again with the messages (a reason error under <paramref name="reasonField"/>,
    /// for the page's second form).
    /// </summary>
    public static IActionResult CorrectionOutcome<T>(this PageModel page, CommandResult<T> result, string done, IStringLocalizer text, string reasonField = "Form.Reason")
    {
        if (result.Succeeded)
        {
            return new RedirectResult(done);
        }

        if (result.Problem?.StatusCode == StatusCodes.Status404NotFound)
        {
            return new NotFoundResult();
        }

        page.ModelState.AddFailure(result, text);
        if (reasonField != "Form.Reason" && page.ModelState.TryGetValue("Form.Reason", out var entry))
        {
            var errors = entry.Errors.Select(e => e.ErrorMessage).ToList();
            page.ModelState.Remove("Form.Reason");
            errors.ForEach(e => page.ModelState.AddModelError(reasonField, e));
        }

        return new PageResult();
    }
}

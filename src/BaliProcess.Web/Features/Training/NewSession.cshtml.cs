using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Training;

public sealed class SessionForm
{
    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? Place { get; set; }

    public bool Online { get; set; }

    public string? Language { get; set; } = "en";

    public int? Capacity { get; set; }

    public DateOnly? NominationDeadline { get; set; }

    public SessionStatus? Status { get; set; } = SessionStatus.Planned;
}

/// <summary>Adding a session to a course: the course's provider's editors only.</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class NewSessionModel(AppDbContext db, TrainingCommands commands, IStringLocalizer<ValidationText> validationText) : PageModel
{
    [BindProperty]
    public SessionForm Form { get; set; } = new();

    public CourseView Course { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await TrainingQueries.CourseAsync(db, HttpContext.Viewer(), id, ct) is not { } course)
        {
            return NotFound();
        }

        Course = course;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await TrainingQueries.CourseAsync(db, HttpContext.Viewer(), id, ct) is not { } course)
        {
            return NotFound();
        }

        Course = course;
        // A date or number the browser could not send as one is named on the form, not silently dropped.
        var unreadable = ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToList();
        ModelState.Clear();
        if (unreadable.Count > 0)
        {
            foreach (var key in unreadable)
            {
                ModelState.AddModelError(key, validationText["This value could not be read: check its format."]);
            }

            return Page();
        }

        var result = await commands.AddSessionAsync(id, new SessionInput(Form.StartDate, Form.EndDate, Form.Place, Form.Online, Form.Language,
            Form.Capacity, Form.NominationDeadline, Form.Status), HttpContext.Viewer(), ct);
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText);
            return Page();
        }

        return Redirect($"/Training/Courses/{id}?saved=true#sessions");
    }
}

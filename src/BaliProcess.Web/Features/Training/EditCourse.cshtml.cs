using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Training;

/// <summary>Changing a listing: the provider's editors only (a course the editor cannot see answers 404, another provider's a message).</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class EditCourseModel(AppDbContext db, TrainingCommands commands, IStringLocalizer<ValidationText> validationText) : PageModel
{
    [BindProperty]
    public CourseForm Form { get; set; } = new();

    public CourseFieldsModel Fields { get; private set; } = null!;

    public CourseView Course { get; private set; } = null!;

    public bool MayChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Form = CourseForm.From(Course);
        Fields = Fields with { Form = Form };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        // Document links are kept as they are: the form does not show them (the API sets them).
        var result = await commands.UpdateCourseAsync(id, Form.ToInput(Course.Documents.Select(d => d.Id).ToList()), HttpContext.Viewer(), ct);
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText);
            return Page();
        }

        return Redirect($"/Training/Courses/{id}?saved=true");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        if (await TrainingQueries.CourseAsync(db, viewer, id, ct) is not { } course)
        {
            return false;
        }

        Course = course;
        MayChange = await db.Set<Course>().FindAsync([id], ct) is { } record && Ownership.MayCorrect(record, viewer);
        Fields = new CourseFieldsModel(Form, await TrainingQueries.TermsAsync(db, TermList.Theme, ct), await TrainingQueries.TermsAsync(db, TermList.Audience, ct), false);
        return true;
    }
}

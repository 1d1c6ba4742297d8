using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Localization;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features.Training;

/// <summary>What the shared course fields need: the form, the managed lists, and whether the scope is chosen (new) or a reason given (edit).</summary>
public sealed record CourseFieldsModel(CourseForm Form, IReadOnlyList<TermView> Themes, IReadOnlyList<TermView> Audiences, bool ChoosesScope);

/// <summary>Listing a course is an editor's work; the course's provider is the editor's member.</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class NewCourseModel(AppDbContext db, TrainingCommands commands, IStringLocalizer<ValidationText> validationText) : PageModel
{
    [BindProperty]
    public CourseForm Form { get; set; } = new();

    public CourseFieldsModel Fields { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await commands.CreateCourseAsync(Form.ToInput(), HttpContext.Viewer(), ct);
        if (!result.Succeeded)
        {
            ModelState.AddFailure(result, validationText);
            await LoadAsync(ct);
            return Page();
        }

        return Redirect($"/Training/Courses/{result.Value!.Id}?saved=true");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Fields = new CourseFieldsModel(Form, await TrainingQueries.TermsAsync(db, TermList.Theme, ct), await TrainingQueries.TermsAsync(db, TermList.Audience, ct), true);
}

using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaliProcess.Web.Features.Training;

/// <summary>The regional catalogue of training and capacity-building courses (issue 10).</summary>
public static class TrainingModule
{
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddScoped<TrainingSeeder>();
        services.AddScoped<TrainingCommands>();
        services.AddSingleton<ISearchSource, CourseSearchSource>();
        services.AddNavigation(new NavigationItem("Training", "/Training", 26));
        return services;
    }

    public static IEndpointRouteBuilder MapTraining(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<StartupHooks>().Add((services, ct) => services.GetRequiredService<TrainingSeeder>().SeedAsync(ct));
        var api = app.MapGroup("/api/training").WithTags("Training");

        api.MapGet("/themes", async (AppDbContext db, CancellationToken ct) => TypedResults.Ok(await TrainingQueries.TermsAsync(db, TermList.Theme, ct)))
            .AllowAnonymous()
            .WithSummary("Lists the training themes")
            .WithDescription("The managed list of themes a course is described with: each code (what filters and inputs take) and its name in the caller's language. Public.");
        api.MapGet("/audiences", async (AppDbContext db, CancellationToken ct) => TypedResults.Ok(await TrainingQueries.TermsAsync(db, TermList.Audience, ct)))
            .AllowAnonymous()
            .WithSummary("Lists the training audiences")
            .WithDescription("The managed list of audiences (frontline border officers, investigators…): code and name in the caller's language. Public.");

        api.MapGet("/courses", async Task<Results<Ok<CoursePage>, ValidationProblem>> (AppDbContext db, HttpContext http, TimeProvider time,
                string? theme, string? audience, string? language, Delivery? delivery, string? provider, string? country, DateOnly? from, DateOnly? to,
                int? page, int? pageSize, CancellationToken ct) =>
            {
                var filters = new CourseFilters(theme, audience, language, delivery, provider, country, from, to, page ?? 1, pageSize ?? 20);
                var invalid = await TrainingQueries.CheckFiltersAsync(db, filters, ct);
                if (!invalid.IsValid)
                {
                    return invalid.ToProblem();
                }

                return TypedResults.Ok(await TrainingQueries.CoursesAsync(db, http.Viewer(), filters, Today(time), ct));
            })
            .AllowAnonymous()
            .WithSummary("Lists and filters courses")
            .WithDescription("The courses the caller may see, by title: filter by theme and audience code, ISO 639 language, delivery (InPerson, Online, Blended), provider member code, provider country (ISO 3166 alpha-3) and a date range its sessions overlap (from, to); page with page and pageSize (at most 100). An unknown code answers 400 naming the filter. Restricted courses need a member session or training:read.");

        api.MapGet("/courses/{id:guid}", async Task<Results<Ok<CourseView>, ProblemHttpResult>> (Guid id, AppDbContext db, HttpContext http, AuditLog audit, CancellationToken ct) =>
            {
                if (await TrainingQueries.CourseAsync(db, http.Viewer(), id, ct) is not { } course)
                {
                    return Problems.NotFound("course");
                }

                await audit.RecordRestrictedReadAsync<Course>(TrainingAudit.CourseRead, id, ct);
                return TypedResults.Ok(course);
            })
            .AllowAnonymous()
            .WithSummary("Reads one course")
            .WithDescription("A course with its provider, themes, audiences, languages, linked Library documents (those the caller may read) and sessions. Another member's restricted course answers 404, as an unknown id does; reads of restricted courses are audited.");

        api.MapPost("/courses", async Task<Results<Created<CourseView>, ValidationProblem, ProblemHttpResult>> (CourseInput input, TrainingCommands commands, HttpContext http, CancellationToken ct) =>
                (await commands.CreateCourseAsync(input, http.Viewer(), ct)).Match<Results<Created<CourseView>, ValidationProblem, ProblemHttpResult>>(
                    created => TypedResults.Created($"/api/training/courses/{created.Id}", created), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.TrainingWrite)
            .WithSummary("Lists a course")
            .WithDescription("Adds a course provided by the caller's member, with its distribution scope (Public for the open catalogue). Themes and audiences are codes of the managed lists, languages ISO 639 codes. Needs training:write (or an editor's sign-in); bad fields answer 400 naming each problem.");

        api.MapPut("/courses/{id:guid}", async Task<Results<Ok<CourseView>, ValidationProblem, ProblemHttpResult>> (Guid id, CourseInput input, TrainingCommands commands, HttpContext http, CancellationToken ct) =>
                (await commands.UpdateCourseAsync(id, input, http.Viewer(), ct)).Match<Results<Ok<CourseView>, ValidationProblem, ProblemHttpResult>>(
                    done => TypedResults.Ok(done), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.TrainingWrite)
            .WithSummary("Changes a course")
            .WithDescription("Replaces a course's descriptive fields (not its provider or scope), with a mandatory reason kept in its history. Only the provider's editors (and the RSO's platform administrators) may: another provider gets 403, a course the caller cannot see 404. Needs training:write.");

        api.MapPost("/courses/{id:guid}/sessions", async Task<Results<Created<SessionView>, ValidationProblem, ProblemHttpResult>> (Guid id, SessionInput input, TrainingCommands commands, HttpContext http, CancellationToken ct) =>
                (await commands.AddSessionAsync(id, input, http.Viewer(), ct)).Match<Results<Created<SessionView>, ValidationProblem, ProblemHttpResult>>(
                    created => TypedResults.Created($"/api/training/courses/{id}", created), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.TrainingWrite)
            .WithSummary("Adds a session to a course")
            .WithDescription("A session with its dates, place (or online), language, capacity, nomination deadline and status (Planned, Open, Full, Held, Cancelled). The end may not precede the start, capacity may not be negative. Only the course's provider may add one. Needs training:write.");

        api.MapPut("/sessions/{id:guid}", async Task<Results<Ok<SessionView>, ValidationProblem, ProblemHttpResult>> (Guid id, SessionInput input, TrainingCommands commands, HttpContext http, CancellationToken ct) =>
                (await commands.UpdateSessionAsync(id, input, http.Viewer(), ct)).Match<Results<Ok<SessionView>, ValidationProblem, ProblemHttpResult>>(
                    done => TypedResults.Ok(done), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.TrainingWrite)
            .WithSummary("Changes a session")
            .WithDescription("Replaces a session's fields with a mandatory reason kept in its course's history. Only the course's provider may; a session of a course the caller cannot see answers 404. Needs training:write.");

        return app;
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}

using BaliProcess.Web.Features.Actions.Reminders;
using BaliProcess.Web.Features.Actions.Reports;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Mail;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaliProcess.Web.Features.Actions;

public static class ActionsModule
{
    public static IServiceCollection AddActions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ActionsOptions>(configuration.GetSection(ActionsOptions.Section));
        services.AddPlatformMail(configuration);
        services.AddScoped<ActionCommands>();
        services.AddScoped<ProgressReportImportChoices>();
        services.AddScoped<IProgressReportImportHandler, ProgressReportImportHandler>();
        services.AddScoped<ProgressReportService>();
        services.AddSingleton<ChromiumPdfRenderer>();
        services.AddScoped<ActionDigest>();
        services.AddHostedService<WeeklyDigestService>();
        services.AddSingleton<ISearchSource, ActionSearchSource>();
        services.AddNavigation(new NavigationItem("Actions", "/Actions", 30));
        services.AddNavigation(new NavigationItem("Progress report", "/Actions/Report", 31));
        return services;
    }

    public static IEndpointRouteBuilder MapActions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Actions");

        api.MapGet("/actions", async Task<Results<Ok<List<ActionSummaryView>>, ValidationProblem>> (
            string? theme, string? status, string? lead, string? updatedSince, AppDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var errors = new Validation();
            ActionStatus? wanted = null;
            if (!string.IsNullOrWhiteSpace(status))
            {
                wanted = ActionStatuses.Parse(status);
                if (wanted is null)
                {
                    errors.Add("status", "'{0}' is not an allowed status: use one of {1}.", status, string.Join(", ", ActionStatuses.AllowedNames));
                }
            }

            DateOnly? since = null;
            if (!string.IsNullOrWhiteSpace(updatedSince))
            {
                if (ActionCommands.TryParseDate(updatedSince, out var date))
                {
                    since = date;
                }
                else
                {
                    errors.Add("updatedSince", "'{0}' is not a date: write it as YYYY-MM-DD.", updatedSince);
                }
            }

            if (!errors.IsValid)
            {
                return errors.ToProblem();
            }

            return TypedResults.Ok(await ActionQueries.ListAsync(db, ReaderOf(http), new ActionFilters(theme, wanted, lead, since), ct));
        });

        api.MapGet("/actions/{id:guid}", async Task<Results<Ok<ActionDetailView>, ProblemHttpResult>> (Guid id, AppDbContext db, HttpContext http, CancellationToken ct) =>
            await ActionQueries.DetailAsync(db, ReaderOf(http), id, ct) is { } action ? TypedResults.Ok(action) : Problems.NotFound("action"));

        api.MapPost("/actions/{id:guid}/updates", async Task<Results<Created<StatusUpdateView>, ValidationProblem, ProblemHttpResult>> (
            Guid id, StatusUpdateInput input, ActionCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var result = await commands.AddUpdateAsync(id, input, http.Viewer(), ct);
            return result.Match<Results<Created<StatusUpdateView>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/actions/{id}", created),
                invalid => invalid,
                problem => problem);
        }).RequireMemberOrScope(ApiScopes.ActionsWrite);

        api.MapGet("/progress-reports", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
            string? from, string? to, string? meeting, string? format, ProgressReportService reports, HttpContext http, CancellationToken ct) =>
        {
            if (ProgressReportService.ParseFormat(format) is not { } chosen)
            {
                return Problems.Invalid("format", $"'{format}' is not a report format: use one of {string.Join(", ", ProgressReportService.FormatNames)}.");
            }

            var viewer = ReaderOf(http);
            var period = await reports.PeriodAsync(viewer, from, to, meeting, ct);
            if (!period.Succeeded)
            {
                return period.Invalid is { } invalid ? invalid.ToProblem() : period.Problem!;
            }

            var generated = await reports.GenerateAsync(viewer, period.Value!, chosen, ct);
            if (!generated.Succeeded)
            {
                return generated.Problem!;
            }

            var file = generated.Value!;
            if (file.Format == ReportFormat.Html)
            {
                // The standalone page carries its print CSS inline: allow exactly that style and nothing else.
                http.Response.Headers.ContentSecurityPolicy =
                    $"default-src 'none'; style-src {ProgressReportHtml.CssHashSource}; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
                return TypedResults.File(file.Content, file.ContentType);
            }

            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).RequireMemberOrScope(ApiScopes.ActionsRead);

        return app;
    }

    /// <summary>The reader for the API: an API key without the actions:read scope reads only what the public reads.</summary>
    public static Viewer ReaderOf(HttpContext http)
    {
        var viewer = http.Viewer();
        return viewer.ApiKeyId is not null && !http.User.HasClaim(PlatformClaims.Scope, ApiScopes.ActionsRead) ? Viewer.Anonymous : viewer;
    }
}

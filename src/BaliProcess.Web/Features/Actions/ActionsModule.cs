using BaliProcess.Web.Features.Actions.Reminders;
using BaliProcess.Web.Features.Actions.Reports;
using BaliProcess.Web.Features.Audit;
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
    /// <summary>The audit action of a read of a restricted action (the detail page and the API).</summary>
    public const string ActionRead = "actions.action.read";

    public static IServiceCollection AddActions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ActionsOptions>(configuration.GetSection(ActionsOptions.Section));
        services.AddPlatformMail(configuration);
        services.AddScoped<ActionCommands>();
        services.AddScoped<ActionCorrections>();
        services.AddScoped<ActionPlanning>();
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

            return TypedResults.Ok(await ActionQueries.ListAsync(db, http.Viewer(), new ActionFilters(theme, wanted, lead, since), ct));
        }).AllowAnonymous();

        api.MapGet("/actions/{id:guid}", async Task<Results<Ok<ActionDetailView>, ProblemHttpResult>> (Guid id, AppDbContext db, HttpContext http, AuditLog audit, CancellationToken ct) =>
        {
            if (await ActionQueries.DetailAsync(db, http.Viewer(), id, ct) is not { } action)
            {
                return Problems.NotFound("action");
            }

            await audit.RecordRestrictedReadAsync<TrackedAction>(ActionRead, id, ct);
            return TypedResults.Ok(action);
        }).AllowAnonymous();

        api.MapPost("/actions/{id:guid}/updates", async Task<Results<Created<StatusUpdateView>, ValidationProblem, ProblemHttpResult>> (
            Guid id, StatusUpdateInput input, ActionCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var result = await commands.AddUpdateAsync(id, input, http.Viewer(), ct);
            return result.Match<Results<Created<StatusUpdateView>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/actions/{id}", created),
                invalid => invalid,
                problem => problem);
        }).RequireAuthorization(Policies.ActionsWrite);

        api.MapGet("/action-themes", async (AppDbContext db, HttpContext http, CancellationToken ct) => TypedResults.Ok(await ActionQueries.ThemesAsync(db, http.Viewer(), ct)))
            .AllowAnonymous();

        api.MapPost("/action-themes", async Task<Results<Created<ActionThemeView>, ValidationProblem, ProblemHttpResult>> (
            ThemeInput input, ActionPlanning planning, HttpContext http, CancellationToken ct) =>
            (await planning.CreateThemeAsync(input, http.Viewer(), ct)).Match<Results<Created<ActionThemeView>, ValidationProblem, ProblemHttpResult>>(
                theme => TypedResults.Created($"/api/actions?theme={theme.Id}", theme), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.PlatformAdmin);

        api.MapPost("/actions", async Task<Results<Created<ActionDetailView>, ValidationProblem, ProblemHttpResult>> (
            NewActionInput input, ActionPlanning planning, AppDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var viewer = http.Viewer();
            var created = await planning.CreateActionAsync(input, viewer, ct);
            if (!created.Succeeded)
            {
                return created.Invalid is { } invalid ? invalid.ToProblem() : created.Problem!;
            }

            return TypedResults.Created($"/api/actions/{created.Value}", await ActionQueries.DetailAsync(db, viewer, created.Value, ct));
        }).RequireAuthorization(Policies.PlatformAdmin);

        api.MapPost("/actions/{id:guid}/indicators", async Task<Results<Created<IndicatorView>, ValidationProblem, ProblemHttpResult>> (
            Guid id, IndicatorInput input, ActionCommands commands, HttpContext http, CancellationToken ct) =>
            (await commands.AddIndicatorAsync(id, input, http.Viewer(), ct)).Match<Results<Created<IndicatorView>, ValidationProblem, ProblemHttpResult>>(
                indicator => TypedResults.Created($"/api/actions/{id}", indicator), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.ActionsWrite);

        api.MapPut("/actions/{id:guid}/indicators/{indicatorId:guid}", async Task<Results<Ok<IndicatorView>, ValidationProblem, ProblemHttpResult>> (
            Guid id, Guid indicatorId, IndicatorInput input, ActionCommands commands, HttpContext http, CancellationToken ct) =>
            (await commands.ChangeIndicatorAsync(id, indicatorId, input, http.Viewer(), ct)).Match<Results<Ok<IndicatorView>, ValidationProblem, ProblemHttpResult>>(
                indicator => TypedResults.Ok(indicator), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.ActionsWrite);

        api.MapPost("/actions/{id:guid}/indicators/{indicatorId:guid}/values", async Task<Results<Created<IndicatorValueView>, ValidationProblem, ProblemHttpResult>> (
            Guid id, Guid indicatorId, IndicatorValueInput input, ActionCommands commands, HttpContext http, CancellationToken ct) =>
            (await commands.AddIndicatorValueAsync(id, indicatorId, input, http.Viewer(), ct)).Match<Results<Created<IndicatorValueView>, ValidationProblem, ProblemHttpResult>>(
                value => TypedResults.Created($"/api/actions/{id}", value), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.ActionsWrite);

        api.MapGet("/progress-reports", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
            string? from, string? to, string? meeting, string? format, ProgressReportService reports, HttpContext http, CancellationToken ct) =>
        {
            if (ProgressReportService.ParseFormat(format) is not { } chosen)
            {
                return Problems.Invalid("format", $"'{format}' is not a report format: use one of {string.Join(", ", ProgressReportService.FormatNames)}.");
            }

            var viewer = http.Viewer();
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
        }).RequireAuthorization(Policies.ActionsRead);

        api.MapActionCorrections();
        return app;
    }
}

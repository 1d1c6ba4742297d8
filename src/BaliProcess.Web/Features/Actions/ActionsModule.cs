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
        }).AllowAnonymous()
            .WithSummary("Lists actions")
            .WithDescription("The actions of the strategy-implementation tracker the caller may see, with their latest status; filter by theme, status, lead (member or body code) and updatedSince (a date, yyyy-MM-dd).");

        api.MapGet("/actions/{id:guid}", async Task<Results<Ok<ActionDetailView>, ProblemHttpResult>> (Guid id, AppDbContext db, HttpContext http, AuditLog audit, CancellationToken ct) =>
        {
            if (await ActionQueries.DetailAsync(db, http.Viewer(), id, ct) is not { } action)
            {
                return Problems.NotFound("action");
            }

            await audit.RecordRestrictedReadAsync<TrackedAction>(ActionRead, id, ct);
            return TypedResults.Ok(action);
        }).AllowAnonymous()
            .WithSummary("Reads one action")
            .WithDescription("An action with its leads, status history and indicators. Another member's restricted action answers 404; the read is audited.");

        api.MapPost("/actions/{id:guid}/updates", async Task<Results<Created<StatusUpdateView>, ValidationProblem, ProblemHttpResult>> (
            Guid id, StatusUpdateInput input, ActionCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var result = await commands.AddUpdateAsync(id, input, http.Viewer(), ct);
            return result.Match<Results<Created<StatusUpdateView>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/actions/{id}", created),
                invalid => invalid,
                problem => problem);
        }).RequireAuthorization(Policies.ActionsWrite)
            .WithSummary("Adds a status update")
            .WithDescription("Records a status update (status, what has happened, as-of date) on an action the caller's member leads or may update. Bad fields answer 400 naming each problem.");

        api.MapGet("/action-themes", async (AppDbContext db, HttpContext http, CancellationToken ct) => TypedResults.Ok(await ActionQueries.ThemesAsync(db, http.Viewer(), ct)))
            .AllowAnonymous()
            .WithSummary("Lists the themes")
            .WithDescription("The themes of the strategy that actions are grouped under, with their numbers. Public.");

        api.MapPost("/action-themes", async Task<Results<Created<ActionThemeView>, ValidationProblem, ProblemHttpResult>> (
            ThemeInput input, ActionPlanning planning, HttpContext http, CancellationToken ct) =>
            (await planning.CreateThemeAsync(input, http.Viewer(), ct)).Match<Results<Created<ActionThemeView>, ValidationProblem, ProblemHttpResult>>(
                theme => TypedResults.Created($"/api/actions?theme={theme.Id}", theme), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.PlatformAdmin)
            .WithSummary("Adds a theme")
            .WithDescription("Adds a numbered theme to a strategy (platform administrators only). A theme number already used in that strategy answers 409.");

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
        }).RequireAuthorization(Policies.PlatformAdmin)
            .WithSummary("Adds an action")
            .WithDescription("Adds an action under a theme with its number, text, leads and due date (platform administrators only).");

        api.MapPost("/actions/{id:guid}/indicators", async Task<Results<Created<IndicatorView>, ValidationProblem, ProblemHttpResult>> (
            Guid id, IndicatorInput input, ActionCommands commands, HttpContext http, CancellationToken ct) =>
            (await commands.AddIndicatorAsync(id, input, http.Viewer(), ct)).Match<Results<Created<IndicatorView>, ValidationProblem, ProblemHttpResult>>(
                indicator => TypedResults.Created($"/api/actions/{id}", indicator), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.ActionsWrite)
            .WithSummary("Adds an indicator")
            .WithDescription("Adds a measurable indicator (name, unit, optional target) to an action.");

        api.MapPut("/actions/{id:guid}/indicators/{indicatorId:guid}", async Task<Results<Ok<IndicatorView>, ValidationProblem, ProblemHttpResult>> (
            Guid id, Guid indicatorId, IndicatorInput input, ActionCommands commands, HttpContext http, CancellationToken ct) =>
            (await commands.ChangeIndicatorAsync(id, indicatorId, input, http.Viewer(), ct)).Match<Results<Ok<IndicatorView>, ValidationProblem, ProblemHttpResult>>(
                indicator => TypedResults.Ok(indicator), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.ActionsWrite)
            .WithSummary("Changes an indicator")
            .WithDescription("Changes an indicator's name, unit or target.");

        api.MapPost("/actions/{id:guid}/indicators/{indicatorId:guid}/values", async Task<Results<Created<IndicatorValueView>, ValidationProblem, ProblemHttpResult>> (
            Guid id, Guid indicatorId, IndicatorValueInput input, ActionCommands commands, HttpContext http, CancellationToken ct) =>
            (await commands.AddIndicatorValueAsync(id, indicatorId, input, http.Viewer(), ct)).Match<Results<Created<IndicatorValueView>, ValidationProblem, ProblemHttpResult>>(
                value => TypedResults.Created($"/api/actions/{id}", value), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.ActionsWrite)
            .WithSummary("Records an indicator value")
            .WithDescription("Records a dated value of an indicator; the action page draws the values over time against the target.");

        api.MapGet("/progress-reports", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
            string? from, string? to, string? meeting, string? format, ProgressReportService reports, HttpContext http, CancellationToken ct) =>
        {
            if (ProgressReportService.ParseFormat(format) is not { } chosen)
            {
                return BadFormat(format);
            }

            var viewer = http.Viewer();
            var period = await reports.PeriodAsync(viewer, from, to, meeting, ct);
            if (!period.Succeeded)
            {
                return period.Invalid is { } invalid ? invalid.ToProblem() : period.Problem!;
            }

            return ReportFileResult(http, await reports.RenderAsync(await reports.DraftAsync(viewer, period.Value!, ct), chosen, ct));
        }).RequireAuthorization(Policies.ActionsRead)
            .WithSummary("Draft progress report")
            .WithDescription("The report of a period (from/to as YYYY-MM-DD, or the period before a meeting) as the caller may read it now, in one format (html, pdf, docx, xlsx). A draft records nothing; \"changed since\" compares with the last issued report.");

        api.MapPost("/progress-reports/issued", async Task<Results<Created<IssuedReportView>, ValidationProblem, ProblemHttpResult>> (
            IssueReportInput input, ProgressReportService reports, HttpContext http, CancellationToken ct) =>
            (await reports.IssueAsync(http.Viewer(), input, ct)).Match<Results<Created<IssuedReportView>, ValidationProblem, ProblemHttpResult>>(
                issued => TypedResults.Created($"/api/progress-reports/issued/{issued.Id}", issued), invalid => invalid, problem => problem))
            .RequireAuthorization(Policies.PlatformAdmin)
            .WithSummary("Issue a progress report")
            .WithDescription("Issues the report of a period with a distribution (Public, AllMembers or OwnMember for the RSO only): numbered, its content frozen for that audience, audited; it becomes the baseline of \"changed since\". A period is issued once.");

        api.MapGet("/progress-reports/issued", async (ProgressReportService reports, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await reports.IssuedListAsync(http.Viewer(), ct)))
            .RequireAuthorization(Policies.ActionsRead)
            .WithSummary("Issued progress reports")
            .WithDescription("The issued reports the caller may read, newest first.");

        api.MapGet("/progress-reports/issued/{reportId:guid}", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
            Guid reportId, string? format, ProgressReportService reports, HttpContext http, CancellationToken ct) =>
        {
            if (ProgressReportService.ParseFormat(format) is not { } chosen)
            {
                return BadFormat(format);
            }

            if (await reports.IssuedAsync(http.Viewer(), reportId, ct) is not { } report)
            {
                return Problems.NotFound("issued report");
            }

            return ReportFileResult(http, await reports.RenderAsync(report, chosen, ct));
        }).RequireAuthorization(Policies.ActionsRead)
            .WithSummary("An issued progress report")
            .WithDescription("An issued report exactly as it was issued, in one format (html, pdf, docx, xlsx).");

        api.MapActionCorrections();
        return app;
    }

    private static ValidationProblem BadFormat(string? format) =>
        Problems.Invalid("format", $"'{format}' is not a report format: use one of {string.Join(", ", ProgressReportService.FormatNames)}.");

    private static Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult> ReportFileResult(HttpContext http, CommandResult<ReportFile> rendered)
    {
        if (!rendered.Succeeded)
        {
            return rendered.Problem!;
        }

        var file = rendered.Value!;
        if (file.Format == ReportFormat.Html)
        {
            // The standalone page carries its print CSS inline: allow exactly that style and nothing else.
            http.Response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; style-src {ProgressReportHtml.CssHashSource}; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            return TypedResults.File(file.Content, file.ContentType);
        }

        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}

using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Directory;

public static class DirectoryModule
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DirectoryCommands>();
        services.AddScoped<DirectoryCorrections>();
        services.AddScoped<BodyMembershipFill>();
        services.AddScoped<FocalPoints.FocalPointCorrections>();
        services.AddSingleton<ISearchSource, FocalPointSearchSource>();
        services.AddNavigation(new NavigationItem("Directory", "/Directory", 10));
        services.AddNavigation(new NavigationItem("Bodies", "/Directory/Bodies", 11));
        return services;
    }

    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<StartupHooks>().Add(
            (services, ct) => services.GetRequiredService<BodyMembershipFill>().FillAsync(ct), StartupHooks.AfterImport);
        var api = app.MapGroup("/api").WithTags("Directory");

        api.MapGet("/members", async (AppDbContext db, MemberKind? kind, CancellationToken ct) =>
            TypedResults.Ok(await DirectoryQueries.MembersAsync(db, kind, ct))).AllowAnonymous()
            .WithSummary("Lists the members and observers")
            .WithDescription("Every member state, member organisation, observer and the Regional Support Office, with its code and kind; filter with ?kind=MemberState (or MemberOrganisation, ObserverState, ObserverOrganisation). Public.");

        api.MapGet("/members/{code}", async Task<Results<Ok<MemberDetailView>, ProblemHttpResult>> (string code, AppDbContext db, HttpContext http, CancellationToken ct) =>
            await DirectoryQueries.MemberDetailAsync(db, code, http.Viewer(), ct) is { } member ? TypedResults.Ok(member) : Problems.NotFound("member")).AllowAnonymous()
            .WithSummary("Reads one member")
            .WithDescription("A member by its code (for example IDN): its name, kind, the bodies it belongs to and the focal points the caller may see. 404 for an unknown code.");

        api.MapPost("/members", async Task<Results<Created<MemberView>, ValidationProblem, ProblemHttpResult>> (MemberInput input, DirectoryCommands commands, CancellationToken ct) =>
        {
            var result = await commands.CreateMemberAsync(input, ct);
            return result.Match<Results<Created<MemberView>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/members/{created.Code}", created),
                invalid => invalid,
                conflict => conflict);
        }).RequireAuthorization(Policies.PlatformAdmin)
            .WithSummary("Adds a member or observer")
            .WithDescription("Adds a member, observer or organisation to the directory (platform administrators only). Codes are unique; a duplicate answers 409 and bad fields answer 400 naming each problem.");

        api.MapGet("/bodies", async (AppDbContext db, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(await DirectoryQueries.BodiesAsync(db, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct))).AllowAnonymous()
            .WithSummary("Lists the bodies")
            .WithDescription("The Ministerial Conference, the Ad Hoc Group, the working groups and the other bodies of the Bali Process, with their status and year established. Public.");

        api.MapGet("/bodies/{code}", async Task<Results<Ok<BodyDetailView>, ProblemHttpResult>> (string code, AppDbContext db, TimeProvider time, CancellationToken ct) =>
            await DirectoryQueries.BodyDetailAsync(db, code, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct) is { } body ? TypedResults.Ok(body) : Problems.NotFound("body")).AllowAnonymous()
            .WithSummary("Reads one body")
            .WithDescription("A body by its code (for example AHG): its description, chairs and members (current and former). 404 for an unknown code.");

        var focal = api.MapGroup("/focal-points").RequireAuthorization(Policies.DirectoryRead);
        focal.MapGet("/", async (AppDbContext db, HttpContext http, string? member, CancellationToken ct) =>
            TypedResults.Ok(await DirectoryQueries.FocalPointsAsync(db, http.Viewer(), member, ct)))
            .WithSummary("Lists focal points")
            .WithDescription("The focal points the caller may see under their distribution scope; ?member=IDN keeps one member's. Needs directory:read.");
        focal.MapGet("/count", async (AppDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(new { count = await db.Set<FocalPoint>().VisibleTo(http.Viewer(), db).CountAsync(ct) }))
            .WithSummary("Counts focal points")
            .WithDescription("How many focal points the caller may see: the same rule as the list, so counts never reveal restricted records.");
        focal.MapGet("/export.csv", async (AppDbContext db, HttpContext http, AuditLog audit, CancellationToken ct) =>
        {
            var rows = await DirectoryQueries.FocalPointsAsync(db, http.Viewer(), null, ct);
            await audit.RecordNowAsync("directory.focalpoint.export", "FocalPoint", null, AuditOutcome.Succeeded, $"{rows.Count} rows", ct);
            return TypedResults.File(FocalPointCsv.Write(rows), "text/csv; charset=utf-8", "focal-points.csv");
        })
            .WithSummary("Exports focal points as CSV")
            .WithDescription("The focal points the caller may see, as UTF-8 CSV for spreadsheets (cells that could start a formula are neutralised). The export is audited.");
        focal.MapGet("/{id:guid}", async Task<Results<Ok<FocalPointView>, ProblemHttpResult>> (Guid id, AppDbContext db, HttpContext http, AuditLog audit, CancellationToken ct) =>
        {
            var view = await DirectoryQueries.FocalPointAsync(db, http.Viewer(), id, ct);
            // The owner's oversight sees the read, and also an attempt on its record that the rule refused.
            var owner = await db.Set<FocalPoint>().Where(f => f.Id == id).Select(f => (Guid?)f.OwnerMemberId).FirstOrDefaultAsync(ct);
            await audit.RecordNowAsync("directory.focalpoint.read", "FocalPoint", id, view is null ? AuditOutcome.Denied : AuditOutcome.Succeeded, null, ct, owner);
            return view is null ? Problems.NotFound("focal point") : TypedResults.Ok(view);
        })
            .WithSummary("Reads one focal point")
            .WithDescription("A focal point by id; another member's restricted record answers 404, as an unknown id does. The read is audited for the owner's oversight.");
        api.MapPost("/focal-points", async Task<Results<Created<FocalPointView>, ValidationProblem, ProblemHttpResult>> (FocalPointInput input, DirectoryCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var result = await commands.CreateFocalPointAsync(input, http.Viewer(), ct);
            return result.Match<Results<Created<FocalPointView>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/focal-points/{created.Id}", created),
                invalid => invalid,
                conflict => conflict);
        }).RequireAuthorization(Policies.DirectoryWrite)
            .WithSummary("Adds a focal point")
            .WithDescription("Adds a focal point of the caller's member with its distribution scope. Needs directory:write (or an editor's sign-in); bad fields answer 400 naming each problem.");

        app.MapDirectoryCorrections();
        FocalPoints.FocalPointCorrectionEndpoints.MapFocalPointCorrections(api);
        app.MapSharingGroups();
        return app;
    }
}

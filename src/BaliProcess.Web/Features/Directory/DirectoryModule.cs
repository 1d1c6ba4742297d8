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
        services.AddScoped<FocalPoints.FocalPointCorrections>();
        services.AddSingleton<ISearchSource, FocalPointSearchSource>();
        services.AddNavigation(new NavigationItem("Directory", "/Directory", 10));
        services.AddNavigation(new NavigationItem("Bodies", "/Directory/Bodies", 11));
        return services;
    }

    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Directory");

        api.MapGet("/members", async (AppDbContext db, MemberKind? kind, CancellationToken ct) =>
            TypedResults.Ok(await DirectoryQueries.MembersAsync(db, kind, ct))).AllowAnonymous();

        api.MapGet("/members/{code}", async Task<Results<Ok<MemberDetailView>, ProblemHttpResult>> (string code, AppDbContext db, HttpContext http, CancellationToken ct) =>
            await DirectoryQueries.MemberDetailAsync(db, code, http.Viewer(), ct) is { } member ? TypedResults.Ok(member) : Problems.NotFound("member")).AllowAnonymous();

        api.MapPost("/members", async Task<Results<Created<MemberView>, ValidationProblem, ProblemHttpResult>> (MemberInput input, DirectoryCommands commands, CancellationToken ct) =>
        {
            var result = await commands.CreateMemberAsync(input, ct);
            return result.Match<Results<Created<MemberView>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/members/{created.Code}", created),
                invalid => invalid,
                conflict => conflict);
        }).RequireAuthorization(Policies.PlatformAdmin);

        api.MapGet("/bodies", async (AppDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await DirectoryQueries.BodiesAsync(db, ct))).AllowAnonymous();

        api.MapGet("/bodies/{code}", async Task<Results<Ok<BodyDetailView>, ProblemHttpResult>> (string code, AppDbContext db, CancellationToken ct) =>
            await DirectoryQueries.BodyDetailAsync(db, code, ct) is { } body ? TypedResults.Ok(body) : Problems.NotFound("body")).AllowAnonymous();

        var focal = api.MapGroup("/focal-points").RequireAuthorization(Policies.DirectoryRead);
        focal.MapGet("/", async (AppDbContext db, HttpContext http, string? member, CancellationToken ct) =>
            TypedResults.Ok(await DirectoryQueries.FocalPointsAsync(db, http.Viewer(), member, ct)));
        focal.MapGet("/count", async (AppDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(new { count = await db.Set<FocalPoint>().VisibleTo(http.Viewer(), db).CountAsync(ct) }));
        focal.MapGet("/export.csv", async (AppDbContext db, HttpContext http, AuditLog audit, CancellationToken ct) =>
        {
            var rows = await DirectoryQueries.FocalPointsAsync(db, http.Viewer(), null, ct);
            await audit.RecordNowAsync("directory.focalpoint.export", "FocalPoint", null, AuditOutcome.Succeeded, $"{rows.Count} rows", ct);
            return TypedResults.File(FocalPointCsv.Write(rows), "text/csv; charset=utf-8", "focal-points.csv");
        });
        focal.MapGet("/{id:guid}", async Task<Results<Ok<FocalPointView>, ProblemHttpResult>> (Guid id, AppDbContext db, HttpContext http, AuditLog audit, CancellationToken ct) =>
        {
            var view = await DirectoryQueries.FocalPointAsync(db, http.Viewer(), id, ct);
            // The owner's oversight sees the read, and also an attempt on its record that the rule refused.
            var owner = await db.Set<FocalPoint>().Where(f => f.Id == id).Select(f => (Guid?)f.OwnerMemberId).FirstOrDefaultAsync(ct);
            await audit.RecordNowAsync("directory.focalpoint.read", "FocalPoint", id, view is null ? AuditOutcome.Denied : AuditOutcome.Succeeded, null, ct, owner);
            return view is null ? Problems.NotFound("focal point") : TypedResults.Ok(view);
        });
        api.MapPost("/focal-points", async Task<Results<Created<FocalPointView>, ValidationProblem, ProblemHttpResult>> (FocalPointInput input, DirectoryCommands commands, HttpContext http, CancellationToken ct) =>
        {
            var result = await commands.CreateFocalPointAsync(input, http.Viewer(), ct);
            return result.Match<Results<Created<FocalPointView>, ValidationProblem, ProblemHttpResult>>(
                created => TypedResults.Created($"/api/focal-points/{created.Id}", created),
                invalid => invalid,
                conflict => conflict);
        }).RequireAuthorization(Policies.DirectoryWrite);

        FocalPoints.FocalPointCorrectionEndpoints.MapFocalPointCorrections(api);
        app.MapSharingGroups();
        return app;
    }
}

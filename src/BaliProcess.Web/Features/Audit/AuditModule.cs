using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditVerifier>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Oversight);
        group.MapGet("/", async (AppDbContext db, AuditLog audit, string? action, Guid? member, int? skip, int? take, CancellationToken ct) =>
        {
            var query = AuditQueries.Filter(db, action, member);
            var total = await query.CountAsync(ct);
            var rows = await query.OrderByDescending(a => a.Sequence).Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? 100, 1, 500))
                .Select(a => new AuditRowView(a.Sequence, a.OccurredAt, a.UserName, a.MemberId, a.Action, a.SubjectType, a.SubjectId, a.RequestId, a.Outcome, a.Detail))
                .ToListAsync(ct);
            await audit.RecordNowAsync("audit.read", null, null, AuditOutcome.Succeeded, action, ct);
            return TypedResults.Ok(new AuditPageView(total, rows));
        });
        group.MapPost("/verify", async (AuditVerifier verifier, AuditLog audit, CancellationToken ct) =>
        {
            var result = await verifier.VerifyAsync(ct);
            await audit.RecordNowAsync("audit.verify", null, null, result.Intact ? AuditOutcome.Succeeded : AuditOutcome.Failed, result.Message, ct);
            return TypedResults.Ok(result);
        });
        return app;
    }
}

public sealed record AuditRowView(long Sequence, DateTime OccurredAt, string? UserName, Guid? MemberId, string Action,
    string? SubjectType, string? SubjectId, string? RequestId, AuditOutcome Outcome, string? Detail);

public sealed record AuditPageView(int Total, IReadOnlyList<AuditRowView> Rows);

public static class AuditQueries
{
    public static IQueryable<AuditEntry> Filter(AppDbContext db, string? action, Guid? member)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
        {
            var prefix = action.Trim();
            query = query.Where(a => a.Action.StartsWith(prefix));
        }

        if (member is { } m)
        {
            query = query.Where(a => a.MemberId == m);
        }

        return query;
    }
}

using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section);
        services.AddSingleton<AuditKeys>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditProofs>();
        services.AddScoped<AuditCheckpointPublisher>();
        services.AddSingleton<AuditSealer>();
        services.AddHostedService<AuditSealerService>();
        services.AddHostedService<AuditCheckpointService>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Oversight);
        group.MapGet("/", async (AppDbContext db, AuditLog audit, HttpContext http, string? action, Guid? member, int? skip, int? take, CancellationToken ct) =>
        {
            var query = AuditQueries.Filter(db, http.Viewer(), action, member);
            var total = await query.CountAsync(ct);
            var rows = await query.NewestFirst().Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? 100, 1, 500))
                .Select(AuditQueries.View)
                .ToListAsync(ct);
            await audit.RecordNowAsync("audit.read", null, null, AuditOutcome.Succeeded, action, ct);
            return TypedResults.Ok(new AuditPageView(total, rows));
        })
            .WithSummary("Reads the audit log")
            .WithDescription("Audit events the caller's oversight role may read (its own member's, or all for platform oversight), newest first; filter by action and member, page with skip and take (at most 500). The read is itself audited.");
        group.MapPost("/verify", async (AuditVerifier verifier, AuditLog audit, CancellationToken ct) =>
        {
            var result = await verifier.VerifyAsync(ct);
            await audit.RecordNowAsync("audit.verify", null, null, result.Intact ? AuditOutcome.Succeeded : AuditOutcome.Failed, result.Message, ct);
            return TypedResults.Ok(result);
        })
            .WithSummary("Verifies the audit log")
            .WithDescription("Checks the keyed hash chain of the whole log and answers whether it is intact, naming the first broken row if not. Audited.");

        // Checkpoints carry only a tree size and a root: every member official and the oversight role may fetch and keep them.
        var checkpoints = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Member);
        checkpoints.MapGet("/checkpoints", async (AppDbContext db, AuditKeys keys, CancellationToken ct) =>
            TypedResults.Ok((await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.TreeSize).Take(100).ToListAsync(ct))
                .Select(c => CheckpointStatement.From(c, keys.PublicKeyPem)).ToList()))
            .WithSummary("Lists signed checkpoints")
            .WithDescription("The 100 most recent signed checkpoints (tree size, Merkle root, signature) that anyone outside the platform can keep to prove later that the log was not rewritten.");
        checkpoints.MapGet("/checkpoints/latest", async Task<Results<FileContentHttpResult, NotFound>> (AppDbContext db, AuditKeys keys, CancellationToken ct) =>
            await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(ct) is { } latest
                ? CheckpointFile(latest, keys)
                : TypedResults.NotFound())
            .WithSummary("Downloads the latest checkpoint")
            .WithDescription("The most recent signed checkpoint as a file to keep outside the platform; 404 before the first one is published.");
        checkpoints.MapGet("/checkpoints/{treeSize:long}", async Task<Results<FileContentHttpResult, NotFound>> (long treeSize, AppDbContext db, AuditKeys keys, CancellationToken ct) =>
            await db.Set<AuditCheckpoint>().AsNoTracking().SingleOrDefaultAsync(c => c.TreeSize == treeSize, ct) is { } checkpoint
                ? CheckpointFile(checkpoint, keys)
                : TypedResults.NotFound())
            .WithSummary("Downloads one checkpoint")
            .WithDescription("The signed checkpoint of the given tree size as a file; 404 when none was published at that size.");
        checkpoints.MapGet("/public-key", (AuditKeys keys) =>
            TypedResults.File(System.Text.Encoding.ASCII.GetBytes(keys.PublicKeyPem), "application/x-pem-file", "audit-checkpoint-public-key.pem"))
            .WithSummary("Downloads the checkpoint public key")
            .WithDescription("The PEM public key that verifies checkpoint signatures, for ./bp audit verify --public-key.");
        checkpoints.MapGet("/consistency", async Task<Results<Ok<ConsistencyProofView>, ProblemHttpResult>> (long first, long second, AuditProofs proofs, CancellationToken ct) =>
        {
            var (proof, problem) = await proofs.ConsistencyAsync(first, second, ct);
            return proof is not null
                ? TypedResults.Ok(proof)
                : TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "No such consistency proof");
        })
            .WithSummary("Proves two checkpoints consistent")
            .WithDescription("A Merkle consistency proof that the log of size second extends the log of size first, so a kept checkpoint can be checked against a newer one.");
        return app;
    }

    public static FileContentHttpResult CheckpointFile(AuditCheckpoint checkpoint, AuditKeys keys) =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(CheckpointStatement.From(checkpoint, keys.PublicKeyPem).ToJson()),
            "application/json", $"audit-checkpoint-{checkpoint.TreeSize}.json");
}

public sealed record AuditRowView(long? Sequence, DateTime OccurredAt, string? UserName, Guid? MemberId, Guid? SubjectMemberId, string Action,
    string? SubjectType, string? SubjectId, string? RequestId, AuditOutcome Outcome, string? Detail);

public sealed record AuditPageView(int Total, IReadOnlyList<AuditRowView> Rows);

public static class AuditQueries
{
    public static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditRowView>> View = a =>
        new AuditRowView(a.Sequence, a.OccurredAt, a.UserName, a.MemberId, a.SubjectMemberId, a.Action, a.SubjectType, a.SubjectId, a.RequestId, a.Outcome, a.Detail);

    /// <summary>
    /// Audit reading is itself scoped, inside the query (lists, counts, exports): the designated oversight body
    /// (<see cref="Roles.PlatformOversight"/>) reads every event; a member's oversight reader reads the events its
    /// member's users caused or that concern its member's records; anyone else reads nothing.
    /// </summary>
    public static IQueryable<AuditEntry> VisibleTo(this IQueryable<AuditEntry> source, Viewer viewer)
    {
        if (viewer.IsInRole(Roles.PlatformOversight))
        {
            return source;
        }

        if (viewer.MemberId is { } member && viewer.IsInRole(Roles.Oversight))
        {
            return source.Where(a => a.MemberId == member || a.SubjectMemberId == member);
        }

        return source.Where(a => false);
    }

    /// <summary>Unsealed rows (no position yet, the newest) first on both providers, then by position.</summary>
    public static IQueryable<AuditEntry> NewestFirst(this IQueryable<AuditEntry> source) =>
        source.OrderByDescending(a => a.Sequence == null).ThenByDescending(a => a.Sequence).ThenByDescending(a => a.OccurredAt);

    public static IQueryable<AuditEntry> Filter(AppDbContext db, Viewer viewer, string? action, Guid? member)
    {
        var query = db.Set<AuditEntry>().AsNoTracking().VisibleTo(viewer);
        if (!string.IsNullOrWhiteSpace(action))
        {
            var prefix = action.Trim();
            query = query.Where(a => a.Action.StartsWith(prefix));
        }

        if (member is { } m)
        {
            query = query.Where(a => a.MemberId == m || a.SubjectMemberId == m);
        }

        return query;
    }
}

using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Audit;

public sealed record CheckpointPublication(bool Published, AuditCheckpoint? Checkpoint, string Message);

/// <summary>
/// Signs a tree head over the log as it is, after verifying it (a log that fails verification is never signed, so a
/// checkpoint cannot bless a rewrite). Safe with several nodes: on PostgreSQL a session advisory lock lets one node at
/// a time do the work, and the unique tree size keeps a second checkpoint of the same size out on every provider.
/// Rows committed so far are sealed first, so that the checkpoint covers them (the end of their unsealed window).
/// Publishing writes no audit row: it would grow the log it has just signed, and the checkpoint is itself the record.
/// </summary>
public sealed class AuditCheckpointPublisher(AppDbContext db, AuditVerifier verifier, AuditKeys keys, TimeProvider time, AuditSealer sealer)
{
    private const long PostgresLockKey = 0x42_41_4C_49_43_4B_50; // "BALICKP"

    public async Task<CheckpointPublication> PublishAsync(CancellationToken cancellationToken)
    {
        await sealer.SealAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var postgres = db.Database.IsNpgsql();
            if (postgres && !await TryLockAsync(cancellationToken))
            {
                return new(false, null, "Another node is publishing a checkpoint now.");
            }

            try
            {
                var verification = await verifier.VerifyAsync(cancellationToken);
                if (!verification.Intact)
                {
                    return new(false, null, $"No checkpoint signed: {verification.Message}");
                }

                var latest = await db.Set<AuditCheckpoint>().AsNoTracking().MaxAsync(c => (long?)c.TreeSize, cancellationToken) ?? 0;
                if (verification.RowsChecked <= latest)
                {
                    return new(false, null, $"The log has not grown since the checkpoint of tree size {latest}.");
                }

                var issuedAt = AuditEntry.ToStoredPrecision(time.GetUtcNow().UtcDateTime);
                var checkpoint = new AuditCheckpoint
                {
                    TreeSize = verification.RowsChecked,
                    RootHash = verification.RootHash!,
                    IssuedAt = issuedAt,
                    KeyId = keys.KeyId,
                };
                checkpoint.Signature = CheckpointStatement.Sign(keys.SigningKey, checkpoint.TreeSize, checkpoint.RootHash, issuedAt, checkpoint.KeyId);
                db.Add(checkpoint);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another node stored the checkpoint of this size first (SQLite has no advisory lock).
                    db.Entry(checkpoint).State = EntityState.Detached;
                    return new(false, null, $"A checkpoint of tree size {checkpoint.TreeSize} was published by another process.");
                }

                return new(true, checkpoint, $"Checkpoint signed: {checkpoint.TreeSize} entries, root {checkpoint.RootHash}.");
            }
            finally
            {
                if (postgres)
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({PostgresLockKey})", CancellationToken.None);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<bool> TryLockAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_lock({PostgresLockKey}) AS \"Value\"").SingleAsync(cancellationToken);
}

/// <summary>Publishes a checkpoint at start and then every <see cref="AuditOptions.CheckpointInterval"/>.</summary>
public sealed class AuditCheckpointService(IServiceScopeFactory scopes, IOptions<AuditOptions> options, IHostEnvironment environment,
    TimeProvider time, ILogger<AuditCheckpointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!(options.Value.PublishCheckpoints ?? !environment.IsEnvironment("Testing")))
        {
            return;
        }

        var interval = options.Value.CheckpointInterval > TimeSpan.Zero ? options.Value.CheckpointInterval : TimeSpan.FromMinutes(15);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<AuditCheckpointPublisher>().PublishAsync(stoppingToken);
                logger.Log(result.Published || result.Message.StartsWith("The log has not grown", StringComparison.Ordinal) ? LogLevel.Information : LogLevel.Warning,
                    "Audit checkpoint: {Message}", result.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database that is briefly away must not stop the publisher for the life of the process.
                logger.LogError(e, "Audit checkpoint publication failed; trying again in {Interval}.", interval);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

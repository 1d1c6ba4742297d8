using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Audit;

public sealed record AuditVerification(bool Intact, long RowsChecked, long? FirstBadSequence, string Message)
{
    /// <summary>Hex Merkle tree root over the rows checked (set when the chain itself is intact).</summary>
    public string? RootHash { get; init; }

    public int CheckpointsChecked { get; init; }

    /// <summary>Rows committed but not yet sealed, each with a valid writer's MAC: waiting for the sealer, not tampering.</summary>
    public long Unsealed { get; init; }
}

/// <summary>
/// Checks the whole log in one pass: every row's keyed hash, the chain of previous hashes, the head, and that the
/// Merkle tree of the log still has, at each checkpoint's tree size, the root that checkpoint signed (the stored
/// checkpoints and any the caller kept). Reads in one snapshot (on SQLite the raw column bytes, see <see cref="AuditRowSource"/>); batches of rows are hashed in parallel beside the reading.
/// </summary>
public sealed class AuditVerifier(AppDbContext db, AuditKeys keys, IOptions<AuditOptions> options)
{
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) => VerifyAsync([], null, cancellationToken);

    /// <param name="kept">Checkpoints kept outside the platform.</param>
    /// <param name="trustedKey">The public key to check their signatures with; the deployment's own key when null.</param>
    public async Task<AuditVerification> VerifyAsync(IReadOnlyList<CheckpointStatement> kept, ECDsa? trustedKey, CancellationToken cancellationToken)
    {
        var signer = trustedKey ?? keys.SigningKey;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            // One snapshot for the head, the checkpoints and the rows, so that concurrent writers cause no false alarm.
            await using var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var (headSequence, headHash) = await ReadHeadAsync(connection, transaction, cancellationToken);
            var stored = await ReadStoredCheckpointsAsync(connection, transaction, keys.PublicKeyPem, cancellationToken);
            var checkpoints = new List<(CheckpointStatement Statement, string Source)>();
            foreach (var statement in stored)
            {
                if (!statement.IsSignedBy(keys.SigningKey))
                {
                    return new(false, 0, null, $"The stored checkpoint of tree size {statement.TreeSize} is not signed by this deployment's checkpoint key: it was forged or altered.");
                }

                checkpoints.Add((statement, "stored checkpoint"));
            }

            foreach (var statement in kept)
            {
                if (!statement.IsSignedBy(signer))
                {
                    return new(false, 0, null, $"The kept checkpoint of tree size {statement.TreeSize} does not carry a valid signature of the trusted checkpoint key (key id {AuditKeys.KeyIdOf(signer)[..16]}…).");
                }

                checkpoints.Add((statement, "kept checkpoint"));
            }

            var result = await StreamAsync(connection, transaction, checkpoints.Select(c => c.Statement.TreeSize).ToHashSet(), cancellationToken);
            if (result.Failure is not null)
            {
                return result.Failure;
            }

            foreach (var (statement, source) in checkpoints.OrderBy(c => c.Statement.TreeSize))
            {
                if (statement.TreeSize > result.Rows)
                {
                    return new(false, result.Rows, result.Rows + 1,
                        $"The {source} of {statement.IssuedAt:yyyy-MM-dd HH:mm:ss} UTC signed {statement.TreeSize} entries but the log now has only {result.Rows}: rows were removed from the end.");
                }

                var root = statement.TreeSize == 0 ? Convert.ToHexStringLower(MerkleTree.EmptyRoot()) : result.Roots[statement.TreeSize];
                if (!string.Equals(root, statement.RootHash, StringComparison.OrdinalIgnoreCase))
                {
                    return new(false, result.Rows, null,
                        $"The {source} of {statement.IssuedAt:yyyy-MM-dd HH:mm:ss} UTC signed root {statement.RootHash[..16]}… for the first {statement.TreeSize} entries, but they now give {root[..16]}…: the log was rewritten.");
                }
            }

            if (headSequence != result.Rows || headHash != result.LastHash)
            {
                return new(false, result.Rows, result.Rows + 1,
                    $"The log ends at row {result.Rows} but the recorded head is row {headSequence}: rows were removed from the end or the head was altered.");
            }

            var (unsealed, forged) = await CheckUnsealedAsync(connection, transaction, cancellationToken);
            if (forged is not null)
            {
                return new(false, result.Rows, null, forged) { Unsealed = unsealed };
            }

            var waiting = unsealed == 0 ? "" : $" {unsealed} more committed row(s) not sealed yet (each with a valid writer's MAC; the sealer chains them within seconds).";
            return new(true, result.Rows, null, $"Audit log intact: {result.Rows} rows verified, consistent with {checkpoints.Count} checkpoint(s).{waiting}")
            {
                RootHash = result.Root,
                CheckpointsChecked = checkpoints.Count,
                Unsealed = unsealed,
            };
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task<(long Sequence, string Hash)> ReadHeadAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT \"Sequence\", \"Hash\" FROM audit_head WHERE \"Id\" = 1";
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditEntry.GenesisHash);
    }

    private static async Task<List<CheckpointStatement>> ReadStoredCheckpointsAsync(DbConnection connection, DbTransaction transaction, string publicKey, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT \"TreeSize\", \"RootHash\", \"IssuedAt\", \"KeyId\", \"Signature\" FROM audit_checkpoints";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<CheckpointStatement>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new(CheckpointStatement.CurrentFormat, reader.GetInt64(0), reader.GetString(1),
                DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc), reader.GetString(3), reader.GetString(4), publicKey));
        }

        return list;
    }

    /// <summary>
    /// The unsealed rows: counted, and each checked against its writer's MAC. One without a valid MAC was invented or
    /// edited in the database (or a sealed row was turned back into an unsealed one): tampering, named by its id.
    /// </summary>
    private async Task<(long Unsealed, string? Forged)> CheckUnsealedAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AuditRowSource.UnsealedQuery;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        var row = new AuditRow();
        var key = keys.HmacKey;
        long count = 0;
        while (await reader.ReadAsync(ct))
        {
            AuditRowSource.ReaderRows.Read(reader, row);
            var hash = row.Hash;
            var mac = AuditEntry.WriterMac(row, reader.GetGuid(15), key);
            count++;
            if (!string.Equals(Convert.ToHexStringLower(mac), hash, StringComparison.OrdinalIgnoreCase))
            {
                return (count, $"An unsealed row ({row.Action} at {row.OccurredAt:yyyy-MM-dd HH:mm:ss} UTC, request {row.RequestId}) does not carry a valid writer's MAC: it was invented or altered in the database, or a sealed row was turned back into an unsealed one.");
            }
        }

        return (count, null);
    }

    private sealed record StreamResult(long Rows, string LastHash, string Root, Dictionary<long, string> Roots, AuditVerification? Failure);

    /// <summary>
    /// One reader fills batches of rows in their canonical form; each batch is checked on the thread pool (keyed hashes,
    /// links inside the batch, leaf hashes, and the Merkle subtree of a full batch) while the next ones are read; here
    /// the batches are linked to each other in order and folded into the tree.
    /// </summary>
    private async Task<StreamResult> StreamAsync(DbConnection connection, DbTransaction transaction, HashSet<long> rootsWanted, CancellationToken ct)
    {
        var key = keys.HmacKey;
        var unkeyedThrough = options.Value.UnkeyedThrough;
        var wanted = new SortedSet<long>(rootsWanted);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pool = new Stack<AuditBatch>(Enumerable.Range(0, 8).Select(_ => new AuditBatch()));
        var channel = Channel.CreateBounded<Task<AuditBatch>>(new BoundedChannelOptions(6) { SingleReader = true, SingleWriter = true });

        var producer = Task.Run(async () =>
        {
            try
            {
                await using var source = await AuditRowSource.OpenAsync(connection, transaction, unkeyedThrough, stop.Token);
                var more = true;
                while (more)
                {
                    AuditBatch batch;
                    lock (pool)
                    {
                        batch = pool.Count > 0 ? pool.Pop() : new AuditBatch();
                    }

                    more = source.Fill(batch, stop.Token);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    await channel.Writer.WriteAsync(Task.Run(() => batch.Check(key, unkeyedThrough)), stop.Token);
                }
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, stop.Token);

        var frontier = new MerkleTree.Frontier();
        var roots = new Dictionary<long, string>();
        var previous = Encoding.ASCII.GetBytes(AuditEntry.GenesisHash);
        long expected = 1;
        AuditVerification? failure = null;
        try
        {
            await foreach (var pending in channel.Reader.ReadAllAsync(stop.Token))
            {
                var batch = await pending;
                var bad = FirstFailure(batch, expected, previous);
                if (bad < 0 && batch.HasSubtreeRoot && frontier.Size % AuditBatch.Capacity == 0
                    && wanted.GetViewBetween(frontier.Size + 1, frontier.Size + batch.Count).Count == 0)
                {
                    frontier.AppendSubtree(batch.SubtreeRoot, AuditBatch.SubtreeLevel);
                }
                else
                {
                    for (var i = 0; i < (bad < 0 ? batch.Count : bad); i++)
                    {
                        frontier.AppendLeafHash(batch.LeafHashes.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize));
                        if (wanted.Contains(frontier.Size))
                        {
                            roots[frontier.Size] = Convert.ToHexStringLower(frontier.Root());
                        }
                    }
                }

                if (bad >= 0)
                {
                    if (bad > 0)
                    {
                        previous = batch.HashText(bad - 1).ToArray();
                    }

                    expected += bad;
                    failure = Describe(batch, bad, expected, previous, unkeyedThrough);
                }
                else
                {
                    previous = batch.HashText(batch.Count - 1).ToArray();
                    expected += batch.Count;
                }

                lock (pool)
                {
                    pool.Push(batch);
                }

                if (failure is not null)
                {
                    break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            catch (ChannelClosedException)
            {
            }
        }

        return new(expected - 1, Encoding.UTF8.GetString(previous), Convert.ToHexStringLower(frontier.Root()), roots, failure);
    }

    /// <summary>The first row of the batch that breaks the chain or its hash, or -1.</summary>
    private static int FirstFailure(AuditBatch batch, long expected, byte[] previous)
    {
        if (batch.Sequences[0] != expected || !batch.PreviousHashText(0).SequenceEqual(previous))
        {
            return 0;
        }

        return (batch.FirstBroken, batch.FirstAltered) switch
        {
            (< 0, var altered) => altered,
            (var broken, < 0) => broken,
            (var broken, var altered) => Math.Min(broken, altered),
        };
    }

    /// <summary>What is wrong with row <paramref name="index"/>, the rows before it being intact (checked in this order).</summary>
    private static AuditVerification Describe(AuditBatch batch, int index, long expected, byte[] previous, long unkeyedThrough)
    {
        var sequence = batch.Sequences[index];
        if (sequence != expected)
        {
            return new(false, expected - 1, expected, $"Row {expected} is missing: the chain jumps to {sequence}.");
        }

        if (!batch.PreviousHashText(index).SequenceEqual(previous))
        {
            return new(false, expected - 1, sequence, $"Row {sequence} does not follow row {sequence - 1}: its previous-hash differs.");
        }

        return new(false, expected - 1, sequence, sequence > unkeyedThrough
            ? $"Row {sequence} was altered: its content does not match its keyed hash (or it was not written with this deployment's audit key)."
            : $"Row {sequence} was altered: its content does not match its hash.");
    }
}

using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
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
}

/// <summary>
/// Checks the whole log in one pass: every row's keyed hash, the chain of previous hashes, the head, and that the
/// Merkle tree of the log still has, at each checkpoint's tree size, the root that checkpoint signed (the stored
/// checkpoints and any the caller kept). Reads with plain ADO.NET in one snapshot; hashing runs beside the reading.
/// </summary>
public sealed class AuditVerifier(AppDbContext db, AuditKeys keys, IOptions<AuditOptions> options)
{
    private const int BatchSize = 4096;

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

            return new(true, result.Rows, null, $"Audit log intact: {result.Rows} rows verified, consistent with {checkpoints.Count} checkpoint(s).")
            {
                RootHash = result.Root,
                CheckpointsChecked = checkpoints.Count,
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

    private sealed record StreamResult(long Rows, string LastHash, string Root, Dictionary<long, string> Roots, AuditVerification? Failure);

    private sealed class Batch
    {
        public readonly AuditRow[] Rows = Enumerable.Range(0, BatchSize).Select(_ => new AuditRow()).ToArray();
        public readonly byte[] LeafHashes = new byte[BatchSize * MerkleTree.HashSize];
        public int Count;

        /// <summary>Index of the first row whose stored hash is not its computed one, or -1.</summary>
        public int FirstAltered;
    }

    private async Task<StreamResult> StreamAsync(DbConnection connection, DbTransaction transaction, HashSet<long> rootsWanted, CancellationToken ct)
    {
        var key = keys.HmacKey;
        var unkeyedThrough = options.Value.UnkeyedThrough;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pool = new Stack<Batch>(Enumerable.Range(0, 6).Select(_ => new Batch()));
        var channel = Channel.CreateBounded<Task<Batch>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });

        // The reader fills batches; each batch is hashed on another thread while the next one is read.
        var producer = Task.Run(async () =>
        {
            try
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    SELECT "Sequence", "OccurredAt", "UserId", "UserName", "MemberId", "ApiKeyId", "Action", "SubjectType", "SubjectId",
                           "RequestId", "Outcome", "Detail", "SubjectMemberId", "PreviousHash", "Hash"
                    FROM audit_entries ORDER BY "Sequence"
                    """;
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, stop.Token);
                while (true)
                {
                    Batch batch;
                    lock (pool)
                    {
                        batch = pool.Count > 0 ? pool.Pop() : new Batch();
                    }

                    batch.Count = 0;
                    while (batch.Count < BatchSize && reader.Read())
                    {
                        Fill(reader, batch.Rows[batch.Count++]);
                    }

                    if (batch.Count == 0)
                    {
                        break;
                    }

                    await channel.Writer.WriteAsync(Task.Run(() => Hash(batch, key, unkeyedThrough)), stop.Token);
                    if (batch.Count < BatchSize)
                    {
                        break;
                    }
                }
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, stop.Token);

        var frontier = new MerkleTree.Frontier();
        var roots = new Dictionary<long, string>();
        var previous = AuditEntry.GenesisHash;
        long expected = 1;
        AuditVerification? failure = null;
        try
        {
            await foreach (var pending in channel.Reader.ReadAllAsync(stop.Token))
            {
                var batch = await pending;
                for (var i = 0; i < batch.Count && failure is null; i++)
                {
                    var row = batch.Rows[i];
                    failure = row.Sequence != expected
                        ? new(false, expected - 1, expected, $"Row {expected} is missing: the chain jumps to {row.Sequence}.")
                        : row.PreviousHash != previous
                            ? new(false, expected - 1, row.Sequence, $"Row {row.Sequence} does not follow row {row.Sequence - 1}: its previous-hash differs.")
                            : i == batch.FirstAltered
                                ? new(false, expected - 1, row.Sequence, row.Sequence > unkeyedThrough
                                    ? $"Row {row.Sequence} was altered: its content does not match its keyed hash (or it was not written with this deployment's audit key)."
                                    : $"Row {row.Sequence} was altered: its content does not match its hash.")
                                : null;
                    if (failure is not null)
                    {
                        break;
                    }

                    frontier.AppendLeafHash(batch.LeafHashes.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize));
                    if (rootsWanted.Contains(frontier.Size))
                    {
                        roots[frontier.Size] = Convert.ToHexStringLower(frontier.Root());
                    }

                    previous = row.Hash;
                    expected++;
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

        return new(expected - 1, previous, Convert.ToHexStringLower(frontier.Root()), roots, failure);
    }

    private static Batch Hash(Batch batch, byte[] key, long unkeyedThrough)
    {
        batch.FirstAltered = -1;
        Span<byte> computed = stackalloc byte[32];
        Span<byte> stored = stackalloc byte[32];
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch.Rows[i];
            row.ComputeHash(row.Sequence > unkeyedThrough ? key : null, computed);
            var valid = row.Hash.Length == 64 && Convert.FromHexString(row.Hash, stored, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32;
            if (batch.FirstAltered < 0 && (!valid || !computed.SequenceEqual(stored)))
            {
                batch.FirstAltered = i;
            }

            // The leaf is the stored hash, as signed checkpoints saw it.
            MerkleTree.LeafHash(valid ? stored : computed, batch.LeafHashes.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize));
        }

        return batch;
    }

    private static void Fill(DbDataReader reader, AuditRow row)
    {
        row.Sequence = reader.GetInt64(0);
        row.OccurredAt = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
        row.UserId = reader.IsDBNull(2) ? null : reader.GetGuid(2);
        row.UserName = reader.IsDBNull(3) ? null : reader.GetString(3);
        row.MemberId = reader.IsDBNull(4) ? null : reader.GetGuid(4);
        row.ApiKeyId = reader.IsDBNull(5) ? null : reader.GetGuid(5);
        row.Action = reader.GetString(6);
        row.SubjectType = reader.IsDBNull(7) ? null : reader.GetString(7);
        row.SubjectId = reader.IsDBNull(8) ? null : reader.GetString(8);
        row.RequestId = reader.IsDBNull(9) ? null : reader.GetString(9);
        row.Outcome = reader.GetString(10);
        row.Detail = reader.IsDBNull(11) ? null : reader.GetString(11);
        row.SubjectMemberId = reader.IsDBNull(12) ? null : reader.GetGuid(12);
        row.PreviousHash = reader.GetString(13);
        row.Hash = reader.GetString(14);
    }
}

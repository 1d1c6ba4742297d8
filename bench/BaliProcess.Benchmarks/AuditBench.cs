using System.Diagnostics;
using System.Globalization;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using MsOptions = Microsoft.Extensions.Options.Options;
using Npgsql;
using NpgsqlTypes;

namespace BaliProcess.Benchmarks;

/// <summary>
/// The audit log's two targets: verifying 10 million entries (chain, keyed hashes, head, Merkle root) within 10 s, and
/// at least 5,000 audited writes a second through <see cref="AuditLog.Record"/> and <c>SaveChangesAsync</c>.
/// The database is the platform's own schema (its migrations), with its own <see cref="AuditChain"/>,
/// <see cref="AuditKeys"/> and <see cref="AuditVerifier"/>; only the bulk load of the rows to verify bypasses EF.
/// </summary>
internal sealed class AuditBench : IDisposable
{
    private readonly ServiceProvider services;

    /// <param name="sqliteSynchronous">SQLite only: null keeps the platform's setting (SQLite's default for WAL,
    /// synchronous FULL: the WAL is fsynced at every commit); "NORMAL" sets it on every connection the bench opens
    /// (fsync at checkpoints only: a commit survives the process being killed, not the machine losing power).</param>
    public AuditBench(string provider, string? connectionString, string folder, string? sqliteSynchronous = null)
    {
        System.IO.Directory.CreateDirectory(folder);
        Folder = folder;
        Database = new DatabaseOptions
        {
            Provider = provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite,
            ConnectionString = connectionString ?? (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase)
                ? throw new ArgumentException("--pg CONNECTION-STRING is required for --db postgres")
                : $"Data Source={Path.Combine(folder, "audit-bench.db")};Pooling=True"),
            DataPath = folder,
        };
        var collection = new ServiceCollection();
        collection.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = folder, EnvironmentName = "Production", ApplicationName = "bench" });
        collection.AddSingleton(MsOptions.Create(Database));
        collection.AddSingleton(MsOptions.Create(new AuditOptions()));
        collection.AddSingleton(TimeProvider.System);
        collection.AddHttpContextAccessor();
        collection.AddSingleton<AuditKeys>();
        collection.AddSingleton(sp => new AuditChain(sp.GetRequiredService<AuditKeys>()));
        collection.AddSingleton<AuditSealer>();
        collection.AddLogging();
        // The platform's Identity schema (passkeys), as the design-time factories of the migrations give it: without
        // it the model differs from the migrations' and EF refuses to migrate.
        collection.Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3);
        collection.AddSingleton<SearchNotifier>();
        collection.AddScoped<AuditLog>();
        collection.AddScoped<AuditVerifier>();
        collection.AddDbContext<AppDbContext>(b =>
        {
            DataServiceCollectionExtensions.Configure(b, Database, folder);
            if (sqliteSynchronous is not null && !IsPostgres)
            {
                b.AddInterceptors(new SynchronousPragma(sqliteSynchronous));
            }
        });
        services = collection.BuildServiceProvider();
    }

    public string Folder { get; }

    public DatabaseOptions Database { get; }

    private bool IsPostgres => Database.Provider == DatabaseProvider.Postgres;

    public async Task<long> PrepareAsync(long rows, bool regenerate, TextWriter output)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (regenerate)
            {
                await db.Database.EnsureDeletedAsync();
            }

            await db.Database.MigrateAsync();
            var existing = await db.Set<AuditHead>().AsNoTracking().Select(h => (long?)h.Sequence).SingleOrDefaultAsync() ?? 0;
            if (existing >= rows)
            {
                output.WriteLine($"Database already holds {existing:N0} audit rows (use --regen to rebuild).");
                return existing;
            }

            if (existing > 0)
            {
                output.WriteLine($"Database holds {existing:N0} rows, fewer than {rows:N0}: rebuilding.");
                await db.Database.EnsureDeletedAsync();
                await db.Database.MigrateAsync();
            }
        }

        var key = services.GetRequiredService<AuditKeys>().HmacKey;
        var watch = Stopwatch.StartNew();
        if (IsPostgres)
        {
            await LoadPostgresAsync(rows, key);
        }
        else
        {
            LoadSqlite(rows, key);
        }

        output.WriteLine($"Generated and stored {rows:N0} chained rows in {watch.Elapsed.TotalSeconds:N1} s ({rows / watch.Elapsed.TotalSeconds:N0} rows/s); " +
            $"Merkle root computed while generating: {Convert.ToHexStringLower(GeneratedTree.Root())[..16]}...");
        return rows;
    }

    /// <summary>The Merkle tree of the generated rows, computed as they were made: the verifier must find its root.</summary>
    public MerkleTree.Frontier GeneratedTree { get; } = new();

    /// <summary>Rows shaped like the platform's: a user of one of 46 members acting on documents, actions, meetings.</summary>
    private IEnumerable<AuditRow> Generate(long count, byte[] key)
    {
        var random = new Random(20261207);
        var members = Enumerable.Range(0, 46).Select(_ => Guid.CreateVersion7()).ToArray();
        var users = Enumerable.Range(0, 500).Select(i => (Id: Guid.CreateVersion7(), Name: $"official{i}@member{i % 46}.example.org", Member: i % 46)).ToArray();
        string[] actions = ["library.document.read", "library.document.update", "library.document.import", "actions.update.create", "meetings.meeting.read",
            "directory.focalpoint.update", "account.signin", "search.query", "actions.action.read", "library.document.download"];
        string[] types = ["Document", "Document", "Document", "ActionUpdate", "Meeting", "FocalPoint", "User", null!, "Action", "Document"];
        var previous = AuditEntry.GenesisHash;
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var row = new AuditRow();
        var hash = new byte[32];
        var hex = new char[64];
        var leaf = new byte[MerkleTree.HashSize];
        for (long sequence = 1; sequence <= count; sequence++)
        {
            var user = users[random.Next(users.Length)];
            var kind = random.Next(actions.Length);
            row.Sequence = sequence;
            row.OccurredAt = AuditEntry.ToStoredPrecision(start.AddTicks(sequence * 31_000_000L + random.Next(10_000_000)));
            row.UserId = user.Id;
            row.UserName = user.Name;
            row.MemberId = members[user.Member];
            row.ApiKeyId = random.Next(10) == 0 ? users[0].Id : null;
            row.Action = actions[kind];
            row.SubjectType = types[kind];
            row.SubjectId = types[kind] is null ? null : Guid.CreateVersion7().ToString();
            row.RequestId = $"0HN{sequence:X10}:00000001";
            row.Outcome = random.Next(50) == 0 ? nameof(AuditOutcome.Denied) : nameof(AuditOutcome.Succeeded);
            row.Detail = kind switch
            {
                2 => $"Imported 'Regional report {sequence % 997}.docx' ({random.Next(10_000, 5_000_000):N0} bytes)",
                7 => $"q=people smuggling {sequence % 89}",
                1 or 3 => $"status InProgress -> Completed; title 'Joint operation {sequence % 313}'",
                _ => null,
            };
            row.SubjectMemberId = types[kind] is null ? null : members[random.Next(members.Length)];
            row.PreviousHash = previous;
            row.ComputeHash(key, hash);
            Convert.TryToHexStringLower(hash, hex, out _);
            row.Hash = new string(hex);
            previous = row.Hash;
            MerkleTree.LeafHash(hash, leaf);
            GeneratedTree.AppendLeafHash(leaf);
            yield return row;
        }
    }

    private void LoadSqlite(long rows, byte[] key)
    {
        // Not pooled: the loader's pragmas must not reach the connections the benchmarks then use; and the pooled
        // connection of the migration is closed, since leaving WAL needs the only connection.
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // Loading only, one transaction, this connection only: the benchmarks run with the platform's settings
            // (WAL, as EF Core creates the file; synchronous FULL).
            // No journal while loading (the file is thrown away if the load fails), WAL again afterwards.
            pragma.CommandText = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576;";
            pragma.ExecuteNonQuery();
        }

        // The secondary indexes are dropped and built again after the load: built in one sort they cost minutes,
        // kept up to date row by row (random inserts into three of them) they made the 10M load take 2,505 s.
        var indexes = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_entries' AND sql IS NOT NULL AND sql NOT LIKE '%\"Sequence\"%'";
            var dropped = new List<string>();
            using (var reader = list.ExecuteReader())
            {
                while (reader.Read())
                {
                    dropped.Add(reader.GetString(0));
                    indexes.Add(reader.GetString(1));
                }
            }

            foreach (var name in dropped)
            {
                using var drop = connection.CreateCommand();
                drop.CommandText = $"DROP INDEX \"{name}\"";
                drop.ExecuteNonQuery();
            }
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO audit_entries ("Id", "Sequence", "OccurredAt", "UserId", "UserName", "MemberId", "ApiKeyId", "Action", "SubjectType",
                "SubjectId", "RequestId", "Outcome", "Detail", "SubjectMemberId", "PreviousHash", "Hash")
            VALUES ($id, $seq, $at, $user, $name, $member, $key, $action, $type, $subject, $request, $outcome, $detail, $smember, $prev, $hash)
            """;
        string[] names = ["$id", "$seq", "$at", "$user", "$name", "$member", "$key", "$action", "$type", "$subject", "$request", "$outcome", "$detail", "$smember", "$prev", "$hash"];
        var parameters = names.Select(n => insert.Parameters.Add(new SqliteParameter(n, null))).ToArray();
        insert.Prepare();
        string last = AuditEntry.GenesisHash;
        long count = 0;
        foreach (var row in Generate(rows, key))
        {
            parameters[0].Value = GuidText(Guid.CreateVersion7());
            parameters[1].Value = row.Sequence;
            parameters[2].Value = row.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            parameters[3].Value = (object?)GuidText(row.UserId) ?? DBNull.Value;
            parameters[4].Value = (object?)row.UserName ?? DBNull.Value;
            parameters[5].Value = (object?)GuidText(row.MemberId) ?? DBNull.Value;
            parameters[6].Value = (object?)GuidText(row.ApiKeyId) ?? DBNull.Value;
            parameters[7].Value = row.Action;
            parameters[8].Value = (object?)row.SubjectType ?? DBNull.Value;
            parameters[9].Value = (object?)row.SubjectId ?? DBNull.Value;
            parameters[10].Value = (object?)row.RequestId ?? DBNull.Value;
            parameters[11].Value = row.Outcome;
            parameters[12].Value = (object?)row.Detail ?? DBNull.Value;
            parameters[13].Value = (object?)GuidText(row.SubjectMemberId) ?? DBNull.Value;
            parameters[14].Value = row.PreviousHash;
            parameters[15].Value = row.Hash;
            insert.ExecuteNonQuery();
            last = row.Hash;
            count = row.Sequence;
        }

        using var head = connection.CreateCommand();
        head.Transaction = transaction;
        head.CommandText = "DELETE FROM audit_head; INSERT INTO audit_head (\"Id\", \"Sequence\", \"Hash\") VALUES (1, $seq, $hash);";
        head.Parameters.AddWithValue("$seq", count);
        head.Parameters.AddWithValue("$hash", last);
        head.ExecuteNonQuery();
        foreach (var sql in indexes)
        {
            using var create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = sql;
            create.ExecuteNonQuery();
        }

        transaction.Commit();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL; ANALYZE audit_entries;";
        wal.ExecuteNonQuery();

        // EF Core stores a Guid as upper-case text on SQLite.
        static string? GuidText(Guid? value) => value?.ToString().ToUpperInvariant();
    }

    private async Task LoadPostgresAsync(long rows, byte[] key)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        string last = AuditEntry.GenesisHash;
        long count = 0;
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY audit_entries ("Id", "Sequence", "OccurredAt", "UserId", "UserName", "MemberId", "ApiKeyId", "Action", "SubjectType",
                "SubjectId", "RequestId", "Outcome", "Detail", "SubjectMemberId", "PreviousHash", "Hash") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var row in Generate(rows, key))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(row.Sequence, NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.OccurredAt, NpgsqlDbType.TimestampTz);
                await WriteNullable(writer, row.UserId);
                await WriteNullable(writer, row.UserName);
                await WriteNullable(writer, row.MemberId);
                await WriteNullable(writer, row.ApiKeyId);
                await writer.WriteAsync(row.Action, NpgsqlDbType.Varchar);
                await WriteNullable(writer, row.SubjectType);
                await WriteNullable(writer, row.SubjectId);
                await WriteNullable(writer, row.RequestId);
                await writer.WriteAsync(row.Outcome, NpgsqlDbType.Varchar);
                await WriteNullable(writer, row.Detail);
                await WriteNullable(writer, row.SubjectMemberId);
                await writer.WriteAsync(row.PreviousHash, NpgsqlDbType.Varchar);
                await writer.WriteAsync(row.Hash, NpgsqlDbType.Varchar);
                last = row.Hash;
                count = row.Sequence;
            }

            await writer.CompleteAsync();
        }

        await using var head = connection.CreateCommand();
        head.CommandText = "DELETE FROM audit_head; INSERT INTO audit_head (\"Id\", \"Sequence\", \"Hash\") VALUES (1, @seq, @hash); ANALYZE audit_entries;";
        head.Parameters.AddWithValue("seq", count);
        head.Parameters.AddWithValue("hash", last);
        await head.ExecuteNonQueryAsync();

        static Task WriteNullable(NpgsqlBinaryImporter writer, object? value) => value switch
        {
            null => writer.WriteNullAsync(),
            Guid g => writer.WriteAsync(g, NpgsqlDbType.Uuid),
            string s => writer.WriteAsync(s, NpgsqlDbType.Varchar),
            _ => throw new ArgumentException("unexpected column type"),
        };
    }

    public async Task<(AuditVerification Result, TimeSpan Wall, TimeSpan Cpu)> VerifyAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var verifier = scope.ServiceProvider.GetRequiredService<AuditVerifier>();
        _ = scope.ServiceProvider.GetRequiredService<AuditKeys>().HmacKey;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await verifier.VerifyAsync(CancellationToken.None);
        watch.Stop();
        process.Refresh();
        return (result, watch.Elapsed, process.TotalProcessorTime - cpuBefore);
    }

    /// <summary>
    /// <paramref name="writers"/> concurrent loops, each one unit of work per write: a fresh scope (context), one
    /// <see cref="AuditLog.Record"/>, one <c>SaveChangesAsync</c>, as a request handler does.
    /// </summary>
    /// <summary>
    /// The writers, with the platform's sealer chaining their rows beside them in the same process (on the same two
    /// cores), as the background sealer does: the write rate counts only writes, and the sealer must keep up.
    /// </summary>
    public async Task<WriteRun> WriteAsync(int writers, TimeSpan duration)
    {
        var members = Enumerable.Range(0, 46).Select(_ => Guid.CreateVersion7()).ToArray();
        var sealer = services.GetRequiredService<AuditSealer>();
        // Warm-up: JIT, EF model, connection pool.
        await RunWriters(writers, TimeSpan.FromSeconds(2), members, null);
        await sealer.SealAsync(CancellationToken.None);
        var latencies = new List<double>[writers];
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        long sealedWhileWriting = 0;
        var sealing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                sealedWhileWriting += (await sealer.SealAsync(CancellationToken.None)).Sealed;
                try
                {
                    await Task.Delay(20, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var writes = await RunWriters(writers, duration, members, latencies);
        watch.Stop();
        await stop.CancelAsync();
        await sealing;
        var tail = Stopwatch.StartNew();
        var rest = (await sealer.SealAsync(CancellationToken.None)).Sealed;
        tail.Stop();
        process.Refresh();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new(writes, watch.Elapsed, process.TotalProcessorTime - cpuBefore, all, sealedWhileWriting, rest, tail.Elapsed);
    }

    private async Task<long> RunWriters(int writers, TimeSpan duration, Guid[] members, List<double>[]? latencies)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long total = 0;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<double>(100_000);
            if (latencies is not null)
            {
                latencies[w] = mine;
            }

            var actor = new AuditActor(Guid.CreateVersion7(), $"writer{w}@bench.example.org", members[w % members.Length], null, null);
            long count = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var started = Stopwatch.GetTimestamp();
                await using var scope = services.CreateAsyncScope();
                var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                audit.ActAs(actor with { RequestId = $"bench-{w}-{count}" });
                audit.Record("library.document.update", "Document", Guid.CreateVersion7(), detail: "status Draft -> Published",
                    subjectMember: members[(int)(count % members.Length)]);
                await db.SaveChangesAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                count++;
            }

            Interlocked.Add(ref total, count);
        })).ToArray();
        await Task.WhenAll(tasks);
        return total;
    }

    public void Dispose() => services.Dispose();

    /// <summary>Sets <c>PRAGMA synchronous</c> on every connection the bench's contexts open (SQLite keeps it per connection).</summary>
    private sealed class SynchronousPragma(string mode) : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        private readonly string sql = $"PRAGMA synchronous={(mode.Equals("NORMAL", StringComparison.OrdinalIgnoreCase) ? "NORMAL" : "FULL")}";

        public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <param name="SealedWhileWriting">Rows the sealer chained while the writers ran.</param>
/// <param name="SealedAfter">Rows still unsealed when the writers stopped, and <paramref name="TailSeal"/> the time to seal them.</param>
internal sealed record WriteRun(long Writes, TimeSpan Wall, TimeSpan Cpu, double[] LatenciesMs, long SealedWhileWriting, long SealedAfter, TimeSpan TailSeal);

using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BaliProcess.Web.Features.Audit;

/// <summary>
/// Reads the audit rows in sequence order into <see cref="AuditBatch"/>es, each row already in its canonical form.
/// On SQLite the column bytes are read raw and rewritten in place (<see cref="SqliteRows"/>); elsewhere through the
/// provider's data reader.
/// </summary>
internal abstract class AuditRowSource : IAsyncDisposable
{
    private const string Columns = """
        "Sequence", "OccurredAt", "UserId", "UserName", "MemberId", "ApiKeyId", "Action", "SubjectType", "SubjectId",
        "RequestId", "Outcome", "Detail", "SubjectMemberId", "PreviousHash", "Hash"
        """;

    private const string Query = $"SELECT {Columns} FROM audit_entries WHERE \"Sequence\" IS NOT NULL ORDER BY \"Sequence\"";

    /// <summary>The rows not yet sealed (no position): the verifier checks their writer's MAC apart from the chain.</summary>
    internal const string UnsealedQuery = $"SELECT {Columns}, \"Id\" FROM audit_entries WHERE \"Sequence\" IS NULL";

    public static async Task<AuditRowSource> OpenAsync(DbConnection connection, DbTransaction transaction, long unkeyedThrough, CancellationToken ct)
    {
        if (connection is SqliteConnection sqlite)
        {
            return new SqliteRows(sqlite, unkeyedThrough);
        }

        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Query;
        var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        return new ReaderRows(command, reader, unkeyedThrough);
    }

    /// <summary>Clears <paramref name="batch"/> and fills it; false when the rows ran out.</summary>
    public abstract bool Fill(AuditBatch batch, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    /// <summary>Through the provider's reader: each row is built as an <see cref="AuditRow"/> and its canonical form copied.</summary>
    internal sealed class ReaderRows(DbCommand command, DbDataReader reader, long unkeyedThrough) : AuditRowSource
    {
        private readonly AuditRow row = new();

        public override bool Fill(AuditBatch batch, CancellationToken ct)
        {
            batch.Clear();
            while (batch.Count < AuditBatch.Capacity)
            {
                ct.ThrowIfCancellationRequested();
                if (!reader.Read())
                {
                    return false;
                }

                Read(reader, row);
                var canonical = row.Canonical(keyed: row.Sequence > unkeyedThrough);
                var hashBytes = Encoding.UTF8.GetByteCount(row.Hash);
                var span = batch.Reserve(canonical.Length + hashBytes);
                batch.BeginRow(row.Sequence);
                canonical.CopyTo(span);
                batch.Advance(canonical.Length);
                batch.EndCanonical(Encoding.UTF8.GetByteCount(row.PreviousHash));
                batch.Advance(Encoding.UTF8.GetBytes(row.Hash, span[canonical.Length..]));
                batch.EndRow();
            }

            return true;
        }

        public override async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await command.DisposeAsync();
        }

        internal static void Read(DbDataReader reader, AuditRow row)
        {
            row.Sequence = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
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

    /// <summary>
    /// SQLite through its C interface on the connection's own handle (so inside the verifier's read transaction):
    /// the stored UTF-8 bytes go into the canonical form as they are, and the GUID and date text EF Core stores
    /// (<c>3F2504E0-4F89-…</c>, <c>2026-01-01 10:00:00.123456</c>) is rewritten in place to the canonical
    /// <c>3f2504e04f89…</c> and <c>2026-01-01T10:00:00.123456Z</c>. Measured, building strings was five times the
    /// hashing (docs/benchmarks.md). Values in another shape are parsed as Microsoft.Data.Sqlite would; a value it
    /// could not read at all (a NULL in a required column, a date that is not one) becomes a byte no canonical form
    /// holds, so the row reports as altered instead of the verification failing.
    /// </summary>
    private sealed class SqliteRows : AuditRowSource
    {
        private const byte Unreadable = 0xFF;
        private readonly sqlite3 handle;
        private readonly sqlite3_stmt statement;
        private readonly long unkeyedThrough;

        public SqliteRows(SqliteConnection connection, long unkeyedThrough)
        {
            handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
            this.unkeyedThrough = unkeyedThrough;
            var rc = raw.sqlite3_prepare_v2(handle, Query, out statement);
            if (rc != raw.SQLITE_OK)
            {
                throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);
            }
        }

        public override bool Fill(AuditBatch batch, CancellationToken ct)
        {
            batch.Clear();
            ct.ThrowIfCancellationRequested();
            while (batch.Count < AuditBatch.Capacity)
            {
                var rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_DONE)
                {
                    return false;
                }

                if (rc != raw.SQLITE_ROW)
                {
                    throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);
                }

                WriteRow(batch);
            }

            return true;
        }

        private void WriteRow(AuditBatch batch)
        {
            var sequence = raw.sqlite3_column_int64(statement, 0);
            var bound = 256;
            for (var column = 1; column < 15; column++)
            {
                bound += raw.sqlite3_column_bytes(statement, column) + 2;
            }

            var span = batch.Reserve(bound);
            batch.BeginRow(sequence);
            sequence.TryFormat(span, out var at, default, CultureInfo.InvariantCulture);
            span[at++] = 0x1f;
            at += Date(1, span[at..]);
            span[at++] = 0x1f;
            at += Guid(2, span[at..]);
            span[at++] = 0x1f;
            at += Text(3, span[at..], required: false);
            span[at++] = 0x1f;
            at += Guid(4, span[at..]);
            span[at++] = 0x1f;
            at += Guid(5, span[at..]);
            span[at++] = 0x1f;
            for (var column = 6; column <= 11; column++)
            {
                at += Text(column, span[at..], required: column is 6 or 10);
                span[at++] = 0x1f;
            }

            if (sequence > unkeyedThrough)
            {
                at += Guid(12, span[at..]);
                span[at++] = 0x1f;
            }

            var previous = Text(13, span[at..], required: true);
            at += previous;
            batch.Advance(at);
            batch.EndCanonical(previous);
            batch.Advance(Text(14, span[at..], required: true));
            batch.EndRow();
        }

        private int Text(int column, Span<byte> destination, bool required)
        {
            if (raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL)
            {
                return required ? Mark(destination) : 0;
            }

            var bytes = raw.sqlite3_column_blob(statement, column);
            bytes.CopyTo(destination);
            return bytes.Length;
        }

        private int Guid(int column, Span<byte> destination)
        {
            var type = raw.sqlite3_column_type(statement, column);
            if (type == raw.SQLITE_NULL)
            {
                return 0;
            }

            var bytes = raw.sqlite3_column_blob(statement, column);
            if (type == raw.SQLITE_BLOB && bytes.Length == 16)
            {
                new Guid(bytes).TryFormat(destination, out var written, "N");
                return written;
            }

            if (bytes.Length == 36 && bytes[8] == '-' && bytes[13] == '-' && bytes[18] == '-' && bytes[23] == '-')
            {
                var at = 0;
                for (var i = 0; i < 36; i++)
                {
                    if (i is 8 or 13 or 18 or 23)
                    {
                        continue;
                    }

                    var c = bytes[i];
                    if (c is >= (byte)'A' and <= (byte)'F')
                    {
                        c += 'a' - 'A';
                    }
                    else if (c is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f')))
                    {
                        return Slow(bytes, destination);
                    }

                    destination[at++] = c;
                }

                return at;
            }

            return Slow(bytes, destination);

            static int Slow(ReadOnlySpan<byte> text, Span<byte> destination) =>
                System.Guid.TryParse(Encoding.UTF8.GetString(text), out var guid) && guid.TryFormat(destination, out var written, "N")
                    ? written
                    : Mark(destination);
        }

        private int Date(int column, Span<byte> destination)
        {
            if (raw.sqlite3_column_type(statement, column) != raw.SQLITE_TEXT)
            {
                return Mark(destination);
            }

            var text = raw.sqlite3_column_blob(statement, column);
            if (IsStoredDate(text, out var fraction))
            {
                // yyyy-MM-dd HH:mm:ss[.fffffff] to yyyy-MM-ddTHH:mm:ss.ffffffZ: six digits, cut (not rounded) as "ffffff" cuts.
                text[..10].CopyTo(destination);
                destination[10] = (byte)'T';
                text[11..19].CopyTo(destination[11..]);
                destination[19] = (byte)'.';
                for (var i = 0; i < 6; i++)
                {
                    destination[20 + i] = i < fraction ? text[20 + i] : (byte)'0';
                }

                destination[26] = (byte)'Z';
                return 27;
            }

            return DateTime.TryParse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                && DateTime.SpecifyKind(parsed, DateTimeKind.Utc).TryFormat(destination, out var written, "yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture)
                    ? written
                    : Mark(destination);
        }

        /// <summary>yyyy-MM-dd HH:mm:ss (or a T between), then nothing or a dot and one to seven digits.</summary>
        private static bool IsStoredDate(ReadOnlySpan<byte> text, out int fraction)
        {
            fraction = 0;
            if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] is not ((byte)' ' or (byte)'T') || text[13] != ':' || text[16] != ':')
            {
                return false;
            }

            for (var i = 0; i < 19; i++)
            {
                if (i is not (4 or 7 or 10 or 13 or 16) && !char.IsAsciiDigit((char)text[i]))
                {
                    return false;
                }
            }

            if (text.Length == 19)
            {
                return true;
            }

            fraction = text.Length - 20;
            if (text[19] != '.' || fraction is < 1 or > 7)
            {
                return false;
            }

            foreach (var c in text[20..])
            {
                if (!char.IsAsciiDigit((char)c))
                {
                    return false;
                }
            }

            return true;
        }

        private static int Mark(Span<byte> destination)
        {
            destination[0] = Unreadable;
            return 1;
        }

        public override ValueTask DisposeAsync()
        {
            statement.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

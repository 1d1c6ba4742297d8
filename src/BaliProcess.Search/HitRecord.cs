using System.Buffers.Binary;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace BaliProcess.Search;

/// <summary>
/// What a hit shows (id, kind, title, url, language, year, date and the text its snippet is cut from),
/// packed into one uncompressed binary doc value per document (<see cref="IndexSchema.HitValues"/>).
/// Reading it is a seek and a copy of the value's bytes: unlike stored fields, no compressed chunk of
/// neighbouring documents has to be decompressed for each hit.
/// </summary>
/// <remarks>
/// Layout: flags byte; id, kind, title, url, language as (7-bit varint byte length, UTF-8); the year
/// (int32, little endian) when flag 1; the date as UTC ticks (int64) when flag 2; then the snippet text
/// (UTF-8) up to the end. Only the first <see cref="TextChars"/> characters of the body are kept: the
/// snippet builder scans the first <see cref="SnippetBuilder.MaxScanChars"/> of them and its window
/// never reaches beyond that plus its width; flag 4 records that the body was longer, so the snippet
/// still ends with an ellipsis exactly as it would on the whole text.
/// </remarks>
internal static class HitRecord
{
    /// <summary>Characters of the body kept for snippets: the scanned part plus room for the last window.</summary>
    public const int TextChars = SnippetBuilder.MaxScanChars + 1024;

    private const byte HasYear = 1;
    private const byte HasDate = 2;
    private const byte Truncated = 4;

    public static BytesRef Encode(SearchDocument source, string title, string body, DateTime? utcDate, HitBuffer buffer)
    {
        int textLength = Math.Min(body.Length, TextChars);
        if (textLength < body.Length && textLength > 0 && char.IsHighSurrogate(body[textLength - 1]))
        {
            textLength--;
        }

        ReadOnlySpan<char> text = body.AsSpan(0, textLength);
        string id = source.Id;
        string kind = source.Kind ?? string.Empty;
        string url = source.Url ?? string.Empty;
        string language = source.Language ?? string.Empty;
        int max = 1 + 12 + 5 * 5
            + Encoding.UTF8.GetMaxByteCount(id.Length + kind.Length + title.Length + url.Length + language.Length)
            + Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[] bytes = buffer.Ensure(max);
        byte flags = (byte)((source.Year is null ? 0 : HasYear) | (utcDate is null ? 0 : HasDate) | (textLength < body.Length ? Truncated : 0));
        int at = 0;
        bytes[at++] = flags;
        at = WriteString(bytes, at, id);
        at = WriteString(bytes, at, kind);
        at = WriteString(bytes, at, title);
        at = WriteString(bytes, at, url);
        at = WriteString(bytes, at, language);
        if (source.Year is { } year)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), year);
            at += 4;
        }

        if (utcDate is { } date)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), date.Ticks);
            at += 8;
        }

        at += Encoding.UTF8.GetBytes(text, bytes.AsSpan(at));
        return new BytesRef(bytes, 0, at);
    }

    public static Decoded Decode(BinaryDocValues values, int doc, BytesRef scratch)
    {
        values.Get(doc, scratch);
        ReadOnlySpan<byte> span = scratch.Bytes.AsSpan(scratch.Offset, scratch.Length);
        if (span.Length == 0)
        {
            return new Decoded(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, null, null, string.Empty, false);
        }

        byte flags = span[0];
        int at = 1;
        string id = ReadString(span, ref at);
        string kind = ReadString(span, ref at);
        string title = ReadString(span, ref at);
        string url = ReadString(span, ref at);
        string language = ReadString(span, ref at);
        int? year = null;
        if ((flags & HasYear) != 0)
        {
            year = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
            at += 4;
        }

        DateTime? date = null;
        if ((flags & HasDate) != 0)
        {
            date = new DateTime(BinaryPrimitives.ReadInt64LittleEndian(span[at..]), DateTimeKind.Utc);
            at += 8;
        }

        string text = Encoding.UTF8.GetString(span[at..]);
        return new Decoded(id, kind, title, url, language, year, date, text, (flags & Truncated) != 0);
    }

    private static int WriteString(byte[] bytes, int at, string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        uint v = (uint)length;
        while (v >= 0x80)
        {
            bytes[at++] = (byte)(v | 0x80);
            v >>= 7;
        }

        bytes[at++] = (byte)v;
        return at + Encoding.UTF8.GetBytes(value, bytes.AsSpan(at));
    }

    private static string ReadString(ReadOnlySpan<byte> span, ref int at)
    {
        int length = 0;
        int shift = 0;
        byte b;
        do
        {
            b = span[at++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        string value = length == 0 ? string.Empty : Encoding.UTF8.GetString(span.Slice(at, length));
        at += length;
        return value;
    }

    /// <param name="TextTruncated">The body was longer than <see cref="Text"/>.</param>
    internal readonly record struct Decoded(string Id, string Kind, string Title, string Url, string Language, int? Year, DateTime? Date, string Text, bool TextTruncated);
}

/// <summary>A growable per-thread byte buffer for encoding hit records.</summary>
internal sealed class HitBuffer
{
    private byte[] _bytes = new byte[4096];

    public byte[] Ensure(int length)
    {
        if (_bytes.Length < length)
        {
            _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
        }

        return _bytes;
    }
}

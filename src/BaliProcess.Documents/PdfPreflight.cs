using System.IO.Compression;
using System.Text;

namespace BaliProcess.Documents;

/// <summary>
/// Checks a PDF's bytes before PdfPig sees them, because PdfPig has no limits of its own: it inflates a stream
/// completely into memory (a 0.9 MB file inflated to gigabytes) and parses nested arrays and dictionaries
/// recursively (deep nesting would overflow the stack, which no handler can catch). This pass inflates every
/// Flate stream with a counter, stopping at the budget, and measures the nesting depth of the file's objects and of
/// the inflated streams that hold PDF syntax (content and object streams), without recursion.
/// </summary>
internal static class PdfPreflight
{
    private static readonly byte[] StreamKeyword = "stream"u8.ToArray();
    private static readonly byte[] EndStreamKeyword = "endstream"u8.ToArray();

    public static void Check(byte[] bytes, ExtractionBudget budget)
    {
        var depth = new DepthCounter(budget.Limits.MaxDepth);
        var syntaxStreams = new List<(bool IsForm, DepthCounter Counter)>();
        var position = 0;
        while (position < bytes.Length)
        {
            var next = bytes.AsSpan(position).IndexOf(StreamKeyword);
            var segmentEnd = next < 0 ? bytes.Length : position + next;
            depth.Scan(bytes.AsSpan(position, segmentEnd - position));
            if (next < 0)
            {
                break;
            }

            budget.CheckTime();
            var keywordEnd = segmentEnd + StreamKeyword.Length;
            var dataStart = keywordEnd;
            if (dataStart < bytes.Length && bytes[dataStart] == '\r')
            {
                dataStart++;
            }

            if (dataStart < bytes.Length && bytes[dataStart] == '\n')
            {
                dataStart++;
            }

            var endIndex = bytes.AsSpan(dataStart).IndexOf(EndStreamKeyword);
            var dataEnd = endIndex < 0 ? bytes.Length : dataStart + endIndex;
            var dictionary = DictionaryBefore(bytes, segmentEnd);
            var syntax = HoldsSyntax(dictionary) ? new DepthCounter(budget.Limits.MaxDepth) : null;
            if (syntax is not null)
            {
                syntaxStreams.Add((IsForm(dictionary), syntax));
            }

            if (dictionary.Contains("/FlateDecode", StringComparison.Ordinal) && !dictionary.Contains("/DecodeParms", StringComparison.Ordinal) || dictionary.Contains("/Fl ", StringComparison.Ordinal))
            {
                Inflate(bytes.AsMemory(dataStart, dataEnd - dataStart), budget, syntax);
            }
            else if (!dictionary.Contains("/Filter", StringComparison.Ordinal))
            {
                // An unfiltered content stream is PDF syntax in the file itself.
                syntax?.Scan(bytes.AsSpan(dataStart, dataEnd - dataStart));
            }
            else if (dictionary.Contains("/FlateDecode", StringComparison.Ordinal))
            {
                // Predictors (DecodeParms) change nothing about the inflated size, only how it is read afterwards.
                Inflate(bytes.AsMemory(dataStart, dataEnd - dataStart), budget, null);
            }

            position = endIndex < 0 ? bytes.Length : dataEnd + EndStreamKeyword.Length;
        }

        CheckOperations(syntaxStreams, budget.Limits.MaxOperations);
    }

    /// <summary>
    /// PdfPig parses a page's content in one go, so the time budget, checked between pages, cannot stop a page that
    /// is slow by itself: millions of operators in a 16 KB stream, or form XObjects that draw forms (seven levels of
    /// ten drawings each are a million drawings from 2 KB). Directed fuzz probes found both running far past the
    /// budget. This bounds, before parsing, the operations any one content stream can cause: its own operators,
    /// plus for each form it draws the largest form's operators times what forms drawing forms can multiply (the
    /// product of their draw counts, times the length of such a chain). The bound is loose for files whose forms draw
    /// several forms each, and exact for the common case of forms that draw none.
    /// </summary>
    private static void CheckOperations(List<(bool IsForm, DepthCounter Counter)> streams, long limit)
    {
        double largestForm = 0;
        double nesting = 1;
        var nestingForms = 0;
        foreach (var (isForm, counter) in streams)
        {
            counter.Finish();
            if (isForm)
            {
                largestForm = Math.Max(largestForm, counter.Operators);
                if (counter.Draws > 0)
                {
                    nesting *= counter.Draws;
                    nestingForms++;
                }
            }
        }

        var formExpansion = largestForm * nesting * (nestingForms + 1);
        foreach (var (_, counter) in streams)
        {
            if (counter.Operators + (counter.Draws * formExpansion) > limit)
            {
                throw new ExtractionLimitException($"a page's content would run more than the limit of {limit:N0} drawing operations");
            }
        }
    }

    private static bool IsForm(string dictionary) =>
        dictionary.Contains("/Subtype", StringComparison.Ordinal) && dictionary.Contains("/Form", StringComparison.Ordinal);

    /// <summary>Content streams and object streams are PDF syntax; images, fonts, ICC profiles and cross-reference streams are binary.</summary>
    private static bool HoldsSyntax(string dictionary) => IsForm(dictionary) ||
        !(dictionary.Contains("/Subtype", StringComparison.Ordinal) || dictionary.Contains("/Length1", StringComparison.Ordinal)
          || dictionary.Contains("/Length2", StringComparison.Ordinal) || dictionary.Contains("/XRef", StringComparison.Ordinal)
          || dictionary.Contains("/N ", StringComparison.Ordinal));

    /// <summary>The text from the object header ("12 0 obj") to the stream keyword, at most 4 KB back.</summary>
    private static string DictionaryBefore(byte[] bytes, int streamKeyword)
    {
        var from = Math.Max(0, streamKeyword - 4096);
        var window = bytes.AsSpan(from, streamKeyword - from);
        var obj = window.LastIndexOf("obj"u8);
        return Encoding.Latin1.GetString(obj < 0 ? window : window[obj..]);
    }

    private static void Inflate(ReadOnlyMemory<byte> data, ExtractionBudget budget, DepthCounter? depth)
    {
        var buffer = new byte[81920];
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(data.ToArray(), writable: false), CompressionMode.Decompress);
            int read;
            while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                budget.AddExpandedBytes(read);
                depth?.Scan(buffer.AsSpan(0, read));
                budget.CheckTime();
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // Damaged or encrypted data: PdfPig decides what that means; it cannot inflate beyond what was read here.
            // A zlib header asking for a preset dictionary fails with an IOException (ZLibException), not
            // InvalidDataException; afl-fuzz found that it escaped TextExtractor.Extract.
        }
    }

    /// <summary>Depth of "[" and "&lt;&lt;" outside strings and comments, and the operators, fed in pieces.</summary>
    private sealed class DepthCounter(int limit)
    {
        private int tokenLength;
        private byte tokenFirst;
        private byte tokenSecond;
        private bool tokenIsOperator;
        private int depth;
        private int stringDepth;
        private bool inHexString;
        private bool inComment;
        private bool escaped;
        private byte previous;

        /// <summary>Keywords outside strings: operators in a content stream (numbers and names are operands).</summary>
        public long Operators { get; private set; }

        /// <summary>"Do" operators: drawings of an XObject, a form among them.</summary>
        public long Draws { get; private set; }

        public void Finish() => EndToken();

        public void Scan(ReadOnlySpan<byte> data)
        {
            foreach (var b in data)
            {
                var before = previous;
                previous = b;
                if (inComment)
                {
                    inComment = b is not ((byte)'\n' or (byte)'\r');
                    continue;
                }

                if (stringDepth > 0)
                {
                    if (escaped)
                    {
                        escaped = false;
                    }
                    else if (b == '\\')
                    {
                        escaped = true;
                    }
                    else if (b == '(')
                    {
                        stringDepth++;
                    }
                    else if (b == ')')
                    {
                        stringDepth--;
                    }

                    continue;
                }

                if (inHexString)
                {
                    if (b == '<' && before == '<')
                    {
                        // "<<": it was a dictionary, not a hex string.
                        inHexString = false;
                        Enter();
                        previous = 0;
                    }
                    else if (b == '>')
                    {
                        inHexString = false;
                        previous = 0;
                    }

                    continue;
                }

                if (IsRegular(b))
                {
                    if (tokenLength++ == 0)
                    {
                        tokenFirst = b;
                        tokenIsOperator = before != '/' && (char.IsAsciiLetter((char)b) || b is (byte)'\'' or (byte)'"');
                    }
                    else if (tokenLength == 2)
                    {
                        tokenSecond = b;
                    }

                    continue;
                }

                EndToken();
                switch (b)
                {
                    case (byte)'%':
                        inComment = true;
                        break;
                    case (byte)'(':
                        stringDepth = 1;
                        break;
                    case (byte)'<':
                        inHexString = true;
                        break;
                    case (byte)'[':
                        Enter();
                        break;
                    case (byte)']':
                        depth = Math.Max(0, depth - 1);
                        break;
                    case (byte)'>' when before == '>':
                        depth = Math.Max(0, depth - 1);
                        previous = 0;
                        break;
                }
            }
        }

        private static bool IsRegular(byte b) =>
            b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0
                or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');

        private void EndToken()
        {
            if (tokenLength > 0 && tokenIsOperator)
            {
                Operators++;
                if (tokenLength == 2 && tokenFirst == 'D' && tokenSecond == 'o')
                {
                    Draws++;
                }
            }

            tokenLength = 0;
        }

        private void Enter()
        {
            if (++depth > limit)
            {
                throw new ExtractionLimitException($"its content is nested deeper than the limit of {limit} levels");
            }
        }
    }
}

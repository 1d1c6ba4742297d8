using System.Numerics;
using System.Security.Cryptography;

namespace BaliProcess.Web.Features.Audit;

/// <summary>
/// The Merkle tree of RFC 9162 (Certificate Transparency 2.0) section 2.1 over the audit entries in sequence order:
/// a leaf is the entry's stored chain hash, leaf hash = SHA-256(0x00 ‖ leaf), node hash = SHA-256(0x01 ‖ left ‖ right).
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    // One SHA-256 per thread, reset after each node: cheaper than the one-shot SHA256.HashData, which looks the
    // algorithm up on every call (two hashes per entry, so it counts when 10 million entries are verified).
    [ThreadStatic]
    private static IncrementalHash? sha256;

    private static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(data);
        hash.GetHashAndReset(destination);
    }

    public static void LeafHash(ReadOnlySpan<byte> leaf, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + 64];
        buffer[0] = 0;
        leaf.CopyTo(buffer[1..]);
        Hash(buffer[..(1 + leaf.Length)], destination);
    }

    public static void NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + HashSize + HashSize];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        Hash(buffer, destination);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var result = new byte[HashSize];
        NodeHash(left, right, result);
        return result;
    }

    /// <summary>
    /// The roots of the perfect subtrees that make up the first <see cref="Size"/> leaves (at most 64 of them):
    /// appending a leaf costs one hash per carried level, and the root of the tree so far is a fold of the frontier.
    /// </summary>
    public sealed class Frontier
    {
        // subtrees[i] is the root of the perfect subtree of 2^i leaves when bit i of Size is set.
        private readonly byte[][] subtrees = Enumerable.Range(0, 64).Select(_ => new byte[HashSize]).ToArray();
        private readonly byte[] carry = new byte[HashSize];

        public long Size { get; private set; }

        public void AppendLeafHash(ReadOnlySpan<byte> leafHash)
        {
            leafHash.CopyTo(carry);
            var level = 0;
            var size = Size;
            while ((size & 1) == 1)
            {
                NodeHash(subtrees[level], carry, carry);
                size >>= 1;
                level++;
            }

            carry.CopyTo(subtrees[level], 0);
            Size++;
        }

        /// <summary>Appends the root of a perfect subtree of 2^<paramref name="level"/> leaves; the size must be a multiple of that.</summary>
        public void AppendSubtree(ReadOnlySpan<byte> subtreeRoot, int level)
        {
            if ((Size & ((1L << level) - 1)) != 0)
            {
                throw new InvalidOperationException($"A subtree of 2^{level} leaves cannot follow {Size} leaves.");
            }

            subtreeRoot.CopyTo(carry);
            var at = level;
            var size = Size >> level;
            while ((size & 1) == 1)
            {
                NodeHash(subtrees[at], carry, carry);
                size >>= 1;
                at++;
            }

            carry.CopyTo(subtrees[at], 0);
            Size += 1L << level;
        }

        public byte[] Root()
        {
            if (Size == 0)
            {
                return EmptyRoot();
            }

            byte[]? root = null;
            for (var level = 0; level < 64; level++)
            {
                if ((Size >> level & 1) == 0)
                {
                    continue;
                }

                root = root is null ? (byte[])subtrees[level].Clone() : NodeHash(subtrees[level], root);
            }

            return root!;
        }
    }

    /// <summary>The ranges [start, end) whose tree hashes form the consistency proof of RFC 9162 2.1.4.1, in order.</summary>
    public static IReadOnlyList<(long Start, long End)> ConsistencyProofRanges(long first, long second)
    {
        if (first < 0 || second < first)
        {
            throw new ArgumentOutOfRangeException(nameof(first), "The first tree size must be between 0 and the second.");
        }

        var ranges = new List<(long, long)>();
        if (first == 0 || first == second)
        {
            return ranges;
        }

        SubProof(first, 0, second, true, ranges);
        return ranges;
    }

    private static void SubProof(long m, long start, long end, bool complete, List<(long, long)> ranges)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                ranges.Add((start, end));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, ranges);
            ranges.Add((start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, ranges);
            ranges.Add((start, start + k));
        }
    }

    public static long LargestPowerOfTwoBelow(long n) => n <= 1 ? 0 : 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>RFC 9162 2.1.4.2: does <paramref name="proof"/> show that the tree of size <paramref name="first"/> is a prefix of the one of size <paramref name="second"/>?</summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first < 0 || second < first)
        {
            return false;
        }

        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (first == 0)
        {
            return proof.Count == 0;
        }

        var path = new List<byte[]>(proof);
        if ((first & (first - 1)) == 0)
        {
            path.Insert(0, firstRoot.ToArray());
        }

        if (path.Count == 0 || path.Any(p => p.Length != HashSize))
        {
            return false;
        }

        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = (byte[])path[0].Clone();
        var sr = (byte[])path[0].Clone();
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                NodeHash(c, fr, fr);
                NodeHash(c, sr, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                NodeHash(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}

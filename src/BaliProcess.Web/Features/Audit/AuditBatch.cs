namespace BaliProcess.Web.Features.Audit;

/// <summary>
/// Up to <see cref="Capacity"/> consecutive rows as the verifier reads them: each row's canonical form (the bytes its
/// hash covers, written straight from the stored column bytes, no strings) and its stored hash text, in one arena.
/// A worker checks a batch on its own (each row's HMAC depends only on its content, which ends with the previous
/// row's stored hash), so batches verify in parallel; only the link from one batch to the next is left to the caller.
/// </summary>
internal sealed class AuditBatch
{
    public const int Capacity = 4096;

    /// <summary>log2 of <see cref="Capacity"/>: the level of a full batch's Merkle subtree.</summary>
    public const int SubtreeLevel = 12;

    public readonly long[] Sequences = new long[Capacity];
    private readonly int[] canonicalStart = new int[Capacity];
    private readonly int[] canonicalLength = new int[Capacity];
    private readonly int[] previousLength = new int[Capacity];
    private readonly int[] hashStart = new int[Capacity];
    private readonly int[] hashLength = new int[Capacity];
    public readonly byte[] LeafHashes = new byte[Capacity * MerkleTree.HashSize];
    private readonly byte[] scratch = new byte[Capacity * MerkleTree.HashSize];
    public readonly byte[] SubtreeRoot = new byte[MerkleTree.HashSize];
    private byte[] arena = new byte[1 << 20];
    private int used;
    private int rowStart;

    public int Count { get; private set; }

    /// <summary>Index of the first row whose stored hash is not its computed one, or -1.</summary>
    public int FirstAltered { get; private set; }

    /// <summary>Index of the first row (from 1) whose sequence or previous hash does not follow the row before it, or -1.</summary>
    public int FirstBroken { get; private set; }

    /// <summary>Set when the batch is full and intact: the root of the Merkle subtree of its leaves.</summary>
    public bool HasSubtreeRoot { get; private set; }

    public void Clear()
    {
        Count = 0;
        used = 0;
    }

    /// <summary>Room for at least <paramref name="bytes"/> more bytes of the row being written.</summary>
    public Span<byte> Reserve(int bytes)
    {
        if (used + bytes > arena.Length)
        {
            Array.Resize(ref arena, Math.Max(arena.Length * 2, used + bytes));
        }

        return arena.AsSpan(used);
    }

    public void BeginRow(long sequence)
    {
        Sequences[Count] = sequence;
        rowStart = used;
    }

    public void Advance(int bytes) => used += bytes;

    /// <summary>Closes the canonical form (whose last <paramref name="previousHashLength"/> bytes are the previous hash).</summary>
    public void EndCanonical(int previousHashLength)
    {
        canonicalStart[Count] = rowStart;
        canonicalLength[Count] = used - rowStart;
        previousLength[Count] = previousHashLength;
        rowStart = used;
    }

    /// <summary>Closes the row after its stored hash text was written.</summary>
    public void EndRow()
    {
        hashStart[Count] = rowStart;
        hashLength[Count] = used - rowStart;
        Count++;
    }

    public ReadOnlySpan<byte> Canonical(int row) => arena.AsSpan(canonicalStart[row], canonicalLength[row]);

    public ReadOnlySpan<byte> PreviousHashText(int row) =>
        arena.AsSpan(canonicalStart[row] + canonicalLength[row] - previousLength[row], previousLength[row]);

    public ReadOnlySpan<byte> HashText(int row) => arena.AsSpan(hashStart[row], hashLength[row]);

    /// <summary>Hashes and links every row of the batch, and when it is full and intact, folds its Merkle subtree.</summary>
    public AuditBatch Check(byte[] key, long unkeyedThrough)
    {
        FirstAltered = -1;
        FirstBroken = -1;
        HasSubtreeRoot = false;
        Span<byte> computed = stackalloc byte[MerkleTree.HashSize];
        Span<byte> stored = stackalloc byte[MerkleTree.HashSize];
        for (var i = 0; i < Count; i++)
        {
            AuditRow.HashCanonical(Canonical(i), Sequences[i] > unkeyedThrough ? key : null, computed);
            var text = HashText(i);
            var valid = text.Length == 64 && Convert.FromHexString(text, stored, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32;
            if (FirstAltered < 0 && (!valid || !computed.SequenceEqual(stored)))
            {
                FirstAltered = i;
            }

            if (FirstBroken < 0 && i > 0 && (Sequences[i] != Sequences[i - 1] + 1 || !PreviousHashText(i).SequenceEqual(HashText(i - 1))))
            {
                FirstBroken = i;
            }

            // The leaf is the stored hash, as signed checkpoints saw it.
            MerkleTree.LeafHash(valid ? stored : computed, LeafHashes.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize));
        }

        if (Count == Capacity && FirstAltered < 0 && FirstBroken < 0)
        {
            LeafHashes.CopyTo(scratch, 0);
            for (var width = Capacity; width > 1; width /= 2)
            {
                for (var j = 0; j < width / 2; j++)
                {
                    MerkleTree.NodeHash(scratch.AsSpan(2 * j * MerkleTree.HashSize, MerkleTree.HashSize),
                        scratch.AsSpan((2 * j + 1) * MerkleTree.HashSize, MerkleTree.HashSize),
                        scratch.AsSpan(j * MerkleTree.HashSize, MerkleTree.HashSize));
                }
            }

            scratch.AsSpan(0, MerkleTree.HashSize).CopyTo(SubtreeRoot);
            HasSubtreeRoot = true;
        }

        return this;
    }
}

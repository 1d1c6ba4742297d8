using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Audit;

public sealed record ConsistencyProofView(long First, long Second, IReadOnlyList<string> Proof);

/// <summary>Consistency proofs (RFC 9162 2.1.4.1) between two tree sizes of the log, computed from the stored chain hashes.</summary>
public sealed class AuditProofs(AppDbContext db)
{
    /// <summary>Null with a reason when the sizes are not 0 ≤ first ≤ second ≤ the log's size.</summary>
    public async Task<(ConsistencyProofView? Proof, string? Problem)> ConsistencyAsync(long first, long second, CancellationToken ct)
    {
        var size = await db.Set<AuditHead>().AsNoTracking().Where(h => h.Id == 1).Select(h => (long?)h.Sequence).SingleOrDefaultAsync(ct) ?? 0;
        if (first < 0 || second < first)
        {
            return (null, $"The tree sizes must satisfy 0 ≤ first ≤ second (got first={first}, second={second}).");
        }

        if (second > size)
        {
            return (null, $"The log has {size} entries; there is no tree of size {second}.");
        }

        var proof = new List<string>();
        foreach (var (start, end) in MerkleTree.ConsistencyProofRanges(first, second))
        {
            proof.Add(Convert.ToHexStringLower(await RangeRootAsync(start, end, ct)));
        }

        return (new ConsistencyProofView(first, second, proof), null);
    }

    /// <summary>The tree hash of entries [start, end) (0-based), streamed in sequence order.</summary>
    private async Task<byte[]> RangeRootAsync(long start, long end, CancellationToken ct)
    {
        var frontier = new MerkleTree.Frontier();
        var leaf = new byte[MerkleTree.HashSize];
        var stored = new byte[MerkleTree.HashSize];
        await foreach (var hash in db.Set<AuditEntry>().AsNoTracking()
                           .Where(e => e.Sequence > start && e.Sequence <= end)
                           .OrderBy(e => e.Sequence)
                           .Select(e => e.Hash)
                           .AsAsyncEnumerable()
                           .WithCancellation(ct))
        {
            Convert.FromHexString(hash, stored, out _, out _);
            MerkleTree.LeafHash(stored, leaf);
            frontier.AppendLeafHash(leaf);
        }

        return frontier.Root();
    }
}

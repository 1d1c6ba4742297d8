using BaliProcess.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Audit;

public sealed record AuditVerification(bool Intact, long RowsChecked, long? FirstBadSequence, string Message);

/// <summary>Walks the chain from the first row and recomputes every hash.</summary>
public sealed class AuditVerifier(AppDbContext db)
{
    private const int BatchSize = 2000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var previous = AuditEntry.GenesisHash;
        long expected = 1;
        long checkedRows = 0;
        while (true)
        {
            var batch = await db.Set<AuditEntry>().AsNoTracking()
                .Where(a => a.Sequence >= expected)
                .OrderBy(a => a.Sequence)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                if (entry.Sequence != expected)
                {
                    return new(false, checkedRows, expected, $"Row {expected} is missing: the chain jumps to {entry.Sequence}.");
                }

                if (entry.PreviousHash != previous)
                {
                    return new(false, checkedRows, entry.Sequence, $"Row {entry.Sequence} does not follow row {entry.Sequence - 1}: its previous-hash differs.");
                }

                if (entry.ComputeHash() != entry.Hash)
                {
                    return new(false, checkedRows, entry.Sequence, $"Row {entry.Sequence} was altered: its content no longer matches its hash.");
                }

                previous = entry.Hash;
                expected++;
                checkedRows++;
            }

            if (batch.Count < BatchSize)
            {
                break;
            }
        }

        var head = await db.Set<AuditHead>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new AuditHead();
        if (head.Sequence != checkedRows || head.Hash != previous)
        {
            return new(false, checkedRows, checkedRows + 1,
                $"The log ends at row {checkedRows} but the recorded head is row {head.Sequence}: rows were removed from the end or the head was altered.");
        }

        return new(true, checkedRows, null, $"Audit log intact: {checkedRows} rows verified.");
    }
}

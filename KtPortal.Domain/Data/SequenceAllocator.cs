using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Data;

/// <summary>
/// Reserves numbers from a <see cref="Sequence"/> inside the caller's unit of work. The row's value is a
/// concurrency token, so two writers that read the same value cannot both save: the loser gets a
/// concurrency exception and retries through <see cref="RetryOnConflictAsync{T}"/>.
/// </summary>
internal static class SequenceAllocator
{
    private const int MaxAttempts = 8;

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive values and returns the first. <paramref name="floor"/>
    /// is the lowest value still free according to the numbered rows themselves; it repairs a sequence
    /// that is missing or behind (data that predates it) without ever going backwards.
    /// </summary>
    public static async Task<long> ReserveAsync(
        KtPortalDbContext db, string name, int count, long floor, CancellationToken cancellationToken)
    {
        var sequence = await db.Sequences.SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (sequence is null)
        {
            sequence = new Sequence { Name = name, NextValue = floor };
            db.Sequences.Add(sequence);
        }
        else if (sequence.NextValue < floor)
        {
            sequence.NextValue = floor;
        }

        var first = sequence.NextValue;
        sequence.NextValue += count;
        return first;
    }

    /// <summary>Runs a whole unit of work (its own context) again when another writer took the same numbers.</summary>
    public static async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> unitOfWork)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork();
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A concurrency conflict on the sequence row, or two first-ever inserts of it; go again.
            }
        }
    }
}

using KtPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Data;

/// <summary>
/// Saving an edit made from a form that was opened a while ago: when someone else changed the row meanwhile (its
/// concurrency stamp moved), the save fails with one message everywhere, naming the thing and what to do next.
/// </summary>
internal static class ConcurrencyGuard
{
    public static string ConflictMessage(string what) =>
        $"This {what} changed since you opened it. Reload to see the latest version, then apply your change again.";

    public static async Task SaveAsync(KtPortalDbContext db, string what, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ConflictMessage(what));
        }
    }
}

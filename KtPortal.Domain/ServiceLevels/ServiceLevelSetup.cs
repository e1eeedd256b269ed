using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>
/// First start with service levels: business hours (Monday to Friday, 09:00–17:00, the US holidays) and the Standard
/// policy as the default, then every open ticket gets its due times. Tickets already waiting on the client count as
/// waiting since their last change (the status history before this did not record it in a form the clock reads).
/// </summary>
public static class ServiceLevelSetup
{
    public static async Task EnsureAsync(KtPortalDbContext db, PortalSettings portal, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.BusinessHours.AnyAsync(cancellationToken))
        {
            return;
        }

        db.BusinessHours.Add(new BusinessHoursSettings { UpdatedAtUtc = nowUtc });
        if (!await db.SlaPolicies.AnyAsync(cancellationToken))
        {
            db.SlaPolicies.Add(SlaPolicy.Standard(nowUtc));
        }

        var waiting = await db.Tickets.Where(t => t.Status == TicketStatus.WaitingOnClient && !db.TicketSlaPauses.Any(p => p.TicketId == t.Id && p.ToUtc == null))
            .Select(t => new { t.Id, t.UpdatedAtUtc }).ToListAsync(cancellationToken);
        db.TicketSlaPauses.AddRange(waiting.Select(t => new TicketSlaPause { TicketId = t.Id, FromUtc = t.UpdatedAtUtc }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process set it up first.
            db.ChangeTracker.Clear();
            return;
        }

        await SlaRebuild.RecomputeOpenAsync(db, portal, cancellationToken);
    }
}

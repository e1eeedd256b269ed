using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices;

/// <summary>
/// Which invoices an actor may see, applied inside every query: staff see all; a client's admins see their client's
/// issued, paid and void invoices plus the draft usage invoice of the open period ("pending charges"); a ClientUser
/// sees the same only when granted invoice access. Staff's ad-hoc drafts are never shown to clients.
/// </summary>
internal static class InvoiceScope
{
    public static async Task<IQueryable<Invoice>> VisibleAsync(KtPortalDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invoices = db.Invoices.AsNoTracking();
        if (actor.IsStaff)
        {
            return invoices;
        }

        if (!await Accounts.BillingAccess.CanSeeChargesAsync(db, actor, cancellationToken))
        {
            return invoices.Where(_ => false);
        }

        return invoices.Where(i => i.ClientId == actor.ClientId && (i.Status != InvoiceStatus.Draft || i.Kind == InvoiceKind.Usage));
    }
}

/// <summary>Which credit notes an actor may see: the same people who see the client's invoices.</summary>
internal static class CreditNoteScope
{
    public static async Task<IQueryable<CreditNote>> VisibleAsync(KtPortalDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var notes = db.CreditNotes.AsNoTracking();
        if (actor.IsStaff)
        {
            return notes;
        }

        return await Accounts.BillingAccess.CanSeeChargesAsync(db, actor, cancellationToken)
            ? notes.Where(n => n.ClientId == actor.ClientId)
            : notes.Where(_ => false);
    }
}

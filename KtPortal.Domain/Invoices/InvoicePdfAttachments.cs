using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Invoices.Rendering;

namespace KtPortal.Domain.Invoices;

/// <summary>The invoice e-mail's PDF, rendered when the message is sent (the same drawing as the preview and download).</summary>
internal sealed class InvoicePdfAttachments(InvoiceQueries invoices, InvoiceRenderer renderer) : IOutboxAttachmentSource
{
    public async Task<IReadOnlyList<OutgoingAttachment>> AttachmentsForAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.InvoiceId is not { } invoiceId)
        {
            return [];
        }

        var document = await invoices.GetAsync(Actor.System, invoiceId, cancellationToken)
            ?? throw new EmailSendException($"Invoice {invoiceId} no longer exists; its PDF cannot be attached.", permanent: true);
        return [new OutgoingAttachment($"{document.Number ?? "invoice"}.pdf", "application/pdf", renderer.RenderPdf(document))];
    }
}

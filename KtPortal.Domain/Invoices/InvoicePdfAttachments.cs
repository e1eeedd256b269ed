using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Invoices.CreditNotes;
using KtPortal.Domain.Invoices.Rendering;
using KtPortal.Domain.Invoices.Statements;

namespace KtPortal.Domain.Invoices;

/// <summary>How an outbox row names the money document it carries (<see cref="OutboxMessage.Attachment"/>).</summary>
internal static class InvoiceAttachments
{
    /// <summary>The receipt of the invoice's <paramref name="ordinal"/>-th payment (by when it was recorded; its id is not known until saved).</summary>
    public static string Receipt(int ordinal) => $"receipt:{ordinal.ToString(CultureInfo.InvariantCulture)}";

    public static string CreditNote(int creditNoteId) => $"credit-note:{creditNoteId.ToString(CultureInfo.InvariantCulture)}";

    public static string Statement(int clientId, DateOnly from, DateOnly to) =>
        $"statement:{clientId.ToString(CultureInfo.InvariantCulture)}:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}";
}

/// <summary>
/// The PDFs money e-mails carry, rendered when the message is sent (the same drawing as the preview and download):
/// the invoice, a payment's receipt, a credit note, a statement.
/// </summary>
internal sealed class InvoicePdfAttachments(
    InvoiceQueries invoices, CreditNoteQueries creditNotes, StatementQueries statements, AgencyProfile agency, InvoiceRenderer renderer)
    : IOutboxAttachmentSource
{
    public async Task<IReadOnlyList<OutgoingAttachment>> AttachmentsForAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var parts = row.Attachment?.Split(':') ?? [];
        switch (parts)
        {
            case ["credit-note", var id]:
                var note = await creditNotes.GetAsync(Actor.System, Int(id), cancellationToken: cancellationToken)
                    ?? throw new EmailSendException($"Credit note {id} no longer exists; its PDF cannot be attached.", permanent: true);
                return [Pdf(note.FileName, renderer.RenderPdf(note))];
            case ["statement", var client, var from, var to]:
                var statement = await statements.GetAsync(Actor.System, Int(client), DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
                return [Pdf(StatementWording.FileName(statement), renderer.RenderPdf(statement, agency, await invoices.AgencyLogoAsync(cancellationToken)))];
        }

        if (row.InvoiceId is not { } invoiceId)
        {
            return [];
        }

        var document = await invoices.GetAsync(Actor.System, invoiceId, cancellationToken)
            ?? throw new EmailSendException($"Invoice {invoiceId} no longer exists; its PDF cannot be attached.", permanent: true);
        if (parts is ["receipt", var ordinal])
        {
            var payment = document.Payments.OrderBy(p => p.Id).ElementAtOrDefault(Int(ordinal) - 1)
                ?? throw new EmailSendException($"Payment {ordinal} of {document.DisplayNumber} no longer exists; its receipt cannot be attached.", permanent: true);
            return [Pdf($"receipt-{ReceiptWording.Number(document, payment)}.pdf", renderer.RenderReceiptPdf(document, payment))];
        }

        return [Pdf($"{document.Number ?? "invoice"}.pdf", renderer.RenderPdf(document))];
    }

    private static OutgoingAttachment Pdf(string name, byte[] content) => new(name, "application/pdf", content);

    private static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}

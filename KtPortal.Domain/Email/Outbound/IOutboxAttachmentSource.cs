namespace KtPortal.Domain.Email.Outbound;

/// <summary>
/// Files a queued message carries that are made only when it is sent (an invoice's PDF, drawn from the invoice as it
/// is then), supplied by the feature that owns them, so the outbox needs to know nothing about invoices.
/// </summary>
public interface IOutboxAttachmentSource
{
    /// <summary>The files for this row; none when the row is not this source's. Throw <see cref="EmailSendException"/>
    /// (permanent) when the file can never be made.</summary>
    Task<IReadOnlyList<OutgoingAttachment>> AttachmentsForAsync(OutboxMessage row, CancellationToken cancellationToken);
}

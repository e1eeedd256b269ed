namespace KtPortal.Domain.Email.Outbound;

public sealed record OutgoingAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>One message as a sender gets it: everything resolved, nothing left to look up.</summary>
public sealed record OutgoingEmail(
    string IdempotencyKey,
    string MessageId,
    string FromAddress,
    string FromName,
    string ToAddress,
    string? ReplyTo,
    string Subject,
    string Text,
    string Html,
    IReadOnlyList<OutgoingAttachment> Attachments);

/// <summary>Hands a message to a provider. Returns what the provider answered, for the outbox row.</summary>
public interface IEmailSender
{
    /// <summary>Throws <see cref="EmailSendException"/> when the provider refused or could not be reached.</summary>
    Task<string> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>A failed send. Permanent failures (the provider refused the message) are not retried.</summary>
public sealed class EmailSendException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

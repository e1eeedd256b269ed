using MimeKit;

namespace KtPortal.Domain.Email.Outbound;

/// <summary>The MIME form of a message: what the pickup folder writes and what any mail client opens.</summary>
public static class OutgoingMime
{
    public static MimeMessage Build(OutgoingEmail email, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = new MimeMessage
        {
            MessageId = email.MessageId,
            Date = date,
            Subject = email.Subject,
        };
        message.From.Add(new MailboxAddress(email.FromName, email.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.ToAddress));
        if (email.ReplyTo is not null)
        {
            message.ReplyTo.Add(MailboxAddress.Parse(email.ReplyTo));
        }

        // RFC 3834: automatic messages say so, so that well-behaved auto-responders never answer them.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-KtPortal-Key", email.IdempotencyKey);

        var body = new BodyBuilder { TextBody = email.Text };
        if (!string.IsNullOrEmpty(email.Html))
        {
            body.HtmlBody = email.Html;
        }

        foreach (var attachment in email.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}

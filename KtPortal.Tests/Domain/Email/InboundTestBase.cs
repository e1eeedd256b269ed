using KtPortal.Domain.Email.Inbound;
using KtPortal.Tests.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace KtPortal.Tests.Domain.Email;

/// <summary>The ticket test cast, plus a way to write real MIME messages and feed them to the inbound pipeline.</summary>
public abstract class InboundTestBase : TicketTestBase
{
    protected static byte[] Mime(
        string from, string subject, string body, Action<MimeMessage>? adjust = null, string? messageId = null, params (string Name, byte[] Content)[] files)
    {
        var message = new MimeMessage { Subject = subject, MessageId = messageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("client.test") };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("support@reply.ktportal.test"));
        var builder = new BodyBuilder { TextBody = body };
        foreach (var (name, content) in files)
        {
            builder.Attachments.Add(name, content);
        }

        message.Body = builder.ToMessageBody();
        adjust?.Invoke(message);
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    protected Task<InboundResult> ReceiveAsync(byte[] raw, InboundSource source = InboundSource.Webhook) =>
        Host.WithAsync<InboundMailService, InboundResult>(s => s.ReceiveAsync(raw, source));

    protected async Task<List<InboundEmail>> InboundAsync()
    {
        await using var db = await Host.OpenDbAsync();
        return await db.InboundEmails.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }
}

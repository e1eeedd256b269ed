using KtPortal.Domain.InboundMail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace KtPortal.Tests.TestSupport;

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

    protected Task<InboundResult> ReceiveAsync(byte[] raw, InboundSource source = InboundSource.Webhook, InboundEnvelope? envelope = null) =>
        Host.WithAsync<InboundMailService, InboundResult>(s => s.ReceiveAsync(raw, source, envelope));

    /// <summary>As SendGrid posts a message whose From domain passed DKIM (its <c>dkim</c> field).</summary>
    protected Task<InboundResult> ReceiveDkimVerifiedAsync(byte[] raw)
    {
        var domain = KtPortal.Domain.InboundMail.SenderAuthentication.DomainOf(MimeMessage.Load(new MemoryStream(raw)).From.Mailboxes.FirstOrDefault()?.Address);
        return ReceiveAsync(raw, envelope: domain is null ? null : new InboundEnvelope([], null, "none", $"{{@{domain} : pass}}"));
    }

    /// <summary>The header our own receiving server (trusted in domain tests) adds after checking DKIM.</summary>
    protected static Action<MimeMessage> DkimPassedAtOurServer(string domain) =>
        m => m.Headers.Add("Authentication-Results", $"{KtPortal.Tests.TestSupport.DomainTestHost.TrustedAuthServId}; dkim=pass header.d={domain} header.s=s1");

    /// <summary>The reply address the portal gives <paramref name="user"/> for a ticket (signed for them).</summary>
    protected string ReplyAddressFor(int number, KtPortal.Domain.Common.Actor user) =>
        Host.Services.GetRequiredService<KtPortal.Domain.Email.ReplyAddresses>().For(number, user.UserId)!;

    protected static Action<MimeMessage> SentTo(string address) =>
        m => { m.To.Clear(); m.To.Add(MailboxAddress.Parse(address)); };

    protected async Task<List<InboundEmail>> InboundAsync()
    {
        await using var db = await Host.OpenDbAsync();
        return await db.InboundEmails.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }
}

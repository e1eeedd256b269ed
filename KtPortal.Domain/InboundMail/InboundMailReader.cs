using System.Security.Cryptography;
using System.Text.RegularExpressions;
using KtPortal.Domain.Email;
using KtPortal.Domain.Tickets;
using MimeKit.Cryptography;
using MimeKit.Tnef;
using MimeKit;

namespace KtPortal.Domain.InboundMail;

public sealed record InboundAttachment(string FileName, byte[] Content);

/// <summary>An inbound message read into what the portal needs from it.</summary>
public sealed record ParsedInboundMail(
    string MessageKey,
    string FromAddress,
    string FromName,
    string Subject,
    string? AutomatedReason,
    string NewText,
    string FullText,
    IReadOnlyList<InboundAttachment> Attachments,
    int? TicketNumber,
    IReadOnlyList<ReplyAddress> ReplyAddresses,
    IReadOnlyList<AuthenticationResults> AuthenticationResults);

/// <summary>Not a message at all: nothing to read a sender, subject or body from.</summary>
public sealed class MalformedMailException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads raw MIME (SendGrid's raw mode, a dropped .eml, one message of an mbox) with MimeKit.</summary>
public static partial class InboundMailReader
{
    /// <summary>With the hash (71 characters) and a space the key stays within its 300-character column.</summary>
    private const int MessageIdMaxLength = 228;

    static InboundMailReader() => RegisterEncodings();

    /// <summary>
    /// .NET ships only the Unicode encodings by default; real mail also comes in ISO-2022-JP, windows-1252 (inside
    /// Outlook's winmail.dat), ISO-8859-2 and friends. MimeKit looks them up once, when it is first used, so this
    /// runs at start-up (<c>AddKtPortalDomain</c>), before anything touches MimeKit.
    /// </summary>
    public static void RegisterEncodings() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static ParsedInboundMail Read(byte[] raw, IEnumerable<string>? envelopeRecipients = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Length == 0)
        {
            throw new MalformedMailException("The message is empty.");
        }

        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = MimeMessage.Load(stream);
        }
        catch (FormatException ex)
        {
            throw new MalformedMailException($"Not a MIME message: {ex.Message}", ex);
        }

        if (message.Headers.Count == 0 || (message.From.Count == 0 && message.Subject is null && message.MessageId is null && message.Body is null))
        {
            throw new MalformedMailException("The message has no headers.");
        }

        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var fullText = message.TextBody ?? HtmlText.ToPlainText(message.HtmlBody) ?? string.Empty;
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address)
            .Concat(message.Headers.Where(h => h.Field.Equals("Delivered-To", StringComparison.OrdinalIgnoreCase) || h.Field.Equals("X-Original-To", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Trim()))
            .Concat(envelopeRecipients ?? [])
            .ToList();
        var replyAddresses = recipients.Select(Email.ReplyAddresses.Parse).OfType<ReplyAddress>().Distinct().ToList();
        return new ParsedInboundMail(
            MessageKey(message.MessageId, raw),
            from?.Address?.Trim() ?? string.Empty,
            from?.Name?.Trim() ?? string.Empty,
            message.Subject?.Trim() ?? string.Empty,
            AutomatedMail.Reason(message),
            ReplyTrimmer.Trim(fullText),
            fullText.Trim(),
            Attachments(message),
            TicketToken(message.Subject, recipients),
            replyAddresses,
            AuthenticationHeaders(message));
    }

    /// <summary>Every Authentication-Results header that parses; which of them to believe is the caller's decision.</summary>
    private static List<AuthenticationResults> AuthenticationHeaders(MimeMessage message)
    {
        var parsed = new List<AuthenticationResults>();
        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults))
        {
            if (AuthenticationResults.TryParse(header.RawValue, out var results))
            {
                parsed.Add(results);
            }
        }

        return parsed;
    }

    /// <summary>
    /// The ticket a message is about: the ticket's reply address among the recipients ("support+kt-1042.…@…", the
    /// address the portal chose), else "[KT-1042]" in the subject (which anyone can type).
    /// </summary>
    public static int? TicketToken(string? subject, IEnumerable<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        foreach (var address in recipients)
        {
            if (Email.ReplyAddresses.Parse(address) is { } reply)
            {
                return reply.TicketNumber;
            }
        }

        var match = SubjectToken().Match(subject ?? string.Empty);
        return match.Success && int.TryParse(match.Groups[1].Value, out var fromSubject) ? fromSubject : null;
    }

    /// <summary>
    /// The Message-ID <b>and</b> a hash of the bytes: a second delivery of the same message (a webhook retry, the same
    /// file dropped twice) is recognised, but a stranger who reuses a real message's Message-ID (it is in every reply's
    /// References) cannot make the portal drop the real one as "already seen". Just the hash when there is no usable id.
    /// </summary>
    public static string MessageKey(string? messageId, byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var hash = "sha256:" + Convert.ToHexString(SHA256.HashData(raw)).ToLowerInvariant();
        var id = messageId?.Trim();
        return string.IsNullOrEmpty(id) || id.Length > MessageIdMaxLength ? hash : $"{id} {hash}";
    }

    /// <summary>
    /// Files the sender attached: attachment parts, files with a name that are not inline images, the files inside an
    /// Outlook winmail.dat (TNEF), and attached messages as .eml. Text bodies and inline images are not attachments.
    /// </summary>
    private static List<InboundAttachment> Attachments(MimeMessage message)
    {
        var files = new List<InboundAttachment>();
        foreach (var entity in message.BodyParts)
        {
            switch (entity)
            {
                case TnefPart tnef:
                    foreach (var extracted in tnef.ExtractAttachments().OfType<MimePart>())
                    {
                        AddPart(files, extracted);
                    }

                    break;
                case MessagePart attachedMessage when attachedMessage.Message is not null:
                    using (var stream = new MemoryStream())
                    {
                        attachedMessage.Message.WriteTo(stream);
                        var name = string.IsNullOrWhiteSpace(attachedMessage.Message.Subject) ? "message" : attachedMessage.Message.Subject;
                        files.Add(new InboundAttachment(AttachmentRules.CleanFileName(name.Replace('/', '-')) + ".eml", stream.ToArray()));
                    }

                    break;
                case MimePart part when IsFile(part):
                    AddPart(files, part);
                    break;
            }
        }

        return files;
    }

    private static bool IsFile(MimePart part)
    {
        if (part.IsAttachment)
        {
            return true;
        }

        var inline = part.ContentDisposition?.Disposition == ContentDisposition.Inline || part.ContentId is not null;
        return !inline && !string.IsNullOrWhiteSpace(part.FileName);
    }

    private static void AddPart(List<InboundAttachment> files, MimePart part)
    {
        if (part.Content is null)
        {
            return;
        }

        using var stream = new MemoryStream();
        part.Content.DecodeTo(stream);
        var name = string.IsNullOrWhiteSpace(part.FileName) ? $"attachment-{files.Count + 1}" : part.FileName;
        files.Add(new InboundAttachment(name, stream.ToArray()));
    }

    [GeneratedRegex(@"\[KT-(\d{1,9})\]", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex SubjectToken();
}

using MimeKit;

namespace KtPortal.Domain.InboundMail;

/// <summary>
/// Recognises mail that no person wrote: bounces, delivery reports, read receipts, feedback reports, out-of-office and
/// other auto-replies. Such mail never becomes a ticket or a reply and never gets an answer, so two robots can never
/// keep each other busy (RFC 3834, RFC 3464, RFC 8098).
/// </summary>
public static class AutomatedMail
{
    private static readonly string[] RobotMailboxes = ["mailer-daemon", "postmaster", "mail-daemon", "bounce", "bounces"];
    private static readonly string[] BulkPrecedence = ["bulk", "junk", "list", "auto_reply", "auto-reply"];
    private static readonly string[] AutoReplySubjects = ["Automatic reply:", "Auto-Reply:", "Autoreply:", "Out of Office", "Abwesenheitsnotiz", "Réponse automatique"];

    /// <summary>Why the message is automated, or null when a person wrote it.</summary>
    public static string? Reason(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Headers;
        var autoSubmitted = headers[HeaderId.AutoSubmitted];
        if (!string.IsNullOrWhiteSpace(autoSubmitted) && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return $"Auto-Submitted: {autoSubmitted.Trim()}";
        }

        foreach (var name in new[] { "X-Autoreply", "X-Autorespond", "X-AutoReply-From", "X-Mail-Autoreply" })
        {
            if (headers.Contains(name))
            {
                return $"{name} header";
            }
        }

        var precedence = headers[HeaderId.Precedence]?.Trim();
        if (precedence is not null && BulkPrecedence.Any(p => precedence.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            return $"Precedence: {precedence}";
        }

        if (message.Body is MultipartReport report)
        {
            return $"a {report.ReportType ?? "delivery"} report";
        }

        if (message.Body?.ContentType.MediaType.Equals("message", StringComparison.OrdinalIgnoreCase) == true
            && message.Body.ContentType.MediaSubtype is "delivery-status" or "disposition-notification")
        {
            return $"a {message.Body.ContentType.MediaSubtype} message";
        }

        var returnPath = headers[HeaderId.ReturnPath]?.Trim();
        if (returnPath == "<>")
        {
            return "an empty Return-Path (a bounce)";
        }

        var from = message.From.Mailboxes.FirstOrDefault()?.LocalPart;
        if (from is not null && RobotMailboxes.Any(r => from.Equals(r, StringComparison.OrdinalIgnoreCase)))
        {
            return $"sent by {from}";
        }

        var subject = message.Subject?.Trim() ?? string.Empty;
        var autoSubject = AutoReplySubjects.FirstOrDefault(s => subject.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        return autoSubject is null ? null : $"an auto-reply subject (\"{autoSubject}\")";
    }
}

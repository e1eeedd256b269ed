namespace KtPortal.Domain.Email;

/// <summary>E-mail in and out (configuration <c>KtPortal:Email</c>).</summary>
public sealed class EmailOptions
{
    /// <summary>The sender of every message.</summary>
    public string FromAddress { get; set; } = "support@ktportal.test";

    /// <summary>The sender's display name; the agency's name when empty.</summary>
    public string FromName { get; set; } = string.Empty;

    /// <summary>
    /// The domain SendGrid Inbound Parse receives for. Ticket messages reply to
    /// <c>{ReplyLocalPart}+KT-1042@{InboundDomain}</c>; empty means no Reply-To (replies go to <see cref="FromAddress"/>).
    /// </summary>
    public string InboundDomain { get; set; } = "reply.ktportal.test";

    public string ReplyLocalPart { get; set; } = "support";

    /// <summary>When set, mail goes through SendGrid; otherwise into <see cref="PickupDirectory"/>.</summary>
    public string SendGridApiKey { get; set; } = string.Empty;

    /// <summary>The SendGrid API's address; tests point it at a local stand-in.</summary>
    public string SendGridHost { get; set; } = "https://api.sendgrid.com";

    /// <summary>Where the pickup sender writes one <c>.eml</c> per message. Relative paths are under the content root.</summary>
    public string PickupDirectory { get; set; } = Path.Combine("App_Data", "mail", "outbox");

    /// <summary>An <c>.eml</c> dropped here is processed like a SendGrid post; empty turns the folder off.</summary>
    public string InboundDirectory { get; set; } = string.Empty;

    /// <summary>The shared secret for <c>/webhooks/sendgrid/inbound</c>; empty refuses every post.</summary>
    public string InboundSecret { get; set; } = string.Empty;

    /// <summary>Tries before a message is given up and shown to admins as failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>How often the outbox job sends what is due (a status mail held for an undo waits at least this long more).</summary>
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after the first failure; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A message claimed for sending longer ago than this was interrupted (the sender crashed).</summary>
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Messages sent per run of the job.</summary>
    public int BatchSize { get; set; } = 25;

    /// <summary>The largest inbound message accepted (SendGrid's own limit is 30 MB).</summary>
    public long MaxInboundBytes { get; set; } = 30L * 1024 * 1024;

    /// <summary>The support type of tickets raised by e-mail, by name; the first active one when missing.</summary>
    public string DefaultSupportType { get; set; } = string.Empty;

    /// <summary>
    /// The secret that signs ticket reply addresses (<see cref="ReplyAddresses"/>): a long random string, the same on
    /// every instance, kept out of source control. Changing it invalidates the reply addresses already sent (replies to
    /// them wait in triage). Empty: addresses are unsigned and only SPF/DKIM can verify a sender.
    /// </summary>
    public string ReplyAddressKey { get; set; } = string.Empty;

    /// <summary>
    /// The authserv-ids (RFC 8601) of the receiving mail servers whose <c>Authentication-Results</c> headers are trusted
    /// for mail dropped into <see cref="InboundDirectory"/>. Anyone can write such a header into a message; only those
    /// added by our own server, which removes forged copies naming it, say anything. Empty: none are trusted.
    /// </summary>
    public IList<string> TrustedAuthServIds { get; } = [];
}

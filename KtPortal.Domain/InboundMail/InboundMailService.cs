using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.InboundMail;

/// <summary>What became of one inbound message.</summary>
public sealed record InboundResult(long Id, InboundOutcome Outcome, bool Duplicate, string Reason, string? TicketNumber = null);

/// <summary>
/// The inbound pipeline, the same for SendGrid posts and dropped .eml files: a reply on a ticket when the message
/// names one its sender may see, a new ticket when a client user writes without one, staff triage otherwise; robots
/// are recorded and ignored. The record of the message commits in the same transaction as the reply or ticket, and
/// its Message-ID is unique, so a message delivered twice is stored and acted on once. Database failures propagate,
/// so the caller can answer 5xx and the sender retries.
/// </summary>
public sealed class InboundMailService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    TicketService tickets,
    TicketConversationService conversation,
    ReplyAddresses replyAddresses,
    IOptions<AttachmentOptions> attachmentOptions,
    IOptions<EmailOptions> emailOptions,
    IChangeNotifier notifier,
    TimeProvider clock,
    ILogger<InboundMailService> logger)
{
    /// <summary>
    /// Takes one message. <paramref name="envelope"/> is what the receiving server reported (SendGrid's envelope and
    /// its SPF and DKIM results); for dropped files it is absent and the trusted Authentication-Results headers speak.
    /// </summary>
    public async Task<InboundResult> ReceiveAsync(
        byte[] raw, InboundSource source, InboundEnvelope? envelope = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ParsedInboundMail mail;
        try
        {
            mail = InboundMailReader.Read(raw, envelope?.Recipients);
        }
        catch (MalformedMailException ex)
        {
            return await KeepMalformedAsync(raw, source, ex.Message, cancellationToken);
        }

        if (await FindAsync(mail.MessageKey, cancellationToken) is { } seen)
        {
            return seen with { Duplicate = true };
        }

        var row = NewRow(mail, raw, source);
        if (mail.AutomatedReason is { } why)
        {
            return await SaveAsync(row, InboundOutcome.Ignored, $"Automated mail ({why}): nothing created, nothing sent.", cancellationToken);
        }

        // A reply address signed for someone names that person, whoever the From header claims to be; without one the
        // From address names the sender, and only the receiving server's SPF/DKIM result can confirm it.
        var (sender, verification) = await IdentifySenderAsync(mail, envelope, cancellationToken);
        row.FromUserId = sender?.UserId;
        row.SenderVerification = verification;
        var verified = verification != SenderVerification.NotVerified;
        if (mail.TicketNumber is { } number)
        {
            if (sender is null)
            {
                return await SaveAsync(row, InboundOutcome.Triage, $"Names {TicketNumber.Format(number)}, but {Describe(mail)} is not a portal user.", cancellationToken);
            }

            return verified
                ? await ReplyAsync(row, mail, sender, number, cancellationToken)
                : await SaveAsync(row, InboundOutcome.Triage, NotVerifiedReason(mail, sender, number), cancellationToken);
        }

        if (sender is { IsClientUser: true })
        {
            return verified
                ? await NewTicketAsync(row, mail, sender, cancellationToken)
                : await SaveAsync(row, InboundOutcome.Triage, $"{SenderNotVerified}: {Describe(mail)} did not pass SPF or DKIM for its domain; check it came from them, then create the ticket.", cancellationToken);
        }

        var reason = sender is null
            ? $"{Describe(mail)} is not a portal user."
            : "A staff member wrote without a ticket number; choose the client.";
        return await SaveAsync(row, InboundOutcome.Triage, reason, cancellationToken);
    }

    /// <summary>The words staff see on every message whose From header the portal could not confirm.</summary>
    public const string SenderNotVerified = "Sender not verified";

    private async Task<(Sender? Sender, SenderVerification Verification)> IdentifySenderAsync(
        ParsedInboundMail mail, InboundEnvelope? envelope, CancellationToken cancellationToken)
    {
        foreach (var address in mail.ReplyAddresses.Where(a => a.Signature is not null && a.TicketNumber == mail.TicketNumber))
        {
            if (await FindSignerAsync(address, cancellationToken) is { } signer)
            {
                return (signer, SenderVerification.ReplyAddress);
            }
        }

        // Checked for strangers too: staff triaging a message from an unknown address still learn whether its domain
        // vouched for it. Only a portal user's verified message ever acts on anything.
        var sender = await FindSenderAsync(mail.FromAddress, cancellationToken);
        return (sender, SenderAuthentication.Evaluate(mail.FromAddress, envelope, mail.AuthenticationResults, emailOptions.Value.TrustedAuthServIds));
    }

    /// <summary>
    /// The active user a signed reply address was made for: its signature is checked (in constant time) against each
    /// person who could have received mail about the ticket, the ticket's client's users and the staff.
    /// </summary>
    private async Task<Sender?> FindSignerAsync(ReplyAddress address, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var clientId = await db.Tickets.Where(t => t.Number == address.TicketNumber).Select(t => (int?)t.ClientId).SingleOrDefaultAsync(cancellationToken);
        if (clientId is null)
        {
            return null;
        }

        var candidates = await (
            from u in db.Users
            where u.IsActive && (u.ClientId == clientId || u.ClientId == null)
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            select new { u.Id, Role = r.Name, u.ClientId }).ToListAsync(cancellationToken);
        var signer = candidates.FirstOrDefault(c => c.Role is not null && replyAddresses.Verify(address.TicketNumber, address.Signature!, c.Id));
        return signer is null ? null : new Sender(signer.Id, new Actor(signer.Id, signer.Role!, PortalRoles.IsClientRole(signer.Role!) ? signer.ClientId : null));
    }

    private static string NotVerifiedReason(ParsedInboundMail mail, Sender sender, int number)
    {
        var token = TicketNumber.Format(number);
        var address = mail.ReplyAddresses.FirstOrDefault(a => a.TicketNumber == number);
        var why = address switch
        {
            { Signature: not null } => $"it was sent to a reply address of {token} whose signature is not valid (altered, or made with an older key)",
            not null => $"it was sent to {token}'s old unsigned reply address and did not pass SPF or DKIM for {SenderAuthentication.DomainOf(mail.FromAddress) ?? "its domain"}",
            null => $"it names {token} in the subject only and did not pass SPF or DKIM for {SenderAuthentication.DomainOf(mail.FromAddress) ?? "its domain"}",
        };
        return $"{SenderNotVerified}: {why}. Nothing was posted{(sender.IsClientUser ? "" : " as staff")} and nobody was e-mailed.";
    }

    /// <summary>Staff turn a triaged message into a ticket for the client they choose, optionally as one of its users.</summary>
    public async Task<int> CreateTicketAsync(Actor actor, long id, int clientId, string? requesterId, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "triage e-mail");
        var stored = await LoadTriageAsync(id, cancellationToken);
        var mail = InboundMailReader.Read(stored.RawMime);
        var (uploads, rejected) = Uploads(mail);
        var now = Now;
        var number = await tickets.CreateAsync(actor,
            NewTicket(mail, rejected, clientId, requesterId, await DefaultSupportTypeAsync(cancellationToken)),
            uploads,
            (db, ticket) =>
            {
                // Claimed inside the ticket's transaction: two staff converting the same message make one ticket.
                var claimed = db.InboundEmails.Where(e => e.Id == id && e.Outcome == InboundOutcome.Triage)
                    .ExecuteUpdate(s => s
                        .SetProperty(e => e.Outcome, InboundOutcome.NewTicket)
                        .SetProperty(e => e.TicketId, ticket.Id)
                        .SetProperty(e => e.HandledById, actor.UserId)
                        .SetProperty(e => e.HandledAtUtc, now));
                if (claimed == 0)
                {
                    throw new ValidationFailedException("Status", "Someone has already handled this message.");
                }
            },
            cancellationToken);
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.InboundEmail, id.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        return number;
    }

    /// <summary>Staff discard a triaged message; it stays in the log as discarded.</summary>
    public async Task DiscardAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "triage e-mail");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var changed = await db.InboundEmails.Where(e => e.Id == id && e.Outcome == InboundOutcome.Triage)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Outcome, InboundOutcome.Discarded)
                .SetProperty(e => e.HandledById, actor.UserId)
                .SetProperty(e => e.HandledAtUtc, now), cancellationToken);
        if (changed == 0)
        {
            _ = await LoadTriageAsync(id, cancellationToken);
        }

        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.InboundEmail, id.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
    }

    private async Task<InboundResult> ReplyAsync(InboundEmail row, ParsedInboundMail mail, Sender sender, int number, CancellationToken cancellationToken)
    {
        var token = TicketNumber.Format(number);
        var (uploads, rejected) = Uploads(mail);
        var body = WithRejected(mail.NewText, rejected, uploads.Count);
        if (body.Length == 0)
        {
            return await SaveAsync(row, InboundOutcome.Triage, $"A reply to {token} with no new text.", cancellationToken);
        }

        try
        {
            await conversation.AddCommentAsync(sender.Actor, number, body, isInternal: false, uploads,
                (db, ticket, comment) => Record(db, row, InboundOutcome.Reply, $"Added as a reply on {token}.", ticket.Id, comment.Id),
                cancellationToken);
            return Result(row, token);
        }
        catch (NotFoundException)
        {
            return await SaveAsync(row, InboundOutcome.Triage, $"Names {token}, which does not exist or which {Describe(mail)} may not see.", cancellationToken);
        }
        catch (ValidationFailedException ex)
        {
            return await SaveAsync(row, InboundOutcome.Triage, $"Could not be added to {token}: {ex.Message}", cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            return await DuplicateOrThrowAsync(row.MessageKey, ex, cancellationToken);
        }
    }

    private async Task<InboundResult> NewTicketAsync(InboundEmail row, ParsedInboundMail mail, Sender sender, CancellationToken cancellationToken)
    {
        var (uploads, rejected) = Uploads(mail);
        try
        {
            var input = NewTicket(mail, rejected, clientId: null, requesterId: null, await DefaultSupportTypeAsync(cancellationToken));
            var number = await tickets.CreateAsync(sender.Actor, input, uploads,
                (db, ticket) => Record(db, row, InboundOutcome.NewTicket, $"Raised {TicketNumber.Format(ticket.Number)}.", ticket.Id, null),
                cancellationToken);
            return Result(row, TicketNumber.Format(number));
        }
        catch (ValidationFailedException ex)
        {
            return await SaveAsync(row, InboundOutcome.Triage, $"Could not become a ticket: {ex.Message}", cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            return await DuplicateOrThrowAsync(row.MessageKey, ex, cancellationToken);
        }
    }

    /// <summary>The ticket a message becomes. A forward keeps its whole text: the forwarded part is the point.</summary>
    private static NewTicketInput NewTicket(ParsedInboundMail mail, IReadOnlyList<string> rejected, int? clientId, string? requesterId, int supportTypeId)
    {
        var isForward = ForwardPrefixes.Any(p => mail.Subject.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        var text = isForward || mail.NewText.Length == 0 ? mail.FullText : mail.NewText;
        var description = WithRejected(text, rejected, 1);
        var title = mail.Subject.Length == 0 ? $"E-mail from {mail.FromAddress}" : mail.Subject;
        return new NewTicketInput(
            TicketType.Troubleshooting,
            supportTypeId,
            TextLimits.Shorten(title, TicketRules.TitleMaxLength),
            TextLimits.Shorten(description.Length == 0 ? "(The e-mail had no text.)" : description, TicketRules.TextMaxLength),
            ClientId: clientId,
            RequesterId: requesterId,
            Source: TicketSource.Email);
    }

    private static readonly string[] ForwardPrefixes = ["Fwd:", "Fw:", "WG:", "TR:", "RV:", "Doorst:", "VS:"];

    /// <summary>The files that pass the ticket attachment rules, and a line for each that does not.</summary>
    private (IReadOnlyList<AttachmentUpload> Accepted, IReadOnlyList<string> Rejected) Uploads(ParsedInboundMail mail)
    {
        var options = attachmentOptions.Value;
        var accepted = new List<AttachmentUpload>();
        var rejected = new List<string>();
        foreach (var file in mail.Attachments)
        {
            var upload = new AttachmentUpload(file.FileName, file.Content.Length, _ => new MemoryStream(file.Content, writable: false));
            var validation = new Validation();
            AttachmentRules.Validate(validation, [upload], options);
            if (!validation.IsValid)
            {
                rejected.Add(string.Join(" ", validation.Messages));
            }
            else if (accepted.Count >= options.MaxFilesPerUpload)
            {
                rejected.Add($"\"{AttachmentRules.CleanFileName(file.FileName)}\" was not attached: at most {options.MaxFilesPerUpload} files per message.");
            }
            else
            {
                accepted.Add(upload);
            }
        }

        return (accepted, rejected);
    }

    private static string WithRejected(string text, IReadOnlyList<string> rejected, int acceptedCount)
    {
        if (text.Length == 0 && rejected.Count == 0)
        {
            return acceptedCount > 0 ? "(Sent files by e-mail.)" : string.Empty;
        }

        return rejected.Count == 0 ? text : $"{text}\n\nNot attached from the e-mail:\n" + string.Join("\n", rejected.Select(r => "- " + r));
    }

    private static void Record(KtPortalDbContext db, InboundEmail row, InboundOutcome outcome, string reason, int? ticketId, int? commentId)
    {
        row.Outcome = outcome;
        row.Reason = TextLimits.Shorten(reason, InboundEmail.ReasonMaxLength);
        row.TicketId = ticketId;
        row.CommentId = commentId;
        db.InboundEmails.Add(row);
    }

    private async Task<InboundResult> SaveAsync(InboundEmail row, InboundOutcome outcome, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        Record(db, row, outcome, reason, null, null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            return await DuplicateOrThrowAsync(row.MessageKey, ex, cancellationToken);
        }

        if (outcome == InboundOutcome.Triage)
        {
            logger.LogInformation("Inbound mail {Id} from {From} waits in triage: {Reason}", row.Id, row.FromAddress, reason);
        }

        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.InboundEmail, row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        return Result(row, null);
    }

    /// <summary>Kept byte for byte (up to the size limit) so that someone can see what arrived; keyed by its hash, so kept once.</summary>
    public async Task<InboundResult> KeepMalformedAsync(byte[] raw, InboundSource source, string reason, CancellationToken cancellationToken)
    {
        var key = InboundMailReader.MessageKey(null, raw);
        if (await FindAsync(key, cancellationToken) is { } seen)
        {
            return seen with { Duplicate = true };
        }

        var row = new InboundEmail
        {
            MessageKey = key,
            Source = source,
            ReceivedAtUtc = Now,
            SizeBytes = raw.Length,
            RawMime = raw,
        };
        return await SaveAsync(row, InboundOutcome.Malformed, reason, cancellationToken);
    }

    private InboundEmail NewRow(ParsedInboundMail mail, byte[] raw, InboundSource source) => new()
    {
        MessageKey = mail.MessageKey,
        Source = source,
        FromAddress = TextLimits.Shorten(mail.FromAddress, 320),
        FromName = TextLimits.Shorten(mail.FromName, 200),
        Subject = TextLimits.Shorten(mail.Subject, InboundEmail.SubjectMaxLength),
        Body = TextLimits.Shorten(mail.NewText.Length > 0 ? mail.NewText : mail.FullText, TicketRules.TextMaxLength),
        ReceivedAtUtc = Now,
        SizeBytes = raw.Length,
        RawMime = raw,
    };

    /// <summary>After a failed save: another delivery of the same message won the race (a duplicate), or the database failed.</summary>
    private async Task<InboundResult> DuplicateOrThrowAsync(string key, DbUpdateException failure, CancellationToken cancellationToken)
    {
        var seen = await FindAsync(key, cancellationToken);
        if (seen is null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return seen with { Duplicate = true };
    }

    private async Task<InboundResult?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.InboundEmails.AsNoTracking().Where(e => e.MessageKey == key)
            .Select(e => new { e.Id, e.Outcome, e.Reason, e.TicketId }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var number = found.TicketId is { } ticketId
            ? await db.Tickets.Where(t => t.Id == ticketId).Select(t => (int?)t.Number).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new InboundResult(found.Id, found.Outcome, false, found.Reason, number is { } n ? TicketNumber.Format(n) : null);
    }

    private async Task<InboundEmail> LoadTriageAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.InboundEmails.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException("The message");
        return row.Outcome == InboundOutcome.Triage
            ? row
            : throw new ValidationFailedException("Status", "Someone has already handled this message.");
    }

    private sealed record Sender(string UserId, Actor Actor)
    {
        public bool IsClientUser => Actor.IsClientUser;
    }

    /// <summary>The active portal user with this address, with the role they act in.</summary>
    private async Task<Sender?> FindSenderAsync(string address, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var normalized = address.Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await (
            from u in db.Users
            where u.NormalizedEmail == normalized && u.IsActive
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            select new { u.Id, Role = r.Name, u.ClientId }).FirstOrDefaultAsync(cancellationToken);
        return user?.Role is null ? null : new Sender(user.Id, new Actor(user.Id, user.Role, PortalRoles.IsClientRole(user.Role) ? user.ClientId : null));
    }

    private async Task<int> DefaultSupportTypeAsync(CancellationToken cancellationToken)
    {
        var wanted = emailOptions.Value.DefaultSupportType;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var active = db.SupportTypes.Where(s => s.IsActive);
        return await active.Where(s => s.Name == wanted).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await active.OrderBy(s => s.SortOrder).Select(s => s.Id).FirstAsync(cancellationToken);
    }

    private static InboundResult Result(InboundEmail row, string? ticket) => new(row.Id, row.Outcome, false, row.Reason, ticket);

    private static string Describe(ParsedInboundMail mail) => mail.FromAddress.Length == 0 ? "the sender (no From address)" : mail.FromAddress;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

using KtPortal.Domain.Common;
using KtPortal.Domain.InboundMail;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace KtPortal.Tests.Domain.InboundMail;

/// <summary>
/// Every real message in ../shared/fixtures/email (mime/ and the 29-message mbox) through the inbound pipeline. Each
/// sender is made a user of a client first and each message arrives as SendGrid posts one that passed DKIM, so that
/// anything a person wrote becomes a ticket: robots must still create nothing, and nothing may crash the pipeline.
/// </summary>
public sealed class InboundFixtureTests : InboundTestBase
{
    private static readonly string[] Robots =
    [
        "abuse-feedback-report.eml",
        "bounce-postfix-auto-submitted.eml",
        "delivery-status.eml",
        "delivery-status-2.eml",
        "read-receipt-disposition-notification.eml",
    ];

    [EmailFixtureFact]
    public async Task ShouldPassEveryFixtureMessageThroughThePipeline_AndLetRobotsCreateNothing()
    {
        var messages = SharedFixtures.EmailFiles("mime").Select(f => (Name: Path.GetFileName(f), Raw: System.IO.File.ReadAllBytes(f)))
            .Concat(MboxMessages().Select((raw, i) => (Name: $"mbox #{i + 1}", Raw: raw)))
            .ToList();
        messages.Count(m => m.Name.StartsWith("mbox", StringComparison.Ordinal)).Should().Be(29);
        await MakeEverySenderAClientUserAsync(messages.Select(m => m.Raw));

        var results = new Dictionary<string, InboundResult>();
        foreach (var (name, raw) in messages)
        {
            results[name] = await ReceiveDkimVerifiedAsync(raw);
        }

        foreach (var robot in Robots)
        {
            results[robot].Outcome.Should().Be(InboundOutcome.Ignored, robot);
            results[robot].TicketNumber.Should().BeNull(robot);
        }

        var rows = await InboundAsync();
        rows.Select(r => r.MessageKey).Should().OnlyHaveUniqueItems();
        rows.Should().NotContain(r => r.Outcome == InboundOutcome.Malformed, "every fixture is a real message");
        results.Values.Where(r => !r.Duplicate).Should().HaveCount(rows.Count, "each message is stored once");

        // Some fixtures share a Message-ID (MimeKit's test data reuses one) but not their bytes: they are different
        // messages, and each is kept. Only the same bytes again would be a duplicate.
        var sharedIds = messages
            .Select(m => (m.Name, Id: MimeMessage.Load(new MemoryStream(m.Raw)).MessageId))
            .Where(m => m.Id is not null)
            .GroupBy(m => m.Id)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Select(m => m.Name))
            .ToList();
        sharedIds.Should().Contain("multipart-with-attachment.eml");
        var sameBytes = messages.GroupBy(m => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(m.Raw)))
            .SelectMany(g => g.Skip(1).Select(m => m.Name)).ToList();
        results.Where(r => r.Value.Duplicate).Select(r => r.Key).Should().BeEquivalentTo(sameBytes);

        // Robots told nobody anything; people's messages became tickets that staff hear about.
        await using var db = await Host.OpenDbAsync();
        var robotIds = Robots.Select(r => results[r].Id).ToList();
        (await db.InboundEmails.Where(e => robotIds.Contains(e.Id)).AllAsync(e => e.TicketId == null)).Should().BeTrue();
        var tickets = rows.Count(r => r.Outcome == InboundOutcome.NewTicket);
        tickets.Should().BeGreaterThan(20);
        (await db.Tickets.CountAsync()).Should().Be(tickets);
        (await db.OutboxMessages.CountAsync(m => m.Kind != "ticket-created")).Should().Be(0, "no message is ever sent back to a sender");
    }

    [EmailFixtureFact]
    public async Task ShouldDecodeSubjectAndBody_WhenMailIsIso2022Jp()
    {
        var raw = System.IO.File.ReadAllBytes(Path.Combine(SharedFixtures.EmailDirectory!, "mime", "iso-2022-jp-subject-and-body.eml"));
        await MakeEverySenderAClientUserAsync([raw]);
        var result = await ReceiveDkimVerifiedAsync(raw);

        TicketNumber.TryParse(result.TicketNumber, out var number).Should().BeTrue();
        var ticket = (await GetAsync(Staff, number))!;
        var expected = MimeMessage.Load(new MemoryStream(raw));
        ticket.Title.Should().Be(expected.Subject!.Trim()).And.MatchRegex(@"\p{IsCJKUnifiedIdeographs}|\p{IsKatakana}|\p{IsHiragana}");
        ticket.Description.Should().NotContain("$B", "no raw ISO-2022-JP escapes");
    }

    [EmailFixtureFact]
    public async Task ShouldUnpackWinmailDat_AndKeepAnAttachedMessageAsEml()
    {
        var mime = Path.Combine(SharedFixtures.EmailDirectory!, "mime");
        var outlook = System.IO.File.ReadAllBytes(Path.Combine(mime, "outlook-rich-text-winmail-dat.eml"));
        var forwarded = System.IO.File.ReadAllBytes(Path.Combine(mime, "forwarded-message-attached.eml"));

        var parsed = InboundMailReader.Read(outlook);
        parsed.Attachments.Should().NotContain(a => a.FileName.Equals("winmail.dat", StringComparison.OrdinalIgnoreCase), "the TNEF container is opened");
        InboundMailReader.Read(forwarded).Attachments.Should().ContainSingle().Which.FileName.Should().EndWith(".eml");

        await MakeEverySenderAClientUserAsync([outlook, forwarded]);
        var result = await ReceiveDkimVerifiedAsync(forwarded);
        TicketNumber.TryParse(result.TicketNumber, out var number).Should().BeTrue();
        (await ConversationAsync(Staff, number))!.TicketAttachments.Should().ContainSingle(a => a.FileName.EndsWith(".eml"));
        (await ReceiveDkimVerifiedAsync(outlook)).Outcome.Should().Be(InboundOutcome.NewTicket);
    }

    private static IEnumerable<byte[]> MboxMessages()
    {
        var mbox = SharedFixtures.EmailFiles("mbox").Single();
        using var stream = System.IO.File.OpenRead(mbox);
        var parser = new MimeParser(stream, MimeFormat.Mbox);
        var messages = new List<byte[]>();
        while (!parser.IsEndOfStream)
        {
            var message = parser.ParseMessage();
            using var buffer = new MemoryStream();
            message.WriteTo(buffer);
            messages.Add(buffer.ToArray());
        }

        return messages;
    }

    /// <summary>Each distinct From address becomes an Acme user, except robots' and ones that are already users.</summary>
    private async Task MakeEverySenderAClientUserAsync(IEnumerable<byte[]> messages)
    {
        var addresses = messages
            .Select(raw => MimeMessage.Load(new MemoryStream(raw)).From.Mailboxes.FirstOrDefault()?.Address)
            .Where(a => !string.IsNullOrWhiteSpace(a) && Validation.IsEmail(a!))
            .Select(a => a!.Trim())
            .DistinctBy(a => a.ToUpperInvariant());
        await using var db = await Host.OpenDbAsync();
        foreach (var address in addresses)
        {
            var normalized = address.ToUpperInvariant();
            if (!await db.Users.AnyAsync(u => u.NormalizedEmail == normalized))
            {
                await Host.CreateUserAsync(address, PortalRoles.ClientUser, AcmeId);
            }
        }

    }
}

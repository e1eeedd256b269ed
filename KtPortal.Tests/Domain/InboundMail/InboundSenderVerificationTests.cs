using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Email;
using KtPortal.Domain.InboundMail;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace KtPortal.Tests.Domain.InboundMail;

/// <summary>
/// The From header is a claim, not a proof. A message is taken as a person's only when it went to a reply address
/// signed for that person, or when the receiving server's SPF or DKIM check passed for the From domain; anything
/// else waits in triage as "sender not verified", posts nothing, changes no status and mails nobody.
/// </summary>
public sealed class InboundSenderVerificationTests : InboundTestBase
{
    [Fact]
    public async Task ShouldOnlyTriage_WhenAForgedStaffAddressRepliesWithTheTicketNumber()
    {
        var number = await RaiseAsync(Carol);
        var outboxBefore = await CountAsync<OutboxMessage>();

        var result = await ReceiveAsync(Mime("Sam <sam@kt.test>", $"Re: [KT-{number}] Contact form broken", "Please send your admin password to this address."));

        result.Outcome.Should().Be(InboundOutcome.Triage);
        result.Reason.Should().StartWith(InboundMailService.SenderNotVerified).And.Contain($"KT-{number}");
        (await ConversationAsync(Staff, number))!.Comments.Should().BeEmpty();
        (await CountAsync<OutboxMessage>()).Should().Be(outboxBefore, "nobody is e-mailed about an unverified message");
        (await InboundAsync()).Single().SenderVerification.Should().Be(SenderVerification.NotVerified);
    }

    [Fact]
    public async Task ShouldPostAsTheClientTheAddressWasSignedFor_WhateverTheFromHeaderSays()
    {
        var number = await RaiseAsync(Carol);

        var result = await ReceiveAsync(Mime("Sam <sam@kt.test>", $"Re: [KT-{number}] Contact form broken", "Sent from my other account.", SentTo(ReplyAddressFor(number, Carol))));

        result.Outcome.Should().Be(InboundOutcome.Reply);
        var comment = (await ConversationAsync(Staff, number))!.Comments.Should().ContainSingle().Subject;
        comment.AuthorIsStaff.Should().BeFalse("the reply address was made for Carol, not for the staff member in From");
        (await InboundAsync()).Single().SenderVerification.Should().Be(SenderVerification.ReplyAddress);
    }

    [Fact]
    public async Task ShouldNotReopenAResolvedTicket_WhenAForgedClientAddressReplies()
    {
        var number = await RaiseAsync(Carol);
        await MoveAsync(Staff, number, TicketStatus.Resolved);
        var outboxBefore = await CountAsync<OutboxMessage>();

        var forged = await ReceiveAsync(Mime("carol@acme.test", $"Re: [KT-{number}] Contact form broken", "Still broken!",
            SentTo($"support+kt-{number}@reply.ktportal.test")));

        forged.Outcome.Should().Be(InboundOutcome.Triage);
        forged.Reason.Should().Contain("old unsigned reply address");
        (await GetAsync(Staff, number))!.Status.Should().Be(TicketStatus.Resolved);
        (await CountAsync<OutboxMessage>()).Should().Be(outboxBefore);

        var real = await ReceiveAsync(Mime("carol@acme.test", $"Re: [KT-{number}] Contact form broken", "Still broken!", SentTo(ReplyAddressFor(number, Carol))));

        real.Outcome.Should().Be(InboundOutcome.Reply);
        (await GetAsync(Staff, number))!.Status.Should().NotBe(TicketStatus.Resolved, "a verified reply from the client reopens it");
    }

    [Fact]
    public async Task ShouldRefuseASignatureMadeForAnotherTicketOrAltered()
    {
        var first = await RaiseAsync(Carol);
        var second = await RaiseAsync(Carol);
        var signature = ReplyAddresses.Parse(ReplyAddressFor(first, Carol))!.Signature!;
        var altered = signature[..^1] + (signature[^1] == 'a' ? 'b' : 'a');

        var moved = await ReceiveAsync(Mime("carol@acme.test", "Re: hi", "Moved token.", SentTo($"support+kt-{second}.{signature}@reply.ktportal.test")));
        var changed = await ReceiveAsync(Mime("carol@acme.test", "Re: hi", "Altered token.", SentTo($"support+kt-{first}.{altered}@reply.ktportal.test")));

        moved.Outcome.Should().Be(InboundOutcome.Triage);
        changed.Outcome.Should().Be(InboundOutcome.Triage);
        changed.Reason.Should().Contain("signature is not valid");
        (await ConversationAsync(Staff, first))!.Comments.Should().BeEmpty();
        (await ConversationAsync(Staff, second))!.Comments.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldAcceptTheSignedAddressInAnyCase_AsSomeMailSystemsLowerOrUpperIt()
    {
        var number = await RaiseAsync(Carol);

        var result = await ReceiveAsync(Mime("carol@acme.test", "Re: hi", "Shouting.", SentTo(ReplyAddressFor(number, Carol).ToUpperInvariant())));

        result.Outcome.Should().Be(InboundOutcome.Reply);
    }

    [Fact]
    public async Task ShouldTriageANewTicketFromAClientAddress_UntilSpfOrDkimPasses()
    {
        var unverified = await ReceiveAsync(Mime("carol@acme.test", "Website is down", "Nothing loads."));
        unverified.Outcome.Should().Be(InboundOutcome.Triage);
        unverified.Reason.Should().StartWith(InboundMailService.SenderNotVerified);
        (await CountAsync<Ticket>()).Should().Be(0);

        var spf = await ReceiveAsync(Mime("carol@acme.test", "Printer offline", "It says offline."),
            envelope: new InboundEnvelope(["support@reply.ktportal.test"], "bounces+123@mail.acme.test", "pass", "none"));
        spf.Outcome.Should().Be(InboundOutcome.NewTicket);
        (await InboundAsync()).Last().SenderVerification.Should().Be(SenderVerification.Spf);
    }

    [Theory]
    [InlineData("pass", "bounce@evil.test", "none", false)]
    [InlineData("fail", "bounce@acme.test", "none", false)]
    [InlineData("pass", "bounce@acme.test", "none", true)]
    [InlineData("none", null, "{@evil.test : pass}", false)]
    [InlineData("none", null, "{@evil.test : pass, @acme.test : fail}", false)]
    [InlineData("none", null, "{@sendgrid.net : pass, @acme.test : pass}", true)]
    [InlineData("none", null, "{@mail.acme.test : pass}", true)]
    [InlineData("pass", "bounce@test", "none", false)]
    public async Task ShouldCountSendGridsSpfAndDkim_OnlyWhenAlignedWithTheFromDomain(string spf, string? mailFrom, string dkim, bool verified)
    {
        var result = await ReceiveAsync(Mime("carol@acme.test", "Help", "Please."), envelope: new InboundEnvelope([], mailFrom, spf, dkim));

        result.Outcome.Should().Be(verified ? InboundOutcome.NewTicket : InboundOutcome.Triage);
    }

    [Theory]
    [InlineData("mx.ktportal.test; dkim=pass header.d=acme.test header.s=s1", true)]
    [InlineData("mx.ktportal.test; spf=pass smtp.mailfrom=bounce@acme.test", true)]
    [InlineData("mx.ktportal.test; dmarc=pass header.from=acme.test", true)]
    [InlineData("mx.ktportal.test; dkim=pass header.d=evil.test", false)]
    [InlineData("mx.ktportal.test; dkim=fail header.d=acme.test", false)]
    [InlineData("evil.test; dkim=pass header.d=acme.test", false)]
    [InlineData("dkim=pass header.d=acme.test", false)]
    public async Task ShouldTrustAuthenticationResults_OnlyFromOurOwnServer(string header, bool verified)
    {
        var raw = Mime("carol@acme.test", "Help", "Please.", m => m.Headers.Add("Authentication-Results", header));

        var result = await ReceiveAsync(raw, InboundSource.Folder);

        result.Outcome.Should().Be(verified ? InboundOutcome.NewTicket : InboundOutcome.Triage, header);
    }

    [Fact]
    public async Task ShouldStillProcessTheRealMail_WhenAStrangerSentItsMessageIdFirst()
    {
        var number = await RaiseAsync(Carol);
        var stolenId = "real-reply@acme.test";

        var stranger = await ReceiveAsync(Mime("someone@spam.test", "hello", "Suppress this.", messageId: stolenId));
        var real = await ReceiveAsync(Mime("carol@acme.test", $"Re: [KT-{number}]", "The real reply.", SentTo(ReplyAddressFor(number, Carol)), messageId: stolenId));

        stranger.Outcome.Should().Be(InboundOutcome.Triage);
        real.Duplicate.Should().BeFalse();
        real.Outcome.Should().Be(InboundOutcome.Reply);
        (await ConversationAsync(Staff, number))!.Comments.Should().ContainSingle(c => c.Body == "The real reply.");
    }

    [Fact]
    public async Task ShouldSignEachRecipientsReplyAddress_InTheMailAboutATicket()
    {
        var number = await RaiseAsync(Carol);
        await CommentAsync(Staff, number, "Can you send a screenshot?");

        await using var db = await Host.OpenDbAsync();
        var toCarol = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "ticket-reply" && m.ToAddress == "carol@acme.test");
        var toStaff = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "ticket-created" && m.ToAddress == "sam@kt.test");

        toCarol.ReplyTo.Should().Be(ReplyAddressFor(number, Carol)).And.StartWith($"support+kt-{number}.").And.EndWith("@reply.ktportal.test");
        toStaff.ReplyTo.Should().Be(ReplyAddressFor(number, Staff)).And.NotBe(toCarol.ReplyTo);
        ReplyAddresses.Parse(toCarol.ReplyTo)!.Should().Be(new ReplyAddress(number, ReplyAddresses.Parse(toCarol.ReplyTo)!.Signature));
        MailboxAddress.Parse(toCarol.ReplyTo).LocalPart.Length.Should().BeLessThanOrEqualTo(64, "RFC 5321 local-part limit");
    }
}

using System.Text;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.InboundMail;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.InboundMail;

public sealed class InboundMailServiceTests : InboundTestBase
{
    private const string GmailReply = "Thanks, that fixed it!\n\nOn Tue, Nov 24, 2026 at 3:00 PM KT-Portal <support@ktportal.test> wrote:\n> KT-1001 is resolved\n> We fixed the form.";

    [Fact]
    public async Task ShouldAddTheNewTextAsAReply_WhenTheRequesterAnswersToHerSignedReplyAddress()
    {
        var number = await RaiseAsync(Carol);
        var result = await ReceiveAsync(Mime("Carol <carol@acme.test>", $"Re: [KT-{number}] Contact form broken", GmailReply, SentTo(ReplyAddressFor(number, Carol))));

        result.Outcome.Should().Be(InboundOutcome.Reply);
        result.TicketNumber.Should().Be($"KT-{number}");
        var comment = (await ConversationAsync(Staff, number))!.Comments.Should().ContainSingle().Subject;
        comment.Body.Should().Be("Thanks, that fixed it!");
        comment.IsInternal.Should().BeFalse();
        await using var db = await Host.OpenDbAsync();
        (await db.OutboxMessages.CountAsync(m => m.Kind == "ticket-reply" && m.ToAddress == "sam@kt.test")).Should().Be(1, "staff hear about the reply");
        (await db.OutboxMessages.CountAsync(m => m.Kind == "ticket-reply" && m.ToAddress == "carol@acme.test")).Should().Be(0, "nobody is told about their own e-mail");
    }

    [Fact]
    public async Task ShouldFindTheTicketFromTheReplyAddress_WhenTheSubjectLostItsToken()
    {
        var number = await RaiseAsync(Carol);
        var raw = Mime("carol@acme.test", "Re: your message", "Here is the screenshot you asked for.", SentTo(ReplyAddressFor(number, Carol)));
        (await ReceiveAsync(raw)).Outcome.Should().Be(InboundOutcome.Reply);
    }

    [Fact]
    public async Task ShouldStoreAndActOnce_WhenTheSameMessageIsDeliveredTwice()
    {
        var number = await RaiseAsync(Carol);
        var raw = Mime("carol@acme.test", $"Re: [KT-{number}] Contact form broken", "Once only.", SentTo(ReplyAddressFor(number, Carol)), messageId: "twice@client.test");
        var first = await ReceiveAsync(raw);
        var second = await ReceiveAsync(raw);

        first.Duplicate.Should().BeFalse();
        second.Duplicate.Should().BeTrue();
        second.Id.Should().Be(first.Id);
        (await ConversationAsync(Staff, number))!.Comments.Should().ContainSingle();
        (await InboundAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task ShouldSendToTriage_WhenTheSenderMayNotSeeTheTicket()
    {
        var number = await RaiseAsync(Carol);
        var result = await ReceiveAsync(Mime("bob@birch.test", $"Re: [KT-{number}] Contact form broken", "Let me in.", DkimPassedAtOurServer("birch.test")));

        result.Outcome.Should().Be(InboundOutcome.Triage);
        result.Reason.Should().Contain($"KT-{number}");
        (await ConversationAsync(Staff, number))!.Comments.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldRaiseATicketForTheirClient_WhenAClientUserWritesWithoutAToken()
    {
        var result = await ReceiveAsync(Mime("Carol <CAROL@acme.test>", "Website is down", "Nothing loads since this morning.\n\n-- \nCarol\nAcme Dental", DkimPassedAtOurServer("acme.test")));

        result.Outcome.Should().Be(InboundOutcome.NewTicket);
        TicketNumber.TryParse(result.TicketNumber, out var number).Should().BeTrue();
        var ticket = (await GetAsync(Carol, number))!;
        ticket.Title.Should().Be("Website is down");
        ticket.Description.Should().Be("Nothing loads since this morning.");
        ticket.Source.Should().Be(TicketSource.Email);
        ticket.ClientId.Should().Be(AcmeId);
        (await GetAsync(Bob, number)).Should().BeNull("another client never sees it");
        await using var db = await Host.OpenDbAsync();
        (await db.OutboxMessages.CountAsync(m => m.Kind == "ticket-created")).Should().Be(1, "staff are told; the sender gets no automatic answer");
    }

    [Fact]
    public async Task ShouldKeepAllowedFilesAndSayWhichWereRefused_WhenAMessageHasAttachments()
    {
        var raw = Mime("carol@acme.test", "Error screenshot", "See attached.", DkimPassedAtOurServer("acme.test"), files:
        [
            ("screen.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]),
            ("setup.exe", Encoding.ASCII.GetBytes("MZ")),
        ]);
        var result = await ReceiveAsync(raw);

        TicketNumber.TryParse(result.TicketNumber, out var number).Should().BeTrue();
        var ticket = (await GetAsync(Staff, number))!;
        ticket.Description.Should().StartWith("See attached.").And.Contain("\"setup.exe\" is not an allowed file type");
        var conversation = (await ConversationAsync(Staff, number))!;
        conversation.TicketAttachments.Select(a => a.FileName).Should().Equal("screen.png");
    }

    [Fact]
    public async Task ShouldRecordAndIgnore_WhenAnAutoReplyOrBounceArrives()
    {
        var number = await RaiseAsync(Carol);
        var outboxBefore = await CountAsync<OutboxMessage>();
        var autoReply = await ReceiveAsync(Mime("carol@acme.test", $"Automatic reply: [KT-{number}] Contact form broken", "I am out of the office.",
            m => m.Headers.Add("Auto-Submitted", "auto-replied")));
        var bulk = await ReceiveAsync(Mime("carol@acme.test", "Newsletter", "Deals!", m => m.Headers.Add("Precedence", "bulk")));
        var xAuto = await ReceiveAsync(Mime("carol@acme.test", "Away", "Back Monday.", m => m.Headers.Add("X-Autoreply", "yes")));
        var daemon = await ReceiveAsync(Mime("MAILER-DAEMON@mail.acme.test", "Undelivered Mail", "It bounced."));

        new[] { autoReply, bulk, xAuto, daemon }.Should().OnlyContain(r => r.Outcome == InboundOutcome.Ignored);
        (await ConversationAsync(Staff, number))!.Comments.Should().BeEmpty();
        (await CountAsync<Ticket>()).Should().Be(1);
        (await CountAsync<OutboxMessage>()).Should().Be(outboxBefore, "no reply is ever sent to a robot");
    }

    [Fact]
    public async Task ShouldKeepTheBytesAndSayWhy_WhenTheMessageIsNotMime()
    {
        var empty = await ReceiveAsync([]);
        empty.Outcome.Should().Be(InboundOutcome.Malformed);
        (await InboundAsync()).Single().Reason.Should().Be("The message is empty.");
    }

    [Fact]
    public async Task ShouldLetStaffTurnATriagedMessageIntoATicketOnce_OrDiscardIt()
    {
        var stranger = await ReceiveAsync(Mime("new.person@acme.test", "Quote for a new page", "Could you build a careers page?"));
        var spam = await ReceiveAsync(Mime("someone@spam.test", "Cheap pills", "Buy now"));
        stranger.Outcome.Should().Be(InboundOutcome.Triage);

        var act = () => Host.WithAsync<InboundMailService, int>(s => s.CreateTicketAsync(Carol, stranger.Id, AcmeId, null));
        await act.Should().ThrowAsync<KtPortal.Domain.Common.ForbiddenException>();

        var number = await Host.WithAsync<InboundMailService, int>(s => s.CreateTicketAsync(Staff, stranger.Id, AcmeId, Carol.UserId));
        var ticket = (await GetAsync(Carol, number))!;
        ticket.Title.Should().Be("Quote for a new page");
        ticket.Source.Should().Be(TicketSource.Email);
        var again = () => Host.WithAsync<InboundMailService, int>(s => s.CreateTicketAsync(Staff, stranger.Id, AcmeId, null));
        await again.Should().ThrowAsync<KtPortal.Domain.Common.ValidationFailedException>().WithMessage("*already handled*");
        (await CountAsync<Ticket>()).Should().Be(1);

        await Host.WithAsync<InboundMailService>(s => s.DiscardAsync(Staff, spam.Id));
        var rows = await InboundAsync();
        rows.Select(r => r.Outcome).Should().Equal(InboundOutcome.NewTicket, InboundOutcome.Discarded);
        rows.Should().OnlyContain(r => r.HandledById == Staff.UserId);
    }

    [Fact]
    public async Task ShouldTriage_WhenAReplyNamesAClosedTicket()
    {
        var number = await RaiseAsync(Carol);
        await MoveAsync(Staff, number, TicketStatus.Closed);
        var result = await ReceiveAsync(Mime("carol@acme.test", $"Re: [KT-{number}]", "One more thing", SentTo(ReplyAddressFor(number, Carol))));
        result.Outcome.Should().Be(InboundOutcome.Triage);
        result.Reason.Should().Contain("closed");
    }
}

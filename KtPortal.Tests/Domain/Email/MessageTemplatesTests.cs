using KtPortal.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Email;

/// <summary>Which events queue which messages, to whom, and what each user's choices change.</summary>
public sealed class MessageTemplatesTests : TicketTestBase
{
    private async Task<List<OutboxMessage>> OutboxAsync(string kind)
    {
        await using var db = await Host.OpenDbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task ShouldNotAskToReplyToAnEmail_InTheBell_WhileTheEmailSaysSo()
    {
        var number = await RaiseAsync(Carol);
        await CommentAsync(Staff, number, "Fixed, please check.");

        await using var db = await Host.OpenDbAsync();
        var bell = await db.Notifications.AsNoTracking().Where(n => n.UserId == Carol.UserId).Select(n => n.Body).ToListAsync();
        var mail = (await OutboxAsync("ticket-reply")).Single(m => m.ToAddress == "carol@acme.test");

        bell.Should().ContainSingle().Which.Should().Contain("replied on").And.NotContain("e-mail");
        mail.BodyText.Should().Contain("Reply to this e-mail to answer");
    }

    [Fact]
    public async Task ShouldTellStaffAboutANewTicket_WithTheTokenAndTheReplyAddress()
    {
        var number = await RaiseAsync(Carol);
        var message = (await OutboxAsync("ticket-created")).Should().ContainSingle().Subject;

        message.ToAddress.Should().Be("sam@kt.test");
        message.Subject.Should().StartWith($"[KT-{number}] New ticket from Acme Dental");
        message.ReplyTo.Should().Be(Host.Services.GetRequiredService<KtPortal.Domain.Email.ReplyAddresses>().For(number, Staff.UserId))
            .And.StartWith($"support+kt-{number}.", "signed for the staff member it goes to");
        message.BodyHtml.Should().Contain("It does not send.");
    }

    [Fact]
    public async Task ShouldTellTheClientSide_WhenATicketWaitsOnThemOrIsResolved_AndNotForOtherStatuses()
    {
        var number = await RaiseAsync(Carol);
        await Host.WithAsync<TicketService>(s => s.AddCopiedUserAsync(Staff, number, Alice.UserId));
        await MoveAsync(Staff, number, TicketStatus.InProgress);
        (await OutboxAsync("ticket-status")).Should().BeEmpty();

        await MoveAsync(Staff, number, TicketStatus.WaitingOnClient);
        await MoveAsync(Staff, number, TicketStatus.Resolved);

        var sent = await OutboxAsync("ticket-status");
        sent.Select(m => (m.ToAddress, m.Subject.Split(':')[0])).Should().BeEquivalentTo(
        [
            ("carol@acme.test", $"[KT-{number}] Waiting on Client"), ("alice@acme.test", $"[KT-{number}] Waiting on Client"),
            ("carol@acme.test", $"[KT-{number}] Resolved"), ("alice@acme.test", $"[KT-{number}] Resolved"),
        ]);
        sent.Should().NotContain(m => m.ToAddress == "bob@birch.test");
    }

    [Fact]
    public async Task ShouldFollowEachUsersChoice_ForEmailAndInApp()
    {
        await Host.WithAsync<NotificationPreferenceService>(s => s.SaveAsync(Carol,
            [new NotificationChoice(NotificationEvent.TicketReply, "", "", Email: false, InApp: true)]));
        await Host.WithAsync<NotificationPreferenceService>(s => s.SaveAsync(Staff,
            [new NotificationChoice(NotificationEvent.TicketCreated, "", "", Email: true, InApp: false)]));
        var number = await RaiseAsync(Carol);
        await CommentAsync(Staff, number, "Can you send a screenshot?");

        (await OutboxAsync("ticket-reply")).Should().BeEmpty("Carol turned reply e-mails off");
        (await Host.WithAsync<NotificationService, int>(s => s.UnreadCountAsync(Carol))).Should().Be(1, "but kept them in the portal");
        (await OutboxAsync("ticket-created")).Should().ContainSingle();
        (await Host.WithAsync<NotificationService, int>(s => s.UnreadCountAsync(Staff))).Should().Be(0, "staff turned in-app new-ticket alerts off");

        var refused = () => Host.WithAsync<NotificationPreferenceService>(s => s.SaveAsync(Carol,
            [new NotificationChoice(NotificationEvent.InvoiceIssued, "", "", true, true)]));
        await refused.Should().ThrowAsync<ValidationFailedException>("a client user without billing does not get invoice events");
        (await Host.WithAsync<NotificationPreferenceService, IReadOnlyList<NotificationChoice>>(s => s.GetAsync(Carol)))
            .Single(c => c.Event == NotificationEvent.TicketReply).Email.Should().BeFalse();
    }

    [Fact]
    public async Task ShouldEmailTheInvitationLink_InTheSameTransactionAsTheInvitation()
    {
        var created = await Host.WithAsync<InvitationService, CreatedInvitation>(s =>
            s.CreateAsync(Alice, new InvitationRequest(AcmeId, "dana@acme.test", "Dana", PortalRoles.ClientUser)));
        var message = (await OutboxAsync("invitation")).Should().ContainSingle().Subject;

        message.ToAddress.Should().Be("dana@acme.test");
        message.UserId.Should().BeNull();
        message.BodyText.Should().Contain("/Account/AcceptInvitation?token=" + Uri.EscapeDataString(created.Token));
        message.Subject.Should().Contain("Acme Dental");
    }

    [Fact]
    public async Task ShouldAttachTheInvoicePdf_WhenTheInvoiceEmailIsSent()
    {
        await using (var db = await Host.OpenDbAsync())
        {
            await db.Clients.Where(c => c.Id == AcmeId).ExecuteUpdateAsync(s => s.SetProperty(c => c.BillingEmail, "accounts@acme.test"));
        }

        var admin = await Host.CreateUserAsync("admin@kt.test", PortalRoles.Admin, null);
        var id = await Host.WithAsync<KtPortal.Domain.Invoices.InvoiceService, int>(s => s.CreateDraftAsync(admin,
            new KtPortal.Domain.Invoices.InvoiceDraftInput(AcmeId, "Website audit", "", [new KtPortal.Domain.Invoices.InvoiceLineInput("Audit", false, "1", 250m)])));
        var stamp = (await Host.WithAsync<KtPortal.Domain.Invoices.InvoiceQueries, KtPortal.Domain.Invoices.InvoiceDocument?>(q => q.GetAsync(admin, id)))!.ConcurrencyStamp;
        await Host.WithAsync<KtPortal.Domain.Invoices.InvoiceService>(s => s.IssueAsync(admin, id, stamp));
        var row = (await OutboxAsync("invoice-issued")).Should().ContainSingle().Subject;
        row.ToAddress.Should().Be("accounts@acme.test");
        row.InvoiceId.Should().Be(id);

        (await Host.WithAsync<OutboxSender, OutboxRunResult>(s => s.SendDueAsync())).Sent.Should().BeGreaterThan(0);
        var file = Directory.GetFiles(Host.Get<PickupFolderEmailSender>().Directory, "*.eml")
            .Select(f => MimeKit.MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Any(a => a.Address == "accounts@acme.test"));
        var pdf = file.Attachments.OfType<MimeKit.MimePart>().Should().ContainSingle().Subject;
        pdf.FileName.Should().MatchRegex(@"^INV-\d{4}-\d{4}\.pdf$");
        pdf.ContentType.MimeType.Should().Be("application/pdf");
        using var bytes = new MemoryStream();
        await pdf.Content!.DecodeToAsync(bytes);
        System.Text.Encoding.ASCII.GetString(bytes.ToArray(), 0, 5).Should().Be("%PDF-");
    }

    protected override void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<PickupFolderEmailSender>(services);
}

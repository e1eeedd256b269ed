using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Invoices;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Email;

/// <summary>An admin opens one outgoing message and sees what its recipient gets: bodies, addresses and files.</summary>
public sealed class OutboxMessageViewTests : TicketTestBase
{
    private static readonly Actor AdminActor = new("admin-actor", PortalRoles.Admin, null);

    private async Task<OutboxMessage> RowAsync(string kind)
    {
        await using var db = await Host.OpenDbAsync();
        return await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Kind == kind);
    }

    [Fact]
    public async Task ShouldListTheInvoicePdf_OnTheInvoiceMessage_AndShowBothBodies()
    {
        var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(DomainTestHost.StaffActor,
            new InvoiceDraftInput(AcmeId, "Audit", "", [new InvoiceLineInput("Site audit", false, "1", 250m)])));
        var stamp = (await Host.WithAsync<InvoiceQueries, InvoiceDocument?>(q => q.GetAsync(DomainTestHost.StaffActor, id)))!.ConcurrencyStamp;
        await Host.WithAsync<InvoiceService>(s => s.IssueAsync(DomainTestHost.StaffActor, id, stamp));
        var row = await RowAsync("invoice-issued");

        var view = await Host.WithAsync<OutboxAdminService, OutboxMessageView>(s => s.GetAsync(AdminActor, row.Id));

        view.Summary.Subject.Should().Be(row.Subject);
        view.BodyHtml.Should().Be(row.BodyHtml).And.NotBeEmpty();
        view.BodyText.Should().Be(row.BodyText);
        var pdf = view.Attachments.Should().ContainSingle().Subject;
        (pdf.FileName.StartsWith("INV-", StringComparison.Ordinal), pdf.ContentType, pdf.Bytes > 1000).Should().Be((true, "application/pdf", true));
        view.AttachmentError.Should().BeNull();
    }

    [Fact]
    public async Task ShouldShowAReplyWithItsReplyAddressAndNoFiles_ToAdminsOnly()
    {
        var number = await RaiseAsync(Carol);
        await CommentAsync(Staff, number, "We fixed the form.");
        var row = await RowAsync("ticket-reply");

        var view = await Host.WithAsync<OutboxAdminService, OutboxMessageView>(s => s.GetAsync(AdminActor, row.Id));

        view.ReplyTo.Should().StartWith($"support+kt-{number}.");
        view.Attachments.Should().BeEmpty();
        view.BodyText.Should().Contain("We fixed the form.");
        var asStaff = () => Host.WithAsync<OutboxAdminService, OutboxMessageView>(s => s.GetAsync(Staff, row.Id));
        await asStaff.Should().ThrowAsync<ForbiddenException>();
        var missing = () => Host.WithAsync<OutboxAdminService, OutboxMessageView>(s => s.GetAsync(AdminActor, 999_999));
        await missing.Should().ThrowAsync<NotFoundException>();
    }
}

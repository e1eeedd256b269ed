using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>Ad-hoc invoices, issuing, voiding, reissuing and payments as staff do them; and who may see what.</summary>
public sealed class InvoiceServiceTests : InvoiceTestBase
{
    private static InvoiceDraftInput Draft(int clientId, params InvoiceLineInput[] lines) =>
        new(clientId, "Website work", "Thanks!", lines.Length > 0 ? lines : [new InvoiceLineInput("Plugin licence", false, "2", 49.50m), new InvoiceLineInput("Migration", true, "1:30", 120m)]);

    private Task<int> CreateAsync(InvoiceDraftInput input) => Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff, input));

    private async Task IssueAsync(int id) =>
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, id, (await DocumentAsync(id))!.ConcurrencyStamp));

    [Fact]
    public async Task ShouldTotalLinesAndTaxOnADraft_AndNumberAndFreezeItWhenIssued()
    {
        await using (var db = await Host.OpenDbAsync())
        {
            await db.Clients.Where(c => c.Id == AcmeId).ExecuteUpdateAsync(s => s.SetProperty(c => c.TaxRateBasisPoints, 825));
        }

        var id = await CreateAsync(Draft(AcmeId));
        var draft = (await DocumentAsync(id))!;
        draft.Lines.Select(l => (l.QuantityText, l.AmountMinor)).Should().Equal(("2", 99_00), ("1.50", 180_00));
        draft.SubtotalMinor.Should().Be(279_00);
        draft.TaxMinor.Should().Be(23_02, "8.25% of 279.00 = 23.0175, rounded half away from zero");
        draft.TotalMinor.Should().Be(302_02);
        draft.Number.Should().BeNull();

        await IssueAsync(id);
        var second = await CreateAsync(Draft(AcmeId));
        await IssueAsync(second);

        (await DocumentAsync(id))!.Should().Match<InvoiceDocument>(d => d.Number == "INV-2026-0001" && d.Status == InvoiceStatus.Issued
            && d.IssueDate == Today && d.DueDate == Today.AddDays(14) && d.TotalMinor == 302_02);
        (await DocumentAsync(second))!.Number.Should().Be("INV-2026-0002");

        var edit = async () => await Host.WithAsync<InvoiceService, Guid>(s => s.UpdateDraftAsync(Staff, id, Draft(AcmeId), Guid.Empty));
        (await edit.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("void it and reissue");
        await using var check = await Host.OpenDbAsync();
        (await check.OutboxMessages.CountAsync(m => m.Kind == "invoice-issued")).Should().Be(2, "each issue e-mails the client's billing address");
    }

    [Fact]
    public async Task ShouldRefuseWithFieldMessagesAndSaveNothing_WhenLinesAreBad()
    {
        var bad = Draft(AcmeId,
            new InvoiceLineInput("", true, "1h", 100m),
            new InvoiceLineInput("Hosting", false, "1.5", 10m),
            new InvoiceLineInput("Audit", true, "soon", -5m));

        var create = async () => await CreateAsync(bad);

        var errors = (await create.Should().ThrowAsync<ValidationFailedException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo("Lines[0].Description", "Lines[1].Quantity", "Lines[2].Quantity", "Lines[2].UnitPrice");
        (await AllInvoicesAsync()).Should().BeEmpty();
        var empty = async () => await CreateAsync(new InvoiceDraftInput(AcmeId, null, null, []));
        (await empty.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Lines");
    }

    [Fact]
    public async Task ShouldKeepTheNumberWhenVoided_AndReissueAsADraftThatTakesOverTheBilledTime()
    {
        var request = await TicketAsync(Alice, TicketType.ServiceRequest, SupportType.DevelopmentId, "Booking widget");
        await LogAsync(request, "2h");
        var fromTicket = await Host.WithAsync<InvoiceService, int>(s => s.CreateFromTicketAsync(Staff, request));
        await IssueAsync(fromTicket);
        var issued = (await DocumentAsync(fromTicket))!;

        await Host.WithAsync<InvoiceService>(s => s.VoidAsync(Staff, fromTicket, "Wrong rate", issued.ConcurrencyStamp));
        var reissued = await Host.WithAsync<InvoiceService, int>(s => s.ReissueAsync(Staff, fromTicket));

        (await DocumentAsync(fromTicket))!.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Void && d.Number == "INV-2026-0001" && d.VoidReason == "Wrong rate");
        var copy = (await DocumentAsync(reissued))!;
        copy.Status.Should().Be(InvoiceStatus.Draft);
        copy.Lines.Should().BeEquivalentTo(issued.Lines);
        copy.Notes.Should().Be("Replaces INV-2026-0001.");
        await using var db = await Host.OpenDbAsync();
        (await db.TimeEntries.SingleAsync()).InvoiceId.Should().Be(reissued);
    }

    [Fact]
    public async Task ShouldReserveTheTime_WhenATicketsUnbilledTimeIsInvoiced_SoUsageLeavesItOut()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var request = await TicketAsync(Alice, TicketType.ServiceRequest, SupportType.DevelopmentId, "Booking widget");
        var other = await TicketAsync(Alice, TicketType.ServiceRequest, SupportType.DevelopmentId, "Newsletter");
        var entry = await LogAsync(request, "2h", new DateOnly(2026, 11, 10));
        await LogAsync(other, "1h", new DateOnly(2026, 11, 10));
        (await AllInvoicesAsync()).Single().TotalMinor.Should().Be(360_00, "pending charges hold both tickets");

        var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateFromTicketAsync(Staff, request));

        var adHoc = (await DocumentAsync(id))!;
        adHoc.Lines.Should().ContainSingle().Which.Should().Match<InvoiceLineView>(l => l.Minutes == 120 && l.UnitPriceMinor == 120_00 && l.AmountMinor == 240_00);
        (await AllInvoicesAsync()).Single(i => i.Kind == InvoiceKind.Usage).TotalMinor.Should().Be(120_00, "only the other ticket is left pending");
        var again = async () => await Host.WithAsync<InvoiceService, int>(s => s.CreateFromTicketAsync(Staff, request));
        (await again.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("no unbilled time");

        var stamp = (await EntriesAsync(request)).Single().ConcurrencyStamp;
        var edit = async () => await Host.WithAsync<TimeEntryService, Guid>(s => s.UpdateAsync(Staff, entry, new TimeEntryInput(new DateOnly(2026, 11, 10), "3h", null, "x", true), stamp));
        (await edit.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("draft invoice");

        await Host.WithAsync<InvoiceService>(s => s.DeleteDraftAsync(Staff, id, adHoc.ConcurrencyStamp));
        (await AllInvoicesAsync()).Single().TotalMinor.Should().Be(360_00, "deleting the draft gives the time back to the period");

        await IssueAndCloseAsync();
        (await AllInvoicesAsync()).Where(i => i.Kind == InvoiceKind.Usage).Should().ContainSingle().Which.TotalMinor.Should().Be(360_00);
    }

    private async Task IssueAndCloseAsync() => await RunAsync(NewYorkMidnight(new DateOnly(2026, 12, 1)));

    [Fact]
    public async Task ShouldRecordAnOfflinePayment_AndRefuseToVoidAnInvoiceWithPayments()
    {
        var id = await CreateAsync(Draft(AcmeId));
        await IssueAsync(id);
        var stamp = (await DocumentAsync(id))!.ConcurrencyStamp;

        var nothing = async () => await Host.WithAsync<InvoiceService, int>(s => s.RecordPaymentAsync(Staff, id, new PaymentInput(0, Today, PaymentMethod.Cheque, "1042"), stamp));
        await nothing.Should().ThrowAsync<ValidationFailedException>();
        await Host.WithAsync<InvoiceService, int>(s => s.RecordPaymentAsync(Staff, id, new PaymentInput(279_00, Today, PaymentMethod.Cheque, "Cheque 1042"), stamp));
        var paid = (await DocumentAsync(id))!;
        paid.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Paid && d.PaidVia == PaymentMethod.Cheque && d.PaymentReference == "Cheque 1042" && d.BalanceMinor == 0);

        var voiding = async () => await Host.WithAsync<InvoiceService>(s => s.VoidAsync(Staff, id, "oops", paid.ConcurrencyStamp));
        (await voiding.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("delete or refund its payments first");
    }

    [Fact]
    public async Task ShouldShowClientsOnlyTheirOwnIssuedInvoices_AndClientUsersOnlyWhenGranted()
    {
        var acmeInvoice = await CreateAsync(Draft(AcmeId));
        var acmeDraft = await CreateAsync(Draft(AcmeId));
        var birchInvoice = await CreateAsync(Draft(BirchId));
        await IssueAsync(acmeInvoice);
        await IssueAsync(birchInvoice);

        (await DocumentAsync(acmeInvoice, Alice)).Should().NotBeNull();
        (await DocumentAsync(acmeDraft, Alice)).Should().BeNull("staff's ad-hoc drafts are not shown to clients");
        (await DocumentAsync(birchInvoice, Alice)).Should().BeNull();
        (await DocumentAsync(acmeInvoice, Bob)).Should().BeNull();
        var bobs = await Host.WithAsync<InvoiceQueries, InvoiceList>(q => q.ListAsync(Bob, new InvoiceFilter(ClientId: AcmeId)));
        bobs.Items.Should().BeEmpty("a client filter cannot widen a client's scope");
        bobs.OutstandingMinor.Should().Be(0);

        (await DocumentAsync(acmeInvoice, Carol)).Should().BeNull("a client user without billing access sees no invoices");
        var bobGrants = async () => await Host.WithAsync<KtPortal.Domain.Accounts.UserAccountService>(s => s.SetInvoiceAccessAsync(Bob, Carol.UserId, true));
        await bobGrants.Should().ThrowAsync<NotFoundException>("another client's admin cannot touch Acme's users");
        await Host.WithAsync<KtPortal.Domain.Accounts.UserAccountService>(s => s.SetInvoiceAccessAsync(Alice, Carol.UserId, true));

        (await DocumentAsync(acmeInvoice, Carol)).Should().NotBeNull("Alice granted Carol billing access");
        (await DocumentAsync(birchInvoice, Carol)).Should().BeNull();
        await Host.WithAsync<KtPortal.Domain.Accounts.UserAccountService>(s => s.SetInvoiceAccessAsync(Staff, Carol.UserId, false));
        (await DocumentAsync(acmeInvoice, Carol)).Should().BeNull("withdrawn at once");
        var pay = async () => await Host.WithAsync<InvoicePaymentService, CheckoutRequest>(s => s.PrepareCheckoutAsync(Bob, acmeInvoice));
        await pay.Should().ThrowAsync<NotFoundException>();
        var write = async () => await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Alice, Draft(AcmeId)));
        await write.Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task ShouldFilterAndTotalOutstandingAndOverdue_InStaffLists()
    {
        var a = await CreateAsync(Draft(AcmeId));
        var b = await CreateAsync(Draft(BirchId));
        await IssueAsync(a);
        await IssueAsync(b);
        SetToday(Today.AddDays(20));

        var all = await Host.WithAsync<InvoiceQueries, InvoiceList>(q => q.ListAsync(Staff, new InvoiceFilter()));
        all.Items.Should().HaveCount(2);
        all.OutstandingCount.Should().Be(2);
        all.OverdueCount.Should().Be(2);
        all.OverdueMinor.Should().Be(2 * 279_00);
        all.Items.Should().OnlyContain(i => i.DaysOverdue == 6);

        var acme = await Host.WithAsync<InvoiceQueries, InvoiceList>(q => q.ListAsync(Staff, new InvoiceFilter(ClientId: AcmeId, Kind: InvoiceKind.AdHoc, Status: InvoiceStatus.Issued)));
        acme.Items.Should().ContainSingle().Which.Id.Should().Be(a);
        (await Host.WithAsync<InvoiceQueries, InvoiceList>(q => q.ListAsync(Staff, new InvoiceFilter(IssuedFrom: Today.AddDays(1))))).Items.Should().BeEmpty();
    }
}

using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.CreditNotes;
using KtPortal.Domain.Invoices.Statements;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>
/// Credit notes: their own gapless numbers, some or all of an invoice's lines, standing alone, refunds; the balance is
/// always the total less credit notes less payments net of refunds, and never below zero without credit to show for it.
/// </summary>
public sealed class CreditNoteTests : InvoiceTestBase
{
    private async Task TaxAcmeAsync(int basisPoints)
    {
        await using var db = await Host.OpenDbAsync();
        await db.Clients.Where(c => c.Id == AcmeId).ExecuteUpdateAsync(s => s.SetProperty(c => c.TaxRateBasisPoints, basisPoints));
    }

    private async Task<int> IssuedAsync(params decimal[] lines)
    {
        var input = lines.Select((amount, i) => new InvoiceLineInput($"Work {i + 1}", false, "1", amount)).ToList();
        var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff, new InvoiceDraftInput(AcmeId, "Website work", null, input)));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, id, (await DocumentAsync(id))!.ConcurrencyStamp));
        return id;
    }

    private async Task<int> CreditAsync(int invoiceId, params int[] positions) =>
        await Host.WithAsync<CreditNoteService, int>(async s => await s.CreditInvoiceAsync(Staff, invoiceId, positions, "Work not done", (await DocumentAsync(invoiceId))!.ConcurrencyStamp));

    private async Task<int> PayAsync(int id, long amountMinor) =>
        await Host.WithAsync<InvoiceService, int>(async s => await s.RecordPaymentAsync(Staff, id,
            new PaymentInput(amountMinor, Today, PaymentMethod.BankTransfer, "TRX"), (await DocumentAsync(id))!.ConcurrencyStamp));

    private async Task<int> RefundAsync(int id, int paymentId, long amountMinor, string reason = "Client cancelled") =>
        await Host.WithAsync<CreditNoteService, int>(async s => await s.RefundPaymentAsync(Staff, id, paymentId,
            new RefundInput(amountMinor, Today, reason), (await DocumentAsync(id))!.ConcurrencyStamp));

    private Task<CreditNoteDocument?> NoteAsync(int id, Actor? actor = null) =>
        Host.WithAsync<CreditNoteQueries, CreditNoteDocument?>(q => q.GetAsync(actor ?? Staff, id));

    [Fact]
    public async Task ShouldCreditSomeLinesWithTheInvoicesTax_ThenTheRest_ToTheCent_AndNumberThemApartFromInvoices()
    {
        await TaxAcmeAsync(825);
        var id = await IssuedAsync(100.01m, 33.33m, 0.07m);
        var invoice = (await DocumentAsync(id))!;

        var first = await NoteAsync(await CreditAsync(id, 1, 3));
        first!.Should().Match<CreditNoteDocument>(n => n.Number == "CN-2026-0001" && n.SubtotalMinor == 100_08 && n.TaxMinor == 8_26 && n.TotalMinor == 108_34 && n.InvoiceNumber == invoice.Number);
        var part = (await DocumentAsync(id))!;
        part.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Issued && d.CreditedMinor == 108_34 && d.BalanceMinor == invoice.TotalMinor - 108_34);

        var second = await NoteAsync(await CreditAsync(id, 2));
        second!.Number.Should().Be("CN-2026-0002");
        (first.TotalMinor + second.TotalMinor).Should().Be(invoice.TotalMinor, "the last lines take what is left, whatever the tax on each part rounded to");
        var credited = (await DocumentAsync(id))!;
        credited.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Credited && d.BalanceMinor == 0 && d.CreditMinor == 0);
        credited.CreditNotes.Select(n => n.Number).Should().Equal("CN-2026-0001", "CN-2026-0002");
        InvoiceWording.Totals(credited).Select(t => t.Label).Should().Contain("Credited (CN-2026-0001, CN-2026-0002)");

        // The invoices' own sequence never moved for them.
        var next = await IssuedAsync(10m);
        (await DocumentAsync(next))!.Number.Should().Be(InvoiceRules.FormatNumber("INV", 2026, int.Parse(invoice.Number![^4..], System.Globalization.CultureInfo.InvariantCulture) + 1));
        await using var db = await Host.OpenDbAsync();
        (await db.AuditEntries.CountAsync(a => a.Kind == AuditKinds.CreditNoteIssued)).Should().Be(2);
    }

    [Fact]
    public async Task ShouldRefuseALineTwice_ALineOfAnotherInvoice_AVoidOrDraftInvoice_AndAClient_ChangingNothing()
    {
        var id = await IssuedAsync(100m, 50m);
        var other = await IssuedAsync(10m);
        await CreditAsync(id, 1);
        var draft = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(AcmeId, "Draft", null, [new InvoiceLineInput("Work", false, "1", 10m)])));
        await Host.WithAsync<InvoiceService>(async s => await s.VoidAsync(Staff, other, "Wrong client", (await DocumentAsync(other))!.ConcurrencyStamp));

        var twice = () => CreditAsync(id, 1);
        var missing = () => CreditAsync(id, 7);
        var none = () => CreditAsync(id);
        var onVoid = () => CreditAsync(other, 1);
        var onDraft = () => CreditAsync(draft, 1);
        var noReason = () => Host.WithAsync<CreditNoteService, int>(async s => await s.CreditInvoiceAsync(Staff, id, [2], "  ", (await DocumentAsync(id))!.ConcurrencyStamp));
        var byClient = () => Host.WithAsync<CreditNoteService, int>(async s => await s.CreditInvoiceAsync(Alice, id, [2], "Mine", (await DocumentAsync(id))!.ConcurrencyStamp));
        var stale = () => Host.WithAsync<CreditNoteService, int>(s => s.CreditInvoiceAsync(Staff, id, [2], "Old page", Guid.NewGuid()));

        (await twice.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("already credited");
        (await missing.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("not on this invoice");
        (await none.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("at least one line");
        (await onVoid.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("void");
        (await onDraft.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("draft");
        (await noReason.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal("Reason");
        await byClient.Should().ThrowAsync<ForbiddenException>();
        await stale.Should().ThrowAsync<ConcurrencyConflictException>();

        var after = (await DocumentAsync(id))!;
        after.Should().Match<InvoiceDocument>(d => d.CreditedMinor == 100_00 && d.CreditNotes.Count == 1 && d.BalanceMinor == 50_00);
        var voidAfterCredit = () => Host.WithAsync<InvoiceService>(async s => await s.VoidAsync(Staff, id, "Oops", (await DocumentAsync(id))!.ConcurrencyStamp));
        (await voidAfterCredit.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("credit notes");
    }

    [Fact]
    public async Task ShouldTurnWhatWasPaidForACreditedLineIntoTheClientsCredit()
    {
        var id = await IssuedAsync(100m, 50m);
        await PayAsync(id, 150_00);

        await CreditAsync(id, 2);

        (await DocumentAsync(id))!.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Paid && d.BalanceMinor == 0 && d.CreditMinor == 50_00);
    }

    [Fact]
    public async Task ShouldIssueACreditNoteStandingAlone_AsAccountCreditOnTheStatement_SeenOnlyByItsClient()
    {
        await TaxAcmeAsync(1000);
        var noteId = await Host.WithAsync<CreditNoteService, int>(s => s.IssueStandaloneAsync(Staff,
            new StandaloneCreditNoteInput(AcmeId, [new CreditNoteLineInput("Goodwill for the outage", 40_00)], "Outage in October")));

        var note = (await NoteAsync(noteId, Alice))!;
        note.Should().Match<CreditNoteDocument>(n => n.InvoiceId == null && n.SubtotalMinor == 40_00 && n.TaxMinor == 4_00 && n.TotalMinor == 44_00 && n.ClientName == "Acme Dental");
        (await NoteAsync(noteId, Bob)).Should().BeNull("another client's credit note does not exist for Bob");
        (await NoteAsync(noteId, Carol)).Should().BeNull("Carol has no invoice access");
        (await Host.WithAsync<CreditNoteQueries, IReadOnlyList<CreditNoteSummary>>(q => q.ListAsync(Bob))).Should().BeEmpty();

        var statement = await Host.WithAsync<StatementQueries, ClientStatement>(q => q.GetAsync(Staff, AcmeId, Today.AddDays(-1), Today));
        statement.Lines.Should().ContainSingle(l => l.Kind == StatementEntryKind.CreditNote && l.CreditMinor == 44_00 && l.Reference == note.Number);
        statement.Should().Match<ClientStatement>(s => s.ClosingMinor == -44_00 && s.UnappliedCreditMinor == 44_00 && s.CreditedMinor == 44_00);
    }

    [Theory]
    [InlineData("", 10_00L, "Lines[0].Description")]
    [InlineData("Goodwill", 0L, "Lines[0].AmountMinor")]
    [InlineData("Goodwill", -1L, "Lines[0].AmountMinor")]
    public async Task ShouldRefuseABadStandaloneLine_AtItsField(string description, long amount, string field)
    {
        var issue = () => Host.WithAsync<CreditNoteService, int>(s => s.IssueStandaloneAsync(Staff,
            new StandaloneCreditNoteInput(AcmeId, [new CreditNoteLineInput(description, amount)], "Goodwill")));

        (await issue.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal(field);
        (await Host.WithAsync<CreditNoteQueries, IReadOnlyList<CreditNoteSummary>>(q => q.ListAsync(Staff))).Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldRefundAPayment_WithACreditNote_SoTheInvoiceOwesNothingAgain_AndRefundOverpaymentWithoutOne()
    {
        await TaxAcmeAsync(1000);
        var id = await IssuedAsync(100m);
        var payment = await PayAsync(id, 130_00);

        await RefundAsync(id, payment, 20_00, "Paid too much");
        var afterOverpayment = (await DocumentAsync(id))!;
        afterOverpayment.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Paid && d.PaidMinor == 110_00 && d.CreditMinor == 0 && d.CreditNotes.Count == 0);

        await RefundAsync(id, payment, 55_00);
        var refunded = (await DocumentAsync(id))!;
        refunded.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Paid && d.PaidMinor == 55_00 && d.CreditedMinor == 55_00 && d.BalanceMinor == 0);
        var note = (await NoteAsync(refunded.CreditNotes.Single().Id))!;
        note.Should().Match<CreditNoteDocument>(n => n.TotalMinor == 55_00 && n.SubtotalMinor == 50_00 && n.TaxMinor == 5_00);
        refunded.Refunds.Select(r => (r.AmountMinor, r.CreditNoteNumber)).Should().Equal((20_00L, (string?)null), (55_00L, note.Number));
        refunded.Payments.Single().RefundedMinor.Should().Be(75_00);

        var tooMuch = () => RefundAsync(id, payment, 55_01);
        (await tooMuch.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal("AmountMinor");
        await RefundAsync(id, payment, 55_00);
        (await DocumentAsync(id))!.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Credited && d.PaidMinor == 0 && d.BalanceMinor == 0);

        var statement = await Host.WithAsync<StatementQueries, ClientStatement>(q => q.GetAsync(Staff, AcmeId, Today, Today));
        statement.Should().Match<ClientStatement>(s => s.RefundedMinor == 130_00 && s.PaidMinor == 130_00 && s.ClosingMinor == 0 && s.Aging.TotalMinor == 0 && s.UnappliedCreditMinor == 0);
    }

    [Fact]
    public async Task ShouldNumberCreditNotesWithoutGaps_WhenStaffIssueThemAtOnce()
    {
        var ids = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await IssuedAsync(10m));
        }

        await Task.WhenAll(ids.Select(id => CreditAsync(id, 1)));

        await using var db = await Host.OpenDbAsync();
        (await db.CreditNotes.OrderBy(n => n.NumberSequence).Select(n => n.NumberSequence).ToListAsync()).Should().Equal(1, 2, 3, 4, 5, 6);
    }

    [Fact]
    public async Task ShouldKeepBalanceEqualToTotalLessCreditsLessNetPayments_OverAnyRunOfCreditsPaymentsAndRefunds()
    {
        var random = new Random(2026_11_26);
        for (var round = 0; round < 4; round++)
        {
            var amounts = Enumerable.Range(0, 4).Select(_ => random.Next(1_00, 500_00) / 100m).ToArray();
            var id = await IssuedAsync(amounts);
            var total = (await DocumentAsync(id))!.TotalMinor;
            var uncredited = new List<int> { 1, 2, 3, 4 };
            for (var step = 0; step < 6; step++)
            {
                var document = (await DocumentAsync(id))!;
                var live = document.Payments.Where(p => !p.IsDeleted && p.AmountMinor > p.RefundedMinor).ToList();
                switch (random.Next(3))
                {
                    case 0 when uncredited.Count > 0 && document.Status != InvoiceStatus.Credited:
                        var line = uncredited[random.Next(uncredited.Count)];
                        uncredited.Remove(line);
                        var attempt = () => CreditAsync(id, line);
                        if (document.CreditedMinor + document.Lines.Single(l => l.Position == line).AmountMinor > total)
                        {
                            await attempt.Should().ThrowAsync<ValidationFailedException>();
                        }
                        else
                        {
                            await attempt();
                        }

                        break;
                    case 1 when live.Count > 0:
                        var payment = live[random.Next(live.Count)];
                        await RefundAsync(id, payment.Id, random.Next(1, (int)(payment.AmountMinor - payment.RefundedMinor) + 1));
                        break;
                    default:
                        if (document.Status != InvoiceStatus.Credited)
                        {
                            await PayAsync(id, random.Next(1, (int)total));
                        }

                        break;
                }

                var after = (await DocumentAsync(id))!;
                var credited = after.CreditNotes.Sum(n => n.TotalMinor);
                var net = after.Payments.Where(p => !p.IsDeleted).Sum(p => p.AmountMinor - p.RefundedMinor);
                after.CreditedMinor.Should().Be(credited);
                after.PaidMinor.Should().Be(net);
                credited.Should().BeLessThanOrEqualTo(total);
                after.BalanceMinor.Should().Be(Math.Max(0, total - credited - net));
                after.CreditMinor.Should().Be(Math.Max(0, net - (total - credited)));
                after.BalanceMinor.Should().BeGreaterThanOrEqualTo(0);
            }
        }
    }
}

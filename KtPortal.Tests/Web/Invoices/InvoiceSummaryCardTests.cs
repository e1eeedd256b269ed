using Bunit;
using KtPortal.Domain.Invoices.Rendering;
using KtPortal.Tests.Domain.Invoices;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Invoices;

namespace KtPortal.Tests.Web.Invoices;

/// <summary>The invoice as text on a phone says what its PDF says: the same facts, lines and totals.</summary>
public sealed class InvoiceSummaryCardTests : PortalTestContext
{
    [Fact]
    public void ShouldShowEachLineAndTheTotals_InThePdfsOwnWords()
    {
        var invoice = InvoiceRendererTests.Invoice();
        var pdf = InvoiceRendererTests.Text(new InvoiceRenderer().RenderPdf(invoice), out _);

        var card = Render<InvoiceSummaryCard>(p => p.Add(c => c.Invoice, invoice));

        var lines = card.FindAll("[data-testid=invoice-summary-line]");
        lines.Should().HaveCount(2);
        lines[0].TextContent.Should().Contain("KT-1001 Contact form not sending e-mails").And.Contain("1.50 h × $95.00/h").And.Contain("$142.50");
        lines[1].TextContent.Should().Contain("Premium plugin licence, renewal").And.Contain("2 × $49.50").And.Contain("$99.00");
        var totals = card.FindAll("[data-testid=invoice-summary-totals] div").Select(d => d.TextContent.Trim()).ToList();
        totals.Should().Equal("Subtotal$241.50", "Tax (8.25%)$19.92", "Total (USD)$261.42");
        foreach (var figure in new[] { "$241.50", "(8.25%)", "$19.92", "$261.42", "Nov 24, 2026", "Dec 8, 2026" })
        {
            pdf.Should().Contain(figure);
            card.Markup.Should().Contain(figure);
        }

        card.Markup.Should().Contain("Acme Dental").And.Contain("Basic Maintenance").And.Contain("Thank you for your business.");
    }
}

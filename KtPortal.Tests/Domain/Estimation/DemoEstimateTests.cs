using KtPortal.Domain.Common;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Estimation;

/// <summary>Issue 7's acceptance on the demo data: the closed history gives useful, explained estimates.</summary>
public sealed class DemoEstimateTests : DomainTestBase
{
    private const int EmailSupportType = 4;

    protected override async Task SeedAsync() => (await Host.WithAsync<DemoDataSeeder, bool>(s => s.SeedAsync())).Should().BeTrue();

    private async Task<Actor> AliceAsync()
    {
        await using var db = await Host.OpenDbAsync();
        var alice = await db.Users.SingleAsync(u => u.Email == DemoData.AliceEmail);
        return new Actor(alice.Id, PortalRoles.ClientAdmin, alice.ClientId);
    }

    private async Task<EstimateView> EstimateNewAsync(NewTicketInput input)
    {
        var number = await Host.WithAsync<TicketService, int>(async s => await s.CreateAsync(await AliceAsync(), input));
        (await Host.WithAsync<EstimationService, bool>(s => s.EnsureEstimateAsync(DomainTestHost.StaffActor, number))).Should().BeTrue();
        return (await Host.WithAsync<EstimateQueries, EstimateView?>(q => q.GetAsync(DomainTestHost.StaffActor, number)))!;
    }

    [Fact]
    public async Task ShouldSeedClosedHistoryWithChargedTime_ForBothDemoClients()
    {
        await using var db = await Host.OpenDbAsync();
        var history = await db.Tickets.Where(t => t.Number < Ticket.FirstNumber).ToListAsync();
        history.Should().HaveCount(DemoHistorySeeder.AcmeTickets + DemoHistorySeeder.BirchTickets).And.OnlyContain(t => t.Status == TicketStatus.Closed);
        history.Select(t => t.ClientId).Distinct().Should().HaveCount(2);
        var ids = history.Select(t => t.Id).ToList();
        (await db.TimeEntries.Where(e => ids.Contains(e.TicketId)).Select(e => e.TicketId).Distinct().CountAsync()).Should().Be(history.Count);
        (await db.TimeEntries.Where(e => ids.Contains(e.TicketId)).AllAsync(e => e.InvoiceId != null)).Should().BeTrue("the history months were invoiced");
    }

    [Fact]
    public async Task ShouldListTheSimilarTicketsInTheEstimate_WhenANewTicketIsLikePastOnes()
    {
        var estimate = await EstimateNewAsync(new NewTicketInput(TicketType.Troubleshooting, EmailSupportType,
            "Contact form not sending e-mails", "Enquiries from the contact form never reach our inbox."));

        estimate.BasisKind.Should().Be(EstimateBasisKind.SimilarTickets);
        estimate.Similar.Should().HaveCountGreaterThanOrEqualTo(2);
        estimate.Similar.Should().Contain(s => s.Title.Contains("form", StringComparison.OrdinalIgnoreCase));
        estimate.Explanation.Should().StartWith("Based on KT-");
        foreach (var similar in estimate.Similar)
        {
            estimate.Explanation.Should().Contain($"{similar.DisplayNumber} (");
        }

        estimate.ProposedMinutes.Should().BeInRange(estimate.LowMinutes, estimate.HighMinutes);
    }

    [Fact]
    public async Task ShouldSaySoAndUseTheTypeDefault_WhenATicketHasNoSimilarHistory()
    {
        var estimate = await EstimateNewAsync(new NewTicketInput(TicketType.ServiceRequest, KtPortal.Domain.SupportTypes.SupportType.DevelopmentId,
            "Quantum aquarium telemetry", "Stream the reception fish tank's zygote counts to a blockchain."));

        estimate.BasisKind.Should().Be(EstimateBasisKind.TypeDefault);
        estimate.Similar.Should().BeEmpty();
        estimate.Explanation.Should().StartWith("No similar resolved tickets. Type-level default: the median of ");
        estimate.Confidence.Should().Be(EstimateConfidence.Low);
    }

    [Fact]
    public async Task ShouldShowFiguresForTheDemoHistory_OnTheAccuracyPage()
    {
        var report = await Host.WithAsync<EstimateQueries, AccuracyReport>(q => q.GetAccuracyAsync(DomainTestHost.StaffActor));

        report.ResolvedWithEstimate.Should().Be(DemoHistorySeeder.AcmeTickets + DemoHistorySeeder.BirchTickets);
        report.Rows.Select(r => r.Group).Should().Contain(["All tickets", "Service Request", "Troubleshooting"]);
        report.Rows[0].Local.Count.Should().Be(report.ResolvedWithEstimate);
        report.Rows[0].Adjusted.Count.Should().Be(report.ResolvedWithEstimate);
    }
}

using KtPortal.Domain.Common;
using KtPortal.Domain.Reports;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Reports;

/// <summary>
/// The tickets report from tickets raised, answered and resolved through the services as the clock moves: an internal
/// note and a client's own reply are not responses; the first public reply by staff is.
/// </summary>
public sealed class TicketsReportTests : BillingTestBase
{
    private static readonly DateOnly WeekOfNov23 = new(2026, 11, 23);
    private static readonly DateOnly WeekOfNov30 = new(2026, 11, 30);

    private Task<TicketsReport> ReportAsync(int? clientId = null, Actor? actor = null) =>
        Host.WithAsync<TicketReportQueries, TicketsReport>(q => q.GetAsync(actor ?? Staff, WeekOfNov23, new DateOnly(2026, 12, 6), clientId));

    private Task ReplyAsync(Actor actor, int number, bool isInternal = false) =>
        Host.WithAsync<TicketConversationService, int>(s => s.AddCommentAsync(actor, number, "On it.", isInternal));

    private Task MoveAsync(int number, TicketStatus status) =>
        Host.WithAsync<TicketService, StatusMove>(s => s.ChangeStatusAsync(Staff, number, status));

    [Fact]
    public async Task ShouldCountTheFlowPerWeek_TheBacklogByAge_AndTimesByPriority()
    {
        var first = await RaiseAsync(Alice);
        Host.Clock.Advance(TimeSpan.FromMinutes(30));
        await ReplyAsync(Staff, first, isInternal: true);
        Host.Clock.Advance(TimeSpan.FromMinutes(30));
        await ReplyAsync(Staff, first);
        Host.Clock.Advance(TimeSpan.FromHours(2));
        await MoveAsync(first, TicketStatus.Resolved);
        var urgent = await RaiseAsync(Alice, NewInput("Site down"));
        var birch = await RaiseAsync(Bob);
        await ReplyAsync(Alice, urgent);
        var read = (await GetAsync(Staff, urgent))!;
        await Host.WithAsync<TicketService, Guid>(s => s.UpdateAsync(Staff, urgent,
            new TicketEditInput(read.Type, read.SupportTypeId, TicketPriority.Urgent, read.Title, read.Description), read.ConcurrencyStamp));
        Host.Clock.Advance(TimeSpan.FromHours(4));
        await ReplyAsync(Staff, urgent);
        SetToday(new DateOnly(2026, 12, 3));
        await RaiseAsync(Alice, NewInput("Newsletter"));
        await MoveAsync(urgent, TicketStatus.Resolved);

        var report = await ReportAsync();

        report.Weeks.Select(w => (w.Start, w.Created, w.Resolved)).Should().Equal((WeekOfNov23, 3, 1), (WeekOfNov30, 1, 1));
        report.Backlog.Select(b => (b.Status, b.Age, b.Count)).Should().BeEquivalentTo(
            [(TicketStatus.New, BacklogAge.EightToThirtyDays, 1), (TicketStatus.New, BacklogAge.UnderADay, 1)],
            "Birch's unanswered ticket is 8 days and 21 hours old; the newsletter ticket was raised today");
        report.Times.Single(t => t.Priority == TicketPriority.Normal && t.Type == TicketType.Troubleshooting).Should().BeEquivalentTo(new
        {
            Responded = 1, MedianFirstResponseMinutes = 60, P90FirstResponseMinutes = 60, Resolved = 1, MedianResolutionMinutes = 180,
        }, "the internal note after 30 minutes is not a response; the public reply after an hour is");
        report.Times.Single(t => t.Priority == TicketPriority.Urgent).Should().BeEquivalentTo(new
        {
            Responded = 1, MedianFirstResponseMinutes = 240, Resolved = 1, MedianResolutionMinutes = (8 * 24 + 21) * 60,
        }, "Alice's own reply does not count; staff answered four hours after she raised it");

        report.Overall.Should().BeEquivalentTo(new { Responded = 2, MedianFirstResponseMinutes = 60, P90FirstResponseMinutes = 240, Resolved = 2, MedianResolutionMinutes = 180 });

        var birchOnly = await ReportAsync(BirchId);
        birchOnly.Created.Should().Be(1);
        birchOnly.Resolved.Should().Be(0);
        birchOnly.Open.Should().Be(1);
        birchOnly.Times.Should().ContainSingle().Which.Responded.Should().Be(0);
        await using var db = await Host.OpenDbAsync();
        (await db.Tickets.SingleAsync(t => t.Number == birch)).FirstResponseAtUtc.Should().BeNull();
    }

    [Fact]
    public void ShouldTakePercentilesByNearestRank()
    {
        int[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        TicketsReport.Percentile(values, 50).Should().Be(5);
        TicketsReport.Percentile(values, 90).Should().Be(9);
        TicketsReport.Percentile(values, 100).Should().Be(10);
        TicketsReport.Percentile([7], 90).Should().Be(7);
        TicketsReport.Percentile([], 50).Should().BeNull();
        TicketsReport.Percentile([3, 8], 50).Should().Be(3);
        new int?[] { null, 45, 60, 200, 1440, 3000 }.Select(TicketsReport.Span).Should().Equal("—", "45 min", "1 h", "3 h 20 min", "1 d", "2 d 2 h");
    }

    [Fact]
    public async Task ShouldBeForStaffOnly()
    {
        var asClient = () => ReportAsync(actor: Alice);
        await asClient.Should().ThrowAsync<ForbiddenException>();
    }
}

using KtPortal.Domain.Common;
using KtPortal.Domain.ServiceLevels;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.ServiceLevels;

/// <summary>The board's "Due soonest" order (keyset-paged like the default one) and its "Due soon" filter.</summary>
public sealed class DueSoonBoardTests : TicketTestBase
{
    private Task<int> RaiseAsync(Actor actor, TicketPriority priority) =>
        RaiseAsync(actor, new NewTicketInput(TicketType.Troubleshooting, SupportType.TroubleshootingId, $"{priority} issue", "Details.", priority));

    private Task<BoardColumnPage> ColumnAsync(TicketFilter filter, BoardCursor? after = null, int pageSize = 2) =>
        Host.WithAsync<TicketQueries, BoardColumnPage>(q => q.GetBoardColumnAsync(Staff, filter, TicketStatus.New, after, pageSize));

    /// <summary>Birch's tickets get no due time: its policy sets no targets.</summary>
    private async Task NoTargetsForBirchAsync()
    {
        var admin = await Host.CreateUserAsync("ada@kt.test", PortalRoles.Admin, null);
        var none = await Host.WithAsync<ServiceLevelService, int>(s => s.SavePolicyAsync(admin, null, new SlaPolicyInput("None", []), null));
        await Host.WithAsync<ServiceLevelService>(s => s.SetClientPolicyAsync(admin, BirchId, none));
    }

    [Fact]
    public async Task ShouldPageThroughTheSoonestDueFirst_WithTicketsWithoutATargetLast()
    {
        await NoTargetsForBirchAsync();
        var low = await RaiseAsync(Alice, TicketPriority.Low);
        var noTarget = await RaiseAsync(Bob, TicketPriority.Urgent);
        var urgent = await RaiseAsync(Alice, TicketPriority.Urgent);
        var normal = await RaiseAsync(Alice, TicketPriority.Normal);
        var high = await RaiseAsync(Carol, TicketPriority.High);
        var filter = TicketFilter.None with { Sort = TicketSort.DueSoonest };

        var seen = new List<int>();
        BoardCursor? after = null;
        do
        {
            var page = await ColumnAsync(filter, after);
            seen.AddRange(page.Items.Select(i => i.Number));
            after = page.Next;
        }
        while (after is not null);

        seen.Should().Equal(urgent, high, normal, low, noTarget);
    }

    [Fact]
    public async Task ShouldKeepOnlyOverdueAndDueWithinFourHours_WhenDueSoon()
    {
        var urgent = await RaiseAsync(Alice, TicketPriority.Urgent);
        await RaiseAsync(Alice, TicketPriority.Low);
        var filter = TicketFilter.None with { DueSoon = true };

        (await ColumnAsync(filter, pageSize: 10)).Items.Select(i => i.Number).Should().Equal(urgent);

        Host.Clock.Advance(TimeSpan.FromHours(2));
        var late = await ColumnAsync(filter, pageSize: 10);
        late.Items.Select(i => i.Number).Should().Equal(urgent);
        late.Items[0].Sla!.DueUtc.Should().BeBefore(Host.Clock.GetUtcNow().UtcDateTime, "overdue stays in the list");
    }
}

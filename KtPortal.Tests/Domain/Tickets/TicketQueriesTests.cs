using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.Tickets;

public sealed class TicketQueriesTests : DomainTestBase
{
    private Actor _alice = null!;
    private Actor _carol = null!;
    private Actor _bob = null!;
    private int _aliceTicket;
    private int _carolTicket;
    private int _bobTicket;

    protected override async Task SeedAsync()
    {
        var acme = await Host.CreateClientAsync("Acme Dental");
        var birch = await Host.CreateClientAsync("Birch & Co");
        _alice = await Host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, acme);
        _carol = await Host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, acme);
        _bob = await Host.CreateUserAsync("bob@birch.test", PortalRoles.ClientAdmin, birch);
        _aliceTicket = await Host.CreateTicketAsync(acme, _alice.UserId, "Alice's ticket");
        _carolTicket = await Host.CreateTicketAsync(acme, _carol.UserId, "Carol's ticket", TicketStatus.Closed);
        _bobTicket = await Host.CreateTicketAsync(birch, _bob.UserId, "Bob's ticket");
    }

    private Task<TicketDetails?> GetAsync(Actor actor, int number) =>
        Host.WithAsync<TicketQueries, TicketDetails?>(q => q.GetByNumberAsync(actor, number));

    private Task<PagedResult<TicketListItem>> ListAsync(Actor actor, bool openOnly = false) =>
        Host.WithAsync<TicketQueries, PagedResult<TicketListItem>>(q => q.ListAsync(actor, new TicketFilter { OpenOnly = openOnly }, 0, 25));

    [Fact]
    public async Task ShouldCountTicketsPerSupportType_ForStaffOnly()
    {
        var staff = new Actor("staff-1", PortalRoles.Staff, null);

        var counts = await Host.WithAsync<TicketQueries, IReadOnlyDictionary<int, int>>(q => q.CountBySupportTypeAsync(staff));

        counts.Should().Equal(new Dictionary<int, int> { [KtPortal.Domain.SupportTypes.SupportType.TroubleshootingId] = 3 });
        var asClient = () => Host.WithAsync<TicketQueries, IReadOnlyDictionary<int, int>>(q => q.CountBySupportTypeAsync(_alice));
        await asClient.Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task ShouldReturnNothing_WhenAClientUserAsksForAnotherClientsTicket()
    {
        (await GetAsync(_alice, _bobTicket)).Should().BeNull();
        (await GetAsync(_bob, _aliceTicket)).Should().BeNull();
        (await GetAsync(_bob, _bobTicket))!.Title.Should().Be("Bob's ticket");
    }

    [Fact]
    public async Task ShouldShowAClientUserOnlyTheTicketsTheyRaised_WhileTheClientAdminSeesAll()
    {
        (await GetAsync(_carol, _aliceTicket)).Should().BeNull();
        (await GetAsync(_carol, _carolTicket)).Should().NotBeNull();
        (await ListAsync(_carol)).Items.Select(t => t.Title).Should().Equal("Carol's ticket");
        (await ListAsync(_alice)).Items.Select(t => t.Title).Should().BeEquivalentTo("Alice's ticket", "Carol's ticket");
    }

    [Fact]
    public async Task ShouldListEveryClientsTickets_WhenStaffAsks_AndLeaveClosedOnesOutOfTheOpenList()
    {
        (await ListAsync(DomainTestHost.StaffActor)).TotalCount.Should().Be(3);
        (await ListAsync(DomainTestHost.StaffActor, openOnly: true)).Items.Select(t => t.Title)
            .Should().BeEquivalentTo("Alice's ticket", "Bob's ticket");
    }

    [Fact]
    public async Task ShouldPageTheList_WithTheTotalCount()
    {
        var page = await Host.WithAsync<TicketQueries, PagedResult<TicketListItem>>(q => q.ListAsync(DomainTestHost.StaffActor, TicketFilter.None, 1, 2));

        page.TotalCount.Should().Be(3);
        page.Items.Should().HaveCount(1);
    }

    [Theory]
    [InlineData("KT-1042", true, 1042)]
    [InlineData("kt-7", true, 7)]
    [InlineData("KT-", false, 0)]
    [InlineData("KT-12a", false, 0)]
    [InlineData("KT--5", false, 0)]
    [InlineData("1042", false, 0)]
    [InlineData(null, false, 0)]
    public void ShouldParseOnlyWellFormedNumbers_WhenGivenTicketNumberText(string? text, bool ok, int expected)
    {
        TicketNumber.TryParse(text, out var number).Should().Be(ok);
        number.Should().Be(expected);
    }
}

using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Seeding;

public sealed class BulkDataSeederTests : DomainTestBase
{
    private Task<BulkSeedResult> SeedAsync(int clients, int tickets, int seed = 1) =>
        Host.WithAsync<BulkDataSeeder, BulkSeedResult>(s => s.SeedAsync(clients, tickets, seed));

    [Fact]
    public async Task ShouldAddClientsUsersAndSequentialTickets_AndKeepNumberingAfterThem()
    {
        var result = await SeedAsync(clients: 3, tickets: 1_200);

        result.Should().Be(new BulkSeedResult(3, 3 * 3 + 4, 1_200, 1001, 2200));
        await using (var db = await Host.OpenDbAsync())
        {
            (await db.Tickets.CountAsync()).Should().Be(1_200);
            (await db.Tickets.Select(t => t.Number).Distinct().CountAsync()).Should().Be(1_200);
            (await db.Tickets.Select(t => t.Status).Distinct().CountAsync()).Should().Be(5);
            (await db.Users.CountAsync(u => u.ClientId != null)).Should().Be(9);
        }

        var second = await SeedAsync(clients: 1, tickets: 10, seed: 2);
        second.FirstNumber.Should().Be(2201);
        var staff = new Actor("x", PortalRoles.Staff, null);
        var clientAdmin = await Host.WithAsync<TicketQueries, PagedResult<TicketListItem>>(q => q.ListAsync(staff, TicketFilter.None, 0, 1));
        clientAdmin.TotalCount.Should().Be(1_210);
    }

    [Fact]
    public async Task ShouldGiveTheSameTicketsForTheSameSeed()
    {
        await SeedAsync(clients: 2, tickets: 50, seed: 42);
        await using var db = await Host.OpenDbAsync();
        var first = await db.Tickets.OrderBy(t => t.Number).Select(t => t.Title + t.Status).ToListAsync();

        await using var other = await DomainTestHost.CreateAsync();
        await other.WithAsync<BulkDataSeeder, BulkSeedResult>(s => s.SeedAsync(2, 50, 42));
        await using var otherDb = await other.OpenDbAsync();
        (await otherDb.Tickets.OrderBy(t => t.Number).Select(t => t.Title + t.Status).ToListAsync()).Should().Equal(first);
    }

    [Theory]
    [InlineData(0, 10, "--clients must be between 1 and 10000.")]
    [InlineData(5, -1, "--tickets must be between 0 and 5000000.")]
    public async Task ShouldRefuseOutOfRangeCounts_AndAddNothing(int clients, int tickets, string message)
    {
        var act = () => SeedAsync(clients, tickets);

        (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Be(message);
        await using var db = await Host.OpenDbAsync();
        (await db.Clients.CountAsync()).Should().Be(0);
    }
}

using KtPortal.Domain.Accounts;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.Clients;

public sealed class ClientQueriesTests : DomainTestBase
{
    private int _acme;
    private int _birch;
    private Actor _alice = null!;
    private Actor _carol = null!;

    protected override async Task SeedAsync()
    {
        _acme = await Host.CreateClientAsync("Acme Dental");
        _birch = await Host.CreateClientAsync("Birch & Co");
        _alice = await Host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, _acme);
        _carol = await Host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, _acme);
        await Host.CreateUserAsync("bob@birch.test", PortalRoles.ClientAdmin, _birch);
    }

    [Fact]
    public async Task ShouldListEveryClient_WhenStaffAsks()
    {
        var clients = await Host.WithAsync<ClientQueries, IReadOnlyList<ClientListItem>>(q => q.ListAsync(DomainTestHost.StaffActor));

        var activeUsers = await Host.WithAsync<ClientUserQueries, IReadOnlyDictionary<int, int>>(q => q.CountActiveByClientAsync(DomainTestHost.StaffActor));

        clients.Select(c => (c.Name, activeUsers[c.Id])).Should().Equal(("Acme Dental", 2), ("Birch & Co", 1));
        var clientCounts = () => Host.WithAsync<ClientUserQueries, IReadOnlyDictionary<int, int>>(q => q.CountActiveByClientAsync(_alice));
        await clientCounts.Should().ThrowAsync<ForbiddenException>("the counts span every client");
    }

    [Fact]
    public async Task ShouldOnlyShowTheirOwnClient_WhenAClientUserAsks()
    {
        var clients = await Host.WithAsync<ClientQueries, IReadOnlyList<ClientListItem>>(q => q.ListAsync(_carol));
        var other = await Host.WithAsync<ClientQueries, ClientDetails?>(q => q.GetAsync(_alice, _birch));

        clients.Should().ContainSingle().Which.Id.Should().Be(_acme);
        other.Should().BeNull();
    }

    [Fact]
    public async Task ShouldListUsers_OnlyForStaffAndTheClientsOwnAdmins()
    {
        var forAlice = await Host.WithAsync<ClientUserQueries, IReadOnlyList<ClientUserListItem>>(q => q.ListAsync(_alice, _acme));
        var aliceAsksBirch = () => Host.WithAsync<ClientUserQueries, IReadOnlyList<ClientUserListItem>>(q => q.ListAsync(_alice, _birch));
        var carolAsks = () => Host.WithAsync<ClientUserQueries, IReadOnlyList<ClientUserListItem>>(q => q.ListAsync(_carol, _acme));

        forAlice.Select(u => (u.Email, u.Role)).Should().BeEquivalentTo(
            [("alice@acme.test", PortalRoles.ClientAdmin), ("carol@acme.test", PortalRoles.ClientUser)]);
        await aliceAsksBirch.Should().ThrowAsync<NotFoundException>();
        await carolAsks.Should().ThrowAsync<NotFoundException>();
    }
}

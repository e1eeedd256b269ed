using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Components.Shared;
using KtPortal.Web.Features.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.Tickets;

/// <summary>The ticket table (ticket list and client dashboard) over the real services and the real change notifier.</summary>
public sealed class TicketTableTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private AsyncServiceScope _scope;
    private int _acme;
    private int _birch;
    private Actor _staff = null!;
    private Actor _acmeAdmin = null!;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        _acme = await _host.CreateClientAsync("Acme Dental");
        _birch = await _host.CreateClientAsync("Birch Law");
        _staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _acmeAdmin = await _host.CreateUserAsync("ann@acme.test", PortalRoles.ClientAdmin, _acme);
        _scope = _host.Services.CreateAsyncScope();
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<TicketQueries>());
        Services.AddSingleton(_host.Get<IChangeNotifier>());
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    private Task<int> TicketAsync(int clientId, string title) =>
        _host.WithAsync<TicketService, int>(s => s.CreateAsync(_staff, new NewTicketInput(TicketType.Troubleshooting, SupportType.TroubleshootingId, title, "Help", ClientId: clientId)));

    private Task MoveAsync(int number, TicketStatus status) => _host.WithAsync<TicketService>(s => s.ChangeStatusAsync(_staff, number, status));

    private static string Row(int number) => $"[data-testid=ticket-link][data-ticket-number={TicketNumber.Format(number)}]";

    private IRenderedComponent<TicketTable> RenderTable(Actor actor, int pageSize = 25, TicketFilter? filter = null)
    {
        SignInAs(actor);
        var table = Render<TicketTable>(p => p.Add(t => t.PageSize, pageSize).Add(t => t.Filter, filter ?? TicketFilter.None).Add(t => t.EmptyText, "Nothing here."));
        table.WaitForElement("[data-testid=ticket-table][data-ready=true]");
        return table;
    }

    [Fact]
    public async Task ShouldShowAClientUserOnlyTheirOwnClientsTickets_AndKeepItSoOnLiveChanges()
    {
        var acmeTicket = await TicketAsync(_acme, "Acme printer");
        var birchTicket = await TicketAsync(_birch, "Birch e-mail");
        var table = RenderTable(_acmeAdmin);

        table.FindAll(Row(acmeTicket)).Should().ContainSingle();
        table.FindAll(Row(birchTicket)).Should().BeEmpty();

        var laterBirch = await TicketAsync(_birch, "Birch again");
        var laterAcme = await TicketAsync(_acme, "Acme again");

        table.WaitForElement(Row(laterAcme));
        table.FindAll(Row(laterBirch)).Should().BeEmpty("another client's ticket never reaches a client user's table");
        table.FindAll("[data-testid=ticket-link]").Should().HaveCount(2);
    }

    [Fact]
    public async Task ShouldRedrawOnlyTheChangedRow_WithoutALoadingBar_WhenATicketChangesElsewhere()
    {
        var first = await TicketAsync(_acme, "Site down");
        var second = await TicketAsync(_acme, "Form broken");
        var table = RenderTable(_staff);
        var untouched = table.FindComponents<TicketTableRow>().Single(r => r.Instance.Item.Number == first);
        var pager = table.FindComponent<TablePager>();
        var rowRenders = untouched.RenderCount;
        var pagerRenders = pager.RenderCount;

        await MoveAsync(second, TicketStatus.InProgress);

        table.WaitForAssertion(() => table.Find(Row(second)).GetAttribute("data-status").Should().Be("InProgress"));
        table.FindAll(".mud-table-loading-row").Should().BeEmpty();
        untouched.RenderCount.Should().Be(rowRenders, "a row whose ticket did not change is not redrawn");
        pager.RenderCount.Should().Be(pagerRenders, "the page and the count did not change");
    }

    [Fact]
    public async Task ShouldPutATicketCreatedElsewhereOnTop_AndCountIt()
    {
        await TicketAsync(_acme, "Older");
        var table = RenderTable(_staff);
        table.Find("[data-testid=ticket-pager-range]").TextContent.Should().Be("1-1 of 1");

        var created = await TicketAsync(_acme, "Brand new");

        table.WaitForAssertion(() => table.Find("[data-testid=ticket-link]").GetAttribute("data-ticket-number").Should().Be(TicketNumber.Format(created)));
        table.Find("[data-testid=ticket-pager-range]").TextContent.Should().Be("1-2 of 2");
    }

    [Fact]
    public async Task ShouldPageThroughTheTickets_AndChangeRowsPerPage()
    {
        var numbers = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            numbers.Add(await TicketAsync(_acme, $"Ticket {i}"));
        }

        var table = RenderTable(_staff, pageSize: 10);
        table.FindAll("[data-testid=ticket-link]").Should().HaveCount(10);
        table.Find("[data-testid=ticket-pager-range]").TextContent.Should().Be("1-10 of 12");

        await table.InvokeAsync(() => table.FindComponent<TablePager>().Instance.PageChanged.InvokeAsync(1));

        table.WaitForAssertion(() => table.Find("[data-testid=ticket-pager-range]").TextContent.Should().Be("11-12 of 12"));
        table.FindAll("[data-testid=ticket-link]").Select(a => a.GetAttribute("data-ticket-number"))
            .Should().Equal(numbers.Take(2).Reverse().Select(TicketNumber.Format), "newest first, so the oldest two are on page two");
        table.FindAll(".mud-table-loading-row").Should().BeEmpty();

        await table.InvokeAsync(() => table.FindComponent<TablePager>().Instance.PageSizeChanged.InvokeAsync(25));

        table.WaitForAssertion(() => table.Find("[data-testid=ticket-pager-range]").TextContent.Should().Be("1-12 of 12"));
        table.FindAll("[data-testid=ticket-link]").Should().HaveCount(12);
    }

    [Fact]
    public async Task ShouldMoveToTheLastPageLeft_WhenTheShownPageEmptiesUnderIt()
    {
        var numbers = new List<int>();
        for (var i = 0; i < 11; i++)
        {
            numbers.Add(await TicketAsync(_acme, $"Ticket {i}"));
        }

        var table = RenderTable(_staff, pageSize: 10, filter: new TicketFilter { OpenOnly = true });
        await table.InvokeAsync(() => table.FindComponent<TablePager>().Instance.PageChanged.InvokeAsync(1));
        table.WaitForAssertion(() => table.Find("[data-testid=ticket-pager-range]").TextContent.Should().Be("11-11 of 11"));

        await MoveAsync(numbers[0], TicketStatus.Closed);

        table.WaitForAssertion(() => table.Find("[data-testid=ticket-pager-range]").TextContent.Should().Be("1-10 of 10"));
        table.FindAll("[data-testid=ticket-link]").Should().HaveCount(10);
    }

    [Fact]
    public void ShouldSayWhenThereAreNoTickets()
    {
        var table = RenderTable(_acmeAdmin);

        table.Find("[data-testid=tickets-empty]").TextContent.Should().Be("Nothing here.");
        table.Find("[data-testid=ticket-pager-range]").TextContent.Should().Be("0-0 of 0");
    }
}

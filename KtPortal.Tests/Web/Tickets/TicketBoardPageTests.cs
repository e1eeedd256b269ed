using Bunit;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.Tickets;

/// <summary>The live board over the real services (in-memory SQLite) and the real change notifier: changes made elsewhere move one card.</summary>
public sealed class TicketBoardPageTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private AsyncServiceScope _scope;
    private int _acme;
    private Actor _staff = null!;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        _acme = await _host.CreateClientAsync("Acme Dental");
        _staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _scope = _host.Services.CreateAsyncScope();
        foreach (var type in new[] { typeof(TicketQueries), typeof(TicketService), typeof(UsageQueries), typeof(QuoteQueries), typeof(ClientQueries), typeof(SupportTypeQueries) })
        {
            Services.AddSingleton(type, _scope.ServiceProvider.GetRequiredService(type));
        }

        Services.AddSingleton(_host.Get<IChangeNotifier>());
        Services.AddScoped<KtPortal.Web.Features.Tickets.Moves.TicketMoves>();
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        SignInAs(_staff);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    private Task<int> TicketAsync(string title) =>
        _host.WithAsync<TicketService, int>(s => s.CreateAsync(_staff, new NewTicketInput(TicketType.Troubleshooting, SupportType.TroubleshootingId, title, "Help", ClientId: _acme)));

    private Task MoveAsync(int number, TicketStatus status) => _host.WithAsync<TicketService>(s => s.ChangeStatusAsync(_staff, number, status));

    private async Task<TicketStatus> StatusAsync(int number) =>
        (await _host.WithAsync<TicketQueries, TicketDetails?>(q => q.GetByNumberAsync(_staff, number)))!.Status;

    private static string Card(int number, TicketStatus status) =>
        $"[data-testid=board-columns] [data-testid=board-column][data-status={status}] [data-testid=ticket-card][data-ticket-number={TicketNumber.Format(number)}]";

    private static string Count(TicketStatus status) => $"[data-testid=board-column][data-status={status}] [data-testid=column-count]";

    /// <summary>The board in a browser window <paramref name="width"/> pixels wide (MudBlazor's viewport service asks the page).</summary>
    private IRenderedComponent<TicketBoardPage> RenderBoard(int width = 1400)
    {
        JSInterop.Setup<MudBlazor.Services.BrowserWindowSize>("mudResizeListener.getBrowserWindowSize")
            .SetResult(new MudBlazor.Services.BrowserWindowSize { Width = width, Height = 900 });
        var board = Render<TicketBoardPage>();
        board.WaitForElement("[data-testid=board]");
        return board;
    }

    [Fact]
    public async Task ShouldMoveTheChangedCard_AndRedrawNoOtherCard_WhenSomeoneElseChangesATicket()
    {
        var first = await TicketAsync("Site down");
        var second = await TicketAsync("Form broken");
        var board = RenderBoard();
        board.WaitForElement(Card(first, TicketStatus.New));
        var untouched = board.FindComponents<TicketBoardCard>().Where(c => c.Instance.Ticket.Number == second).ToList();
        var rendersBefore = untouched.Select(c => c.RenderCount).ToList();

        await MoveAsync(first, TicketStatus.InProgress);

        board.WaitForElement(Card(first, TicketStatus.InProgress));
        board.FindAll(Card(first, TicketStatus.New)).Should().BeEmpty();
        board.Find(Count(TicketStatus.New)).TextContent.Should().Be("1");
        board.Find(Count(TicketStatus.InProgress)).TextContent.Should().Be("1");
        untouched.Should().ContainSingle("a desktop window renders the columns only");
        untouched.Select(c => c.RenderCount).Should().Equal(rendersBefore, "a card whose ticket did not change is not redrawn");
    }

    [Fact]
    public async Task ShouldShowATicketCreatedElsewhere_AtTheTopOfNew()
    {
        await TicketAsync("Older");
        var board = RenderBoard();

        var created = await TicketAsync("Brand new");

        board.WaitForElement(Card(created, TicketStatus.New));
        board.Find("[data-testid=board-columns] [data-testid=board-column][data-status=New] [data-testid=ticket-card]")
            .GetAttribute("data-ticket-number").Should().Be(TicketNumber.Format(created));
        board.Find(Count(TicketStatus.New)).TextContent.Should().Be("2");
    }

    [Fact]
    public async Task ShouldKeepAFullFirstPage_WhenCardsLeaveALongColumn()
    {
        var numbers = new List<int>();
        for (var i = 0; i < TicketBoardPage.PageSize + 5; i++)
        {
            numbers.Add(await TicketAsync($"Ticket {i}"));
        }

        var board = RenderBoard();
        var newCards = "[data-testid=board-columns] [data-testid=board-column][data-status=New] [data-testid=ticket-card]";
        board.FindAll(newCards).Should().HaveCount(TicketBoardPage.PageSize);

        // The three newest are on the first page; they leave it, and the page fills up from the rest.
        foreach (var number in numbers.TakeLast(3))
        {
            await MoveAsync(number, TicketStatus.InProgress);
        }

        board.WaitForAssertion(() => board.Find(Count(TicketStatus.New)).TextContent.Should().Be($"{TicketBoardPage.PageSize + 2}"));
        board.WaitForAssertion(() => board.FindAll(newCards).Should().HaveCount(TicketBoardPage.PageSize));
        board.FindAll(Card(numbers[0], TicketStatus.New)).Should().BeEmpty("the oldest is still past the first page");
        board.Find("[data-testid=board-column][data-status=New] [data-testid=column-more]").TextContent.Should().Contain("2 left");
    }

    [Fact]
    public async Task ShouldShowTenCardsAColumnFirst_AndTwentyFiveMorePerShowMore()
    {
        for (var i = 0; i < TicketBoardPage.PageSize + TicketBoardPage.MorePageSize + 5; i++)
        {
            await TicketAsync($"Ticket {i}");
        }

        var board = RenderBoard();
        var newCards = "[data-testid=board-columns] [data-testid=board-column][data-status=New] [data-testid=ticket-card]";
        var more = "[data-testid=board-column][data-status=New] [data-testid=column-more]";
        board.FindAll(newCards).Should().HaveCount(10);
        board.Find(more).TextContent.Should().Contain("30 left");

        board.Find(more).Click();

        board.WaitForAssertion(() => board.FindAll(newCards).Should().HaveCount(35));
        board.Find(more).TextContent.Should().Contain("5 left");
    }

    [Fact]
    public async Task ShouldKeepAColumnAtItsSize_WhenCardsArriveLive()
    {
        for (var i = 0; i < TicketBoardPage.PageSize; i++)
        {
            await MoveAsync(await TicketAsync($"Working {i}"), TicketStatus.InProgress);
        }

        var arriving = await TicketAsync("Arriving");
        var board = RenderBoard();
        var inProgress = "[data-testid=board-columns] [data-testid=board-column][data-status=InProgress] [data-testid=ticket-card]";
        board.FindAll(inProgress).Should().HaveCount(TicketBoardPage.PageSize);

        await MoveAsync(arriving, TicketStatus.InProgress);

        board.WaitForElement(Card(arriving, TicketStatus.InProgress));
        board.FindAll(inProgress).Should().HaveCount(TicketBoardPage.PageSize, "the oldest card goes behind Show more");
        board.Find("[data-testid=board-column][data-status=InProgress] [data-testid=column-more]").TextContent.Should().Contain("1 left");
    }

    [Fact]
    public async Task ShouldFollowTheClientsPlanHealth_WhenTimeIsLogged()
    {
        await _host.WithAsync<PlanService, int>(s => s.CreateAsync(_staff, _acme,
            new PlanInput("Basic Maintenance", 600, [SupportType.TroubleshootingId], 120_00, 95_00, 500_00, 1, new DateOnly(2026, 11, 1))));
        var ticket = await TicketAsync("Site down");
        var board = RenderBoard();
        board.WaitForAssertion(() => board.FindAll("[data-testid=plan-health]").Select(e => e.TextContent.Trim()).Should().Equal("0%"));

        await _host.WithAsync<TimeEntryService, long>(s => s.LogAsync(_staff, ticket, new TimeEntryInput(new DateOnly(2026, 11, 24), "6h")));

        board.WaitForAssertion(() => board.FindAll("[data-testid=plan-health]").Select(e => e.TextContent.Trim()).Should().Equal("60%"));
    }

    [Fact]
    public async Task ShouldRenderTheColumnsOnly_OnADesk()
    {
        var ticket = await TicketAsync("Site down");

        var board = RenderBoard(width: 1400);

        board.WaitForAssertion(() => board.FindAll("[data-testid=board-list]").Should().BeEmpty());
        board.FindAll(Card(ticket, TicketStatus.New)).Should().ContainSingle();
    }

    [Fact]
    public async Task ShouldShowOneStatusAtATime_WithEveryStatusCounted_OnAPhone()
    {
        var ticket = await TicketAsync("Site down");
        var other = await TicketAsync("Mail bounces");
        await MoveAsync(other, TicketStatus.WaitingOnClient);
        string Tab(TicketStatus status) => $"[data-testid=board-status-tab][data-status={status}]";

        var board = RenderBoard(width: 390);
        board.WaitForAssertion(() => board.FindAll("[data-testid=board-columns]").Should().BeEmpty());

        board.FindAll("[data-testid=board-status-tab]").Select(t => t.TextContent.Trim()).Should().Equal(
            "New1", "In Progress0", "Waiting on Client1", "Resolved0", "Closed0");
        board.Find(Tab(TicketStatus.New)).GetAttribute("aria-pressed").Should().Be("true");
        board.FindAll("[data-testid=board-list] [data-testid=ticket-card]").Select(c => c.GetAttribute("data-ticket-number"))
            .Should().Equal(TicketNumber.Format(ticket));

        board.Find(Tab(TicketStatus.WaitingOnClient)).Click();

        board.Find(Tab(TicketStatus.WaitingOnClient)).GetAttribute("aria-pressed").Should().Be("true");
        board.Find(Tab(TicketStatus.New)).GetAttribute("aria-pressed").Should().Be("false");
        board.FindAll("[data-testid=board-list] [data-testid=ticket-card]").Select(c => c.GetAttribute("data-ticket-number"))
            .Should().Equal(TicketNumber.Format(other));
    }

    [Fact]
    public async Task ShouldMoveFromTheCardsMenu_AndPutTheStatusBack_WhenUndone()
    {
        var ticket = await TicketAsync("Site down");
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var board = RenderBoard(width: 390);
        var card = $"[data-testid=board-list] [data-testid=ticket-card][data-ticket-number={TicketNumber.Format(ticket)}]";

        board.Find($"{card} [data-testid=card-move-menu]").Click();
        await board.Find($"{card} [data-testid=card-move-InProgress]").ClickAsync(new());

        board.WaitForAssertion(() => board.FindAll(card).Should().BeEmpty("the card left the New list"));
        board.Find("[data-testid=board-status-tab][data-status=InProgress] .portal-status-count").TextContent.Should().Be("1");
        snackbars.WaitForAssertion(() => snackbars.Markup.Should().Contain($"{TicketNumber.Format(ticket)} moved to In Progress."));

        await snackbars.Find("[data-testid=undo-move]").ClickAsync(new());

        board.WaitForAssertion(() => board.Find(card).GetAttribute("data-status").Should().Be("New"));
        (await StatusAsync(ticket)).Should().Be(TicketStatus.New);
        snackbars.WaitForAssertion(() => snackbars.Markup.Should().Contain($"Undone: {TicketNumber.Format(ticket)} is New again."));
    }

    [Fact]
    public async Task ShouldAskBeforeClosing_AndCloseNothing_WhenThePersonCancels()
    {
        var ticket = await TicketAsync("Site down");
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var board = RenderBoard();
        var card = Card(ticket, TicketStatus.New);

        board.Find($"{card} [data-testid=card-move-menu]").Click();
        var moving = board.InvokeAsync(() => board.Find($"{card} [data-testid=card-move-Closed]").Click());
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain($"Close {TicketNumber.Format(ticket)}?"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        await moving;
        (await StatusAsync(ticket)).Should().Be(TicketStatus.New, "nothing closes before the person confirms");

        board.Find($"{card} [data-testid=card-move-menu]").Click();
        moving = board.InvokeAsync(() => board.Find($"{card} [data-testid=card-move-Closed]").Click());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Close ticket"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Close ticket").Click();
        await moving;

        board.WaitForElement(Card(ticket, TicketStatus.Closed));
        (await StatusAsync(ticket)).Should().Be(TicketStatus.Closed);
    }

    [Fact]
    public async Task ShouldUndoABulkMove_ForEveryTicketItMoved()
    {
        var first = await TicketAsync("Site down");
        var second = await TicketAsync("Mail bounces");
        await MoveAsync(second, TicketStatus.WaitingOnClient);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var board = RenderBoard();
        board.Find($"{Card(first, TicketStatus.New)} [data-testid=card-select]").Change(true);
        board.Find($"{Card(second, TicketStatus.WaitingOnClient)} [data-testid=card-select]").Change(true);

        var popovers = Render<MudBlazor.MudPopoverProvider>();
        board.Find("[data-testid=bulk-move] button, button[data-testid=bulk-move]").Click();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-menu-item").Should().NotBeEmpty());
        await popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Resolved").ClickAsync(new());

        board.WaitForElement(Card(first, TicketStatus.Resolved));
        board.WaitForElement(Card(second, TicketStatus.Resolved));
        snackbars.WaitForAssertion(() => snackbars.Markup.Should().Contain("2 tickets moved to Resolved."));
        await snackbars.Find("[data-testid=undo-move]").ClickAsync(new());

        board.WaitForElement(Card(first, TicketStatus.New));
        board.WaitForElement(Card(second, TicketStatus.WaitingOnClient));
        (await StatusAsync(second)).Should().Be(TicketStatus.WaitingOnClient);
    }

    [Fact]
    public async Task ShouldMoveADraggedCard_OnlyToAColumnItMayGoTo()
    {
        var ticket = await TicketAsync("Site down");
        await MoveAsync(ticket, TicketStatus.Closed);
        var board = RenderBoard();
        string Zone(TicketStatus status) => $"[data-testid=board-column][data-status={status}] [data-testid=board-zone]";

        board.Find(Card(ticket, TicketStatus.Closed)).DragStart();
        board.Find(Zone(TicketStatus.New)).ClassList.Should().Contain("portal-board-zone-closed", "a closed ticket only reopens to In Progress");
        board.Find(Zone(TicketStatus.InProgress)).ClassList.Should().Contain("portal-board-zone-open");
        await board.Find(Zone(TicketStatus.New)).DropAsync(new());
        board.FindAll(Card(ticket, TicketStatus.Closed)).Should().ContainSingle("the refused drop changed nothing");

        board.Find(Card(ticket, TicketStatus.Closed)).DragStart();
        await board.Find(Zone(TicketStatus.InProgress)).DropAsync(new());

        board.WaitForElement(Card(ticket, TicketStatus.InProgress));
        (await _host.WithAsync<TicketQueries, TicketDetails?>(q => q.GetByNumberAsync(_staff, ticket)))!.Status.Should().Be(TicketStatus.InProgress);
        board.FindAll("[data-testid=board-zone].portal-board-zone-open").Should().BeEmpty("the drag is over");
    }

    [Fact]
    public async Task ShouldFlagAServiceRequest_WhenWorkStartsWithoutAQuote()
    {
        var feature = await _host.WithAsync<TicketService, int>(s => s.CreateAsync(_staff,
            new NewTicketInput(TicketType.ServiceRequest, SupportType.DevelopmentId, "New booking page", "Please", ClientId: _acme)));
        var board = RenderBoard();
        board.WaitForElement(Card(feature, TicketStatus.New));
        board.FindAll("[data-testid=quote-flag]").Should().BeEmpty("nobody works on it yet");

        await MoveAsync(feature, TicketStatus.InProgress);

        board.WaitForAssertion(() => board.Find($"{Card(feature, TicketStatus.InProgress)} [data-testid=quote-flag]").GetAttribute("data-flag").Should().Be("NotQuoted"));
    }
    private Task<int> TicketAsync(string title, int clientId, TicketType type = TicketType.Troubleshooting, TicketPriority priority = TicketPriority.Normal, string? assigneeId = null) =>
        _host.WithAsync<TicketService, int>(s => s.CreateAsync(_staff, new NewTicketInput(
            type, type == TicketType.Troubleshooting ? SupportType.TroubleshootingId : SupportType.DevelopmentId, title, "Help", priority, clientId, AssigneeId: assigneeId)));

    private static string[] CardNumbers(IRenderedComponent<TicketBoardPage> board) =>
        board.FindAll("[data-testid=board-columns] [data-testid=ticket-card]").Select(c => c.GetAttribute("data-ticket-number")!).Order().ToArray();

    private static string[] Numbers(params int[] numbers) => numbers.Select(TicketNumber.Format).Order().ToArray();

    [Fact]
    public async Task ShouldShowOnlyTheChosenClientsTickets_AlsoLive_UntilTheFiltersAreCleared()
    {
        var birch = await _host.CreateClientAsync("Birch & Co");
        var acmeTicket = await TicketAsync("Site down", _acme);
        var birchTicket = await TicketAsync("Printer jam", birch);
        var board = RenderBoard();
        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(acmeTicket, birchTicket)));
        board.FindAll("[data-testid=board-filters-clear]").Should().BeEmpty("nothing is filtered yet");

        board.Find("[data-testid=board-filter-client]").Change(birch.ToString(System.Globalization.CultureInfo.InvariantCulture));

        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(birchTicket)));
        board.Find("[data-testid=board-filter-client]").GetAttribute("value").Should().Be(birch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var laterAcme = await TicketAsync("Mail bounces", _acme);
        var laterBirch = await TicketAsync("Laptop slow", birch);
        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(birchTicket, laterBirch), "a ticket of another client stays off the filtered board"));
        board.Find(Count(TicketStatus.New)).TextContent.Should().Be("2");

        board.Find("[data-testid=board-filters-clear]").Click();

        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(acmeTicket, birchTicket, laterAcme, laterBirch)));
        board.Find("[data-testid=board-filter-client]").GetAttribute("value").Should().BeEmpty();
        board.FindAll("[data-testid=board-filters-clear]").Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldSearch_OnceTypingPauses_OrAtOnceOnEnter()
    {
        var site = await TicketAsync("Site down", _acme);
        var printer = await TicketAsync("Printer jam", _acme);
        var board = RenderBoard();
        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(site, printer)));

        board.Find("[data-testid=board-search]").Input("print");
        Clock.Advance(TicketBoardFilters.SearchPause / 2);
        board.Find("[data-testid=board-search]").Input("printer");
        Clock.Advance(TicketBoardFilters.SearchPause / 2);
        CardNumbers(board).Should().Equal(Numbers(site, printer), "typing has not paused for long enough yet");
        Clock.Advance(TicketBoardFilters.SearchPause / 2);

        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(printer)));
        board.Find("[data-testid=board-search]").GetAttribute("value").Should().Be("printer", "what was typed stays in the box");

        board.Find("[data-testid=board-search]").Input(TicketNumber.Format(site));
        board.Find("[data-testid=board-search]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        // Enter searches without waiting for the pause (the clock does not move).
        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(site)));
    }

    [Fact]
    public async Task ShouldFilterByTypeAndPriority_Together()
    {
        var urgentFix = await TicketAsync("Site down", _acme, priority: TicketPriority.Urgent);
        await TicketAsync("Printer jam", _acme);
        await TicketAsync("Booking page", _acme, TicketType.ServiceRequest, TicketPriority.Urgent);
        var board = RenderBoard();
        board.WaitForAssertion(() => CardNumbers(board).Should().HaveCount(3));

        board.Find("[data-testid=board-filter-priority]").Change(nameof(TicketPriority.Urgent));
        board.WaitForAssertion(() => CardNumbers(board).Should().HaveCount(2));
        board.Find("[data-testid=board-filter-type]").Change(nameof(TicketType.Troubleshooting));

        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(urgentFix)));
    }

    [Fact]
    public async Task ShouldShowOnlyMyTickets_WithMine_AndNotOfferAnAssigneeMeanwhile()
    {
        var colleague = await _host.CreateUserAsync("pat@kt.test", PortalRoles.Staff, null);
        var mine = await TicketAsync("Site down", _acme, assigneeId: _staff.UserId);
        var theirs = await TicketAsync("Printer jam", _acme, assigneeId: colleague.UserId);
        var board = RenderBoard();
        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(mine, theirs)));
        board.Find("[data-testid=board-filter-assignee]").Change(colleague.UserId);
        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(theirs)));

        board.Find("[data-testid=board-mine]").Change(true);

        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(mine)));
        board.Find("[data-testid=board-filter-assignee]").HasAttribute("disabled").Should().BeTrue();
        board.Find("[data-testid=board-filter-assignee]").GetAttribute("value").Should().BeEmpty("Mine replaces the assignee chosen before");
    }

    [Fact]
    public async Task ShouldIgnoreAnOptionThatIsNotOnTheList()
    {
        var ticket = await TicketAsync("Site down", _acme);
        var board = RenderBoard();
        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(ticket)));

        board.Find("[data-testid=board-filter-priority]").Change("42");
        board.Find("[data-testid=board-filter-client]").Change("not-a-number");

        board.WaitForAssertion(() => CardNumbers(board).Should().Equal(Numbers(ticket)));
        board.FindAll("[data-testid=board-filters-clear]").Should().BeEmpty("a value that is no option filters nothing");
    }
}

using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.Tickets;
using KtPortal.Web.Components.Shared;
using KtPortal.Web.Features.Tickets.Moves;
using KtPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace KtPortal.Web.Features.Tickets;

/// <summary>
/// The live staff board: one keyset-paged column per status, side by side on a desk (drag and drop), one at a
/// time behind a status switcher on a phone; a move menu on every card, filters, bulk actions; every move can be
/// undone. A ticket change anywhere re-reads that ticket through the services and moves its card.
/// </summary>
public sealed partial class TicketBoardPage : IAsyncDisposable, IBoardCardActions
{
    /// <summary>Cards per column on first load (and what a column is topped up to): about one screen high.</summary>
    public const int PageSize = 10;

    /// <summary>Cards each "Show more" adds to a column.</summary>
    public const int MorePageSize = 25;
    // A change of the service levels has no ticket number: the board reads its columns again (new due times).
    private static readonly string[] LiveTopics = [PortalChange.Topics.Ticket, PortalChange.Topics.ServiceLevels];
    private static readonly string[] LiveUsageTopics = [PortalChange.Topics.Usage, PortalChange.Topics.Plan];

    private readonly HashSet<int> _selected = [];
    private readonly HashSet<int> _changed = [];
    private readonly HashSet<int> _flagsRead = [];
    private readonly Guid _viewportSubscription = Guid.NewGuid();
    private Dictionary<TicketStatus, BoardColumn>? _columns;
    private IReadOnlyDictionary<int, PlanHealth> _planHealth = new Dictionary<int, PlanHealth>();

    // The search matched more than the board reads (TicketQueries.SearchWindow): the page says so.
    private bool _searchTruncated;
    private DateOnly _planHealthDay;
    private IReadOnlyDictionary<int, QuoteAlert> _quoteFlags = new Dictionary<int, QuoteAlert>();
    private TicketListItem? _dragged;
    private TicketFilter _filter = TicketFilter.None;
    private IReadOnlyList<PersonRef> _assignees = [];
    private Actor? _actor;
    private bool _busy;
    private bool _loading;
    private bool _reloadAll;
    private BoardLayout _layout = BoardLayout.Both;
    private TicketStatus _shownStatus = TicketStatus.New;
    private (string Number, TicketStatus Status)? _focusAfterMove;

    /// <summary>Which layout the page renders: both until the browser reports its width, then the one CSS would show.</summary>
    private enum BoardLayout
    {
        Both,
        Columns,
        List,
    }

    [Inject]
    private TicketQueries Tickets { get; set; } = default!;

    [Inject]
    private TicketService TicketService { get; set; } = default!;

    [Inject]
    private UsageQueries Usage { get; set; } = default!;

    [Inject]
    private QuoteQueries Quotes { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private PortalClock Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TicketMoves Moves { get; set; } = default!;

    [Inject]
    private IBrowserViewportService Viewport { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<TicketBoardPage> Logger { get; set; } = default!;

    private IEnumerable<TicketListItem> AllCards => _columns?.Values.SelectMany(c => c.Items) ?? [];

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _assignees = await Tickets.ListAssigneesAsync(_actor);
        await RefreshAsync();
    }

    private async Task OnFilterChangedAsync(TicketFilter filter)
    {
        _filter = filter;
        _selected.Clear();
        _columns = null;
        _reloadAll = true;
        await RefreshAsync();
    }

    /// <summary>A ticket changed somewhere: apply just that ticket (its number is the change's entity id).</summary>
    /// <summary>
    /// The shared tick: cards work out their due state again from what they hold. Under "Due soon" the set itself moves
    /// with the clock (tickets come within the window), so the columns are read again.
    /// </summary>
    private Task OnSlaTickAsync()
    {
        if (!_filter.DueSoon)
        {
            StateHasChanged();
            return Task.CompletedTask;
        }

        _reloadAll = true;
        return RefreshAsync();
    }

    private Task OnTicketChangedAsync(PortalChange change)
    {
        if (TicketNumber.TryParse(change.EntityId, out var number))
        {
            _changed.Add(number);
        }
        else
        {
            _reloadAll = true;
        }

        return RefreshAsync();
    }

    /// <summary>
    /// Brings the board up to date: a first load or a new filter re-reads every column (as many cards as each shows),
    /// otherwise only the changed tickets are read and put in place. Changes that arrive while a pass runs are taken by
    /// the next pass of the same loop, so a burst costs one read per pass, not one per change.
    /// </summary>
    private async Task RefreshAsync()
    {
        if (_loading)
        {
            return;
        }

        _loading = true;
        try
        {
            while (_columns is null || _reloadAll || _changed.Count > 0)
            {
                if (_columns is null || _reloadAll)
                {
                    _reloadAll = false;
                    _changed.Clear();
                    await LoadColumnsAsync();
                }
                else
                {
                    int[] numbers = [.. _changed];
                    _changed.Clear();
                    await ApplyChangesAsync(numbers);
                }
            }
        }
        finally
        {
            _loading = false;
        }

        StateHasChanged();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Viewport.SubscribeAsync(_viewportSubscription, OnViewportChangedAsync, fireImmediately: true);
        }

        if (_focusAfterMove is var (number, status))
        {
            // A card moved from its menu is drawn anew in its new column: focus follows it there (or, on a phone, where the
            // card left the list shown, goes to its new status's tab), so a keyboard user is not thrown back to the page's top.
            _focusAfterMove = null;
            await JS.InvokeAsync<bool>("ktPortal.focusFirst", (object)new[]
            {
                $"[data-testid=ticket-card][data-ticket-number={number}] [data-testid=card-move-menu]",
                $"[data-testid=board-status-tab][data-status={status}]",
            });
        }
    }

    /// <summary>The columns from MudBlazor's md breakpoint up (where the CSS classes d-md-block / d-md-none switch), the list below.</summary>
    private Task OnViewportChangedAsync(BrowserViewportEventArgs viewport)
    {
        var layout = viewport.Breakpoint is Breakpoint.Md or Breakpoint.Lg or Breakpoint.Xl or Breakpoint.Xxl ? BoardLayout.Columns : BoardLayout.List;
        if (layout == _layout)
        {
            return Task.CompletedTask;
        }

        _layout = layout;
        return InvokeAsync(StateHasChanged);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Viewport.UnsubscribeAsync(_viewportSubscription);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone with the browser; there is nothing left to unsubscribe from.
        }
    }

    private async Task LoadColumnsAsync()
    {
        var actor = _actor ?? await CurrentActor.GetAsync();
        var limits = Enum.GetValues<TicketStatus>().ToDictionary(
            s => s, s => Math.Clamp(_columns?.GetValueOrDefault(s)?.Limit ?? PageSize, PageSize, TicketQueries.MaxPageSize));
        var board = await Tickets.GetBoardAsync(actor, _filter, limits);
        var columns = new Dictionary<TicketStatus, BoardColumn>();
        foreach (var page in board.Columns)
        {
            var column = new BoardColumn(page.Status, limits[page.Status]) { Count = board.Counts[page.Status], Next = page.Next };
            column.Items.AddRange(page.Items);
            columns[page.Status] = column;
        }

        _columns = columns;
        _searchTruncated = board.SearchTruncated;
        await LoadCardExtrasAsync(newClientsOnly: true, changedTickets: null);
    }

    private async Task ApplyChangesAsync(IReadOnlyCollection<int> numbers)
    {
        var columns = _columns!;
        var actor = _actor ?? await CurrentActor.GetAsync();
        var cards = await Tickets.GetBoardCardsAsync(actor, _filter, numbers);
        var counts = await Tickets.CountByStatusAsync(actor, _filter);
        if (!ReferenceEquals(columns, _columns))
        {
            return; // a new filter was chosen meanwhile; the refresh loop reads the board afresh
        }

        foreach (var number in numbers)
        {
            BoardColumn.Apply(columns, number, cards.GetValueOrDefault(number), _filter.Sort);
            if (!cards.ContainsKey(number))
            {
                _selected.Remove(number);
            }
        }

        foreach (var column in columns.Values)
        {
            column.Count = counts[column.Status];
        }

        // A column that lost cards to other columns stays as full as it was asked to be, as a fresh read would show.
        foreach (var column in columns.Values.Where(c => c.Next is not null && c.Items.Count < c.Limit))
        {
            var page = await Tickets.GetBoardColumnAsync(actor, _filter, column.Status, after: null, Math.Min(column.Limit, TicketQueries.MaxPageSize));
            column.Items.Clear();
            column.Items.AddRange(page.Items);
            column.Next = page.Next;
        }

        await LoadCardExtrasAsync(newClientsOnly: true, numbers);
    }

    /// <summary>
    /// Plan health of the clients on the cards, and which Service Requests are worked on without an approved quote.
    /// Plan health moves with time logged and plan edits (the usage topics) and with the day, never with a ticket's
    /// own change: after a ticket change it is read only for clients new to the board, which spares every open board
    /// a billing-period read per client on every change anyone makes. A quote flag moves with its own ticket (status,
    /// time logged, quotes), so it is read for the <paramref name="changedTickets"/> and cards not read before (all
    /// cards when null).
    /// </summary>
    private async Task LoadCardExtrasAsync(bool newClientsOnly, IReadOnlyCollection<int>? changedTickets)
    {
        var actor = _actor ?? await CurrentActor.GetAsync();
        var today = Clock.Today;
        var stale = !newClientsOnly || today != _planHealthDay;
        var clients = AllCards.Select(c => c.ClientId).Distinct().Where(id => stale || !_planHealth.ContainsKey(id)).ToList();
        if (clients.Count > 0)
        {
            var read = await Usage.GetPlanHealthAsync(actor, clients);
            _planHealth = stale ? read : _planHealth.Concat(read).ToDictionary();
            _planHealthDay = today;
        }

        var numbers = AllCards.Select(c => c.Number)
            .Where(n => changedTickets is null || changedTickets.Contains(n) || !_flagsRead.Contains(n)).ToHashSet();
        if (numbers.Count > 0)
        {
            var flags = await Quotes.FlagsAsync(actor, [.. numbers]);
            _quoteFlags = _quoteFlags.Where(f => !numbers.Contains(f.Key)).Concat(flags).ToDictionary();
            _flagsRead.UnionWith(numbers);
        }
    }

    /// <summary>Time logged or a plan changed: re-read that client's health (every client's when the change names none), and that ticket's quote flag.</summary>
    private async Task OnUsageChangedAsync(PortalChange change)
    {
        if (change.ClientId is int clientId)
        {
            _planHealth = _planHealth.Where(p => p.Key != clientId).ToDictionary();
        }

        await LoadCardExtrasAsync(newClientsOnly: change.ClientId is not null,
            TicketNumber.TryParse(change.EntityId, out var number) ? [number] : null);
    }

    private async Task MoreAsync(BoardColumn column)
    {
        if (column.Next is null || _actor is null)
        {
            return;
        }

        var page = await Tickets.GetBoardColumnAsync(_actor, _filter, column.Status, column.Next, MorePageSize);
        column.Items.AddRange(page.Items.Where(i => column.Items.All(c => c.Number != i.Number)));
        column.Next = page.Next;
        column.Limit = Math.Max(PageSize, column.Items.Count);
        await LoadCardExtrasAsync(newClientsOnly: true, changedTickets: []);
    }

    // The cards' events arrive at the cards (which redraw only if they changed), so the board redraws itself here:
    // selection shows in the bulk bar and on the card, a drag in the columns' drop zones.
    Task IBoardCardActions.ToggleAsync(int number, bool selected)
    {
        Toggle(number, selected);
        StateHasChanged();
        return Task.CompletedTask;
    }

    void IBoardCardActions.StartDrag(TicketListItem card)
    {
        _dragged = card;
        StateHasChanged();
    }

    void IBoardCardActions.EndDrag()
    {
        _dragged = null;
        StateHasChanged();
    }

    async Task IBoardCardActions.MoveAsync(TicketListItem card, TicketStatus status)
    {
        if (await MoveAsync(card, status))
        {
            _focusAfterMove = (card.DisplayNumber, status);
            StateHasChanged();
        }
    }

    /// <summary>While a card is dragged, the columns it may move to accept it (and say so); the others refuse the drop.</summary>
    private bool CanDrop(TicketStatus status) => _dragged is { } card && CanDrop(card, status);

    private string ZoneClass(TicketStatus status) => _dragged is null ? "portal-board-zone"
        : CanDrop(status) ? "portal-board-zone portal-board-zone-open"
        : "portal-board-zone portal-board-zone-closed";

    private Task DropAsync(TicketStatus status)
    {
        var card = _dragged;
        _dragged = null;
        if (card is null)
        {
            // Something was dropped that the board did not see start (another page's text, or a lost dragstart): logged,
            // because to the user it looks like a drag that did nothing.
            Logger.LogInformation("A drop on the {Status} column came with no card being dragged; nothing moved", status);
            return Task.CompletedTask;
        }

        return CanDrop(card, status) ? MoveAsync(card, status) : Task.CompletedTask;
    }

    private bool CanDrop(TicketListItem card, TicketStatus status) =>
        _actor is not null && status != card.Status && TicketRules.CanTransition(_actor, card.Status, status);

    /// <summary>Phone layout: which status's cards are shown.</summary>
    private void ShowStatus(TicketStatus status) => _shownStatus = status;

    /// <summary>Moves one card (asking first for Closed, offering Undo after); false when nothing moved.</summary>
    private async Task<bool> MoveAsync(TicketListItem card, TicketStatus status)
    {
        if (_actor is null)
        {
            return false;
        }

        // The card's stamp: if someone changed the ticket since this board read it, the move is refused.
        if (!await Moves.MoveAsync(_actor, card.Number, status, card.ConcurrencyStamp))
        {
            return false;
        }

        _changed.Add(card.Number);
        await RefreshAsync();
        return true;
    }

    private void Toggle(int number, bool on)
    {
        if (on)
        {
            _selected.Add(number);
        }
        else
        {
            _selected.Remove(number);
        }
    }

    private async Task BulkAssignAsync(string? assigneeId)
    {
        if (_busy || _actor is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await TicketService.BulkAssignAsync(_actor, [.. _selected], assigneeId);
            if (result.Changed.Count > 0)
            {
                Snackbar.Add($"Changed {result.Changed.Count} ticket(s).", Severity.Success);
            }

            foreach (var (number, reason) in result.Skipped)
            {
                Snackbar.Add($"{TicketNumber.Format(number)} not changed: {reason}", Severity.Warning);
            }

            ClearSelectionAfterChange();
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        finally
        {
            _busy = false;
        }

        await RefreshAsync();
    }

    private async Task BulkMoveAsync(TicketStatus status)
    {
        if (_busy || _actor is null)
        {
            return;
        }

        _busy = true;
        try
        {
            if (await Moves.BulkMoveAsync(_actor, [.. _selected], status))
            {
                ClearSelectionAfterChange();
            }
        }
        finally
        {
            _busy = false;
        }

        await RefreshAsync();
    }

    private void ClearSelectionAfterChange()
    {
        _changed.UnionWith(_selected);
        _selected.Clear();
    }
}

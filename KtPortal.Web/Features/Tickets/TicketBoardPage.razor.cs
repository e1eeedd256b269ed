using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.Tickets;
using KtPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KtPortal.Web.Features.Tickets;

/// <summary>
/// The live staff board: one keyset-paged column per status, drag-and-drop on desktop, one-tap moves on a
/// phone, filters, bulk actions. Any ticket change re-reads the loaded pages through the services.
/// </summary>
public sealed partial class TicketBoardPage
{
    public const int PageSize = 25;
    private static readonly string[] _topics = [PortalChange.Topics.Ticket];
    private static readonly string[] _usageTopics = [PortalChange.Topics.Usage, PortalChange.Topics.Plan];

    private readonly HashSet<int> _selected = [];
    private Dictionary<TicketStatus, BoardColumn>? _columns;
    private IReadOnlyDictionary<int, PlanHealth> _planHealth = new Dictionary<int, PlanHealth>();
    private IReadOnlyDictionary<int, QuoteFlag> _quoteFlags = new Dictionary<int, QuoteFlag>();
    private MudDropContainer<TicketListItem>? _container;
    private TicketFilter _filter = TicketFilter.None;
    private IReadOnlyList<PersonRef> _assignees = [];
    private Actor? _actor;
    private bool _busy;
    private bool _loading;
    private bool _reloadAgain;
    private bool _refreshZones;

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
    private ISnackbar Snackbar { get; set; } = default!;

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
        await RefreshAsync();
    }

    /// <summary>Re-reads every column (as many cards as each shows now). Changes that arrive meanwhile coalesce into one more pass.</summary>
    private async Task RefreshAsync()
    {
        if (_loading)
        {
            _reloadAgain = true;
            return;
        }

        _loading = true;
        try
        {
            do
            {
                _reloadAgain = false;
                await LoadColumnsAsync();
            }
            while (_reloadAgain);
        }
        finally
        {
            _loading = false;
        }

        _refreshZones = true;
        StateHasChanged();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // The drop zones only re-read the container's items when asked, and only after it has the new ones.
        if (_refreshZones && _container is not null)
        {
            _refreshZones = false;
            _container.Refresh();
        }
    }

    private async Task LoadColumnsAsync()
    {
        var actor = _actor ?? await CurrentActor.GetAsync();
        var counts = await Tickets.CountByStatusAsync(actor, _filter);
        var columns = new Dictionary<TicketStatus, BoardColumn>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            var shown = _columns?.GetValueOrDefault(status)?.Items.Count ?? 0;
            var page = await Tickets.GetBoardColumnAsync(actor, _filter, status, after: null, Math.Clamp(shown, PageSize, TicketQueries.MaxPageSize));
            var column = new BoardColumn(status) { Count = counts[status], Next = page.Next };
            column.Items.AddRange(page.Items);
            columns[status] = column;
        }

        _columns = columns;
        await LoadCardExtrasAsync();
    }

    /// <summary>
    /// Plan health of the clients on the cards, and which Service Requests are worked on without an approved quote;
    /// time logged changes both without changing any ticket.
    /// </summary>
    private async Task LoadCardExtrasAsync()
    {
        var actor = _actor ?? await CurrentActor.GetAsync();
        _planHealth = await Usage.GetPlanHealthAsync(actor, AllCards.Select(c => c.ClientId));
        _quoteFlags = await Quotes.FlagsAsync(actor, [.. AllCards.Select(c => c.Number)]);
    }

    private async Task MoreAsync(BoardColumn column)
    {
        if (column.Next is null || _actor is null)
        {
            return;
        }

        var page = await Tickets.GetBoardColumnAsync(_actor, _filter, column.Status, column.Next, PageSize);
        column.Items.AddRange(page.Items.Where(i => column.Items.All(c => c.Number != i.Number)));
        column.Next = page.Next;
        await LoadCardExtrasAsync();
        _refreshZones = true;
    }

    private bool CanDrop(TicketListItem card, string zone) =>
        _actor is not null && Enum.TryParse<TicketStatus>(zone, out var status) && TicketRules.CanTransition(_actor, card.Status, status);

    private Task OnDroppedAsync(MudItemDropInfo<TicketListItem> drop) =>
        drop.Item is not null && Enum.TryParse<TicketStatus>(drop.DropzoneIdentifier, out var status) && status != drop.Item.Status
            ? MoveAsync(drop.Item, status)
            : Task.CompletedTask;

    private async Task MoveAsync(TicketListItem card, TicketStatus status)
    {
        if (_actor is null)
        {
            return;
        }

        try
        {
            // The card's stamp: if someone changed the ticket since this board read it, the move is refused.
            await TicketService.ChangeStatusAsync(_actor, card.Number, status, card.ConcurrencyStamp);
        }
        catch (DomainException ex)
        {
            Snackbar.Add($"{card.DisplayNumber}: {ex.Message}", Severity.Warning);
        }

        await RefreshAsync();
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

    private Task BulkAssignAsync(string? assigneeId) => BulkAsync(actor => TicketService.BulkAssignAsync(actor, [.. _selected], assigneeId));

    private Task BulkMoveAsync(TicketStatus status) => BulkAsync(actor => TicketService.BulkChangeStatusAsync(actor, [.. _selected], status));

    private async Task BulkAsync(Func<Actor, Task<BulkResult>> action)
    {
        if (_busy || _actor is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await action(_actor);
            if (result.Changed.Count > 0)
            {
                Snackbar.Add($"Changed {result.Changed.Count} ticket(s).", Severity.Success);
            }

            foreach (var (number, reason) in result.Skipped)
            {
                Snackbar.Add($"{TicketNumber.Format(number)} not changed: {reason}", Severity.Warning);
            }

            _selected.Clear();
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
}

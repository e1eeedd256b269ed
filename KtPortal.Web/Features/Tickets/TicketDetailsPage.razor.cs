using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;
using KtPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KtPortal.Web.Features.Tickets;

public sealed partial class TicketDetailsPage
{
    private static readonly string[] LiveTopics = [PortalChange.Topics.Ticket];

    /// <summary>Business hours or policies changed: the due time is read again.</summary>
    private static readonly string[] ServiceLevelTopics = [PortalChange.Topics.ServiceLevels];
    private TicketDetails? _ticket;
    private TicketConversation? _conversation;
    private Actor? _actor;
    private List<BreadcrumbItem> _crumbs = [];

    [Parameter]
    public string Number { get; set; } = string.Empty;

    [Inject]
    private TicketQueries Tickets { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _actor ??= await CurrentActor.GetAsync();
        if (!TicketNumber.TryParse(Number, out var number)
            || await Tickets.GetByNumberAsync(_actor, number) is not { } ticket
            || await Tickets.GetConversationAsync(_actor, number) is not { } conversation)
        {
            // Missing and not-yours look the same: 404 on the request, the not-found page on the circuit.
            _ticket = null;
            Navigation.NotFound();
            return;
        }

        _ticket = ticket;
        _conversation = conversation;
        _crumbs = [new("Tickets", _actor.IsStaff ? "/board" : "/tickets"), new(ticket.DisplayNumber, null, disabled: true)];
    }

    private async Task EditAsync()
    {
        if (_ticket is null)
        {
            return;
        }

        var dialog = await Dialogs.ShowAsync<TicketEditDialog>($"Edit {_ticket.DisplayNumber}",
            new DialogParameters<TicketEditDialog> { { d => d.Ticket, _ticket } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"{_ticket.DisplayNumber} saved.", Severity.Success);
            await LoadAsync();
        }
    }
}

using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Web.Components.Shared;
using KtPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KtPortal.Web.Features.Tickets;

public sealed partial class TicketCreatePage
{
    private readonly List<BreadcrumbItem> _crumbs = [new("Tickets", "/tickets"), new("New", null, disabled: true)];
    private readonly TicketFormModel _model = new();
    private readonly FieldErrors _errors = new();
    private AttachmentPicker? _attachments;
    private Actor? _actor;
    private IReadOnlyList<SupportTypeItem>? _supportTypes;
    private IReadOnlyList<ClientListItem> _clients = [];
    private IReadOnlyList<PersonRef> _people = [];
    private IReadOnlyList<PersonRef> _assignees = [];
    private bool _busy;

    [Inject]
    private TicketService TicketService { get; set; } = default!;

    [Inject]
    private TicketQueries TicketQueries { get; set; } = default!;

    [Inject]
    private SupportTypeQueries SupportTypes { get; set; } = default!;

    [Inject]
    private ClientQueries ClientQueries { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<TicketCreatePage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _supportTypes = await SupportTypes.ListAsync();
        if (_actor.IsStaff)
        {
            _clients = await ClientQueries.ListAsync(_actor);
            _assignees = await TicketQueries.ListAssigneesAsync(_actor);
        }
        else
        {
            _model.ClientId = _actor.ClientId;
            _people = await TicketQueries.ListClientPeopleAsync(_actor, _actor.ClientId ?? 0);
        }
    }

    private async Task OnClientChangedAsync(int? clientId)
    {
        _model.ClientId = clientId;
        _model.RequesterId = null;
        _model.CopiedUserIds = [];
        _people = clientId is int id && _actor is not null ? await TicketQueries.ListClientPeopleAsync(_actor, id) : [];
    }

    private void OnTypeChanged(TicketType type)
    {
        // The usual support type follows the ticket type until the person picks one themselves.
        if (_model.SupportTypeId is SupportType.TroubleshootingId or SupportType.DevelopmentId)
        {
            _model.SupportTypeId = type == TicketType.ServiceRequest ? SupportType.DevelopmentId : SupportType.TroubleshootingId;
        }

        _model.Type = type;
    }

    /// <summary>The service validates (the same rules for every caller); its field messages land on the inputs.</summary>
    private async Task SubmitAsync()
    {
        if (_busy || _actor is null || _attachments?.IsReading == true)
        {
            return;
        }

        _busy = true;
        _errors.Clear();
        try
        {
            var number = await TicketService.CreateAsync(_actor, _model.ToInput(), _attachments?.ToUploads() ?? []);
            Snackbar.Add($"{TicketNumber.Format(number)} raised. We will be in touch.", Severity.Success);
            Navigation.NavigateTo($"/tickets/{TicketNumber.Format(number)}");
        }
        catch (ValidationFailedException ex)
        {
            _errors.Set(ex);
        }
        catch (DomainException ex)
        {
            _errors.SetGeneral(ex.Message);
        }
        catch (Exception ex) when (FieldErrors.IsUnexpected(ex))
        {
            // Whatever failed (a file that could not be read, the database), the form keeps what was typed.
            _errors.SetUnexpected(ex, Logger);
        }
        finally
        {
            _busy = false;
        }
    }
}

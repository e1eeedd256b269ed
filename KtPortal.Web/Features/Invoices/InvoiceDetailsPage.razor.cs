using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.Rendering;
using KtPortal.Web.Features.Payments;
using KtPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KtPortal.Web.Features.Invoices;

public sealed partial class InvoiceDetailsPage
{
    private static readonly string[] LiveTopics = [PortalChange.Topics.Invoice];
    private InvoiceDocument? _invoice;
    private List<BreadcrumbItem> _crumbs = [];
    private int _pageCount;
    private bool _isStaff;
    private bool _busy;
    private bool _returnedFromCheckout;
    private bool _showPages;
    private string? _error;

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "paid")]
    public int? Paid { get; set; }

    [Inject]
    private InvoiceQueries Invoices { get; set; } = default!;

    [Inject]
    private InvoiceRenderer Renderer { get; set; } = default!;

    [Inject]
    private StripeCheckout Checkout { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override Task OnParametersSetAsync()
    {
        _returnedFromCheckout = Paid == 1;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        var actor = await CurrentActor.GetAsync();
        _isStaff = actor.IsStaff;
        _invoice = await Invoices.GetAsync(actor, Id);
        if (_invoice is null)
        {
            // Missing and not-yours look the same: 404 on the request, the not-found page on the circuit.
            Navigation.NotFound();
            return;
        }

        _pageCount = Renderer.PageCount(_invoice);
        _crumbs = [new("Invoices", "/invoices"), new(_invoice.DisplayNumber, null, disabled: true)];
    }

    private bool IsAboutThisInvoice(PortalChange change) =>
        change.EntityId == Id.ToString(CultureInfo.InvariantCulture) || (change.EntityId.Length == 0 && change.ClientId == _invoice?.ClientId);

    private async Task PayAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var url = await Checkout.StartAsync(await CurrentActor.GetAsync(), Id);
            Navigation.NavigateTo(url, forceLoad: true);
        }
        catch (DomainException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}

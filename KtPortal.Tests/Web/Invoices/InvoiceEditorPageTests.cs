using Bunit;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Invoices;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.Invoices;

/// <summary>
/// The ad-hoc invoice editor over the real invoice service. A price of "-50" once became 0.00 silently; now a price the
/// service refuses, or text that is no price at all, stays on its line with a message and no draft is saved.
/// </summary>
public sealed class InvoiceEditorPageTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private int _acme;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        _acme = await _host.CreateClientAsync("Acme Dental");
        var staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<InvoiceService>());
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<InvoiceQueries>());
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<ClientQueries>());
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        SignInAs(staff);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    private IRenderedComponent<InvoiceEditorPage> Open()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/invoices/new?clientId={_acme}");
        var page = Render<InvoiceEditorPage>();
        page.WaitForElement("[data-testid=invoice-line-price] input, input[data-testid=invoice-line-price]");
        return page;
    }

    private async Task<int> InvoiceCountAsync()
    {
        await using var db = await _host.OpenDbAsync();
        return db.Invoices.Count();
    }

    [Theory]
    [InlineData("-50", "the price is 0 to 1,000,000")]
    [InlineData("fifty", "The line 1 price must be a number")]
    [InlineData("12.345", "at most two decimals")]
    public async Task ShouldKeepThePriceWithAMessage_AndSaveNoDraft_WhenThePriceIsRefused(string price, string message)
    {
        var page = Open();
        page.Type("invoice-line-description", "Emergency call-out");
        page.Type("invoice-line-quantity", "2h");
        page.Type("invoice-line-price", price);

        await page.Find("[data-testid=invoice-save]").ClickAsync(new());

        page.WaitForAssertion(() => page.Markup.Should().Contain(message));
        page.Field("invoice-line-price").GetAttribute("value").Should().Be(price);
        (await InvoiceCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ShouldSaveTheDraftWithThePriceAsTyped_AndSaySo()
    {
        var page = Open();
        page.Type("invoice-line-description", "Emergency call-out");
        page.Type("invoice-line-quantity", "2h");
        page.Type("invoice-line-price", "150.50");

        await page.Find("[data-testid=invoice-save]").ClickAsync(new());

        page.WaitForAssertion(() => Services.GetRequiredService<NavigationManager>().Uri.Should().MatchRegex(@"/invoices/\d+$"));
        Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.Select(s => s.Message).Should().Contain("Draft created.");
        await using var db = await _host.OpenDbAsync();
        db.InvoiceLines.Single().UnitPriceMinor.Should().Be(150_50);
    }
}

using Bunit;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Clients;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.Web.Clients;

/// <summary>
/// The client dialog over the real client service: rates, tax and payment terms that do not read as numbers, or that
/// the service refuses, keep the dialog open with a field message and save nothing; nothing is clamped to a limit.
/// </summary>
public sealed class ClientEditDialogTests : PortalTestContext
{
    private DomainTestHost _host = null!;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        var staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<ClientService>());
        SignInAs(staff);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    private Task<IRenderedComponent<MudDialogProvider>> OpenAsync() => this.OpenDialogAsync<ClientEditDialog>("client-edit-dialog");

    private async Task<int> ClientCountAsync()
    {
        await using var db = await _host.OpenDbAsync();
        return db.Clients.Count();
    }

    [Theory]
    [InlineData("client-dev-rate", "abc", "The development rate must be a number")]
    [InlineData("client-support-rate", "-5", "Support rate must be between 0 and 100,000.00")]
    [InlineData("client-support-rate", "95.999", "at most two decimals")]
    [InlineData("client-tax-rate", "150", "Tax rate must be between 0% and 100%")]
    [InlineData("client-tax-rate", "eight", "The tax rate must be a number")]
    [InlineData("client-terms", "14.5", "The payment terms must be a whole number")]
    [InlineData("client-terms", "400", "Payment terms must be between 0 and 365 days")]
    public async Task ShouldKeepTheDialogOpenWithAFieldMessage_AndSaveNothing_WhenANumberIsRefused(string field, string text, string message)
    {
        var dialog = await OpenAsync();
        dialog.Type("client-name", "Cedar Clinic");
        dialog.Type("client-email", "billing@cedar.test");
        dialog.Type("client-dev-rate", "120");
        dialog.Type("client-support-rate", "95");
        dialog.Type(field, text);

        await dialog.Find("[data-testid=client-save]").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Markup.Should().Contain(message));
        dialog.FindAll("[data-testid=client-edit-dialog]").Should().NotBeEmpty("the dialog stays open with what was typed");
        dialog.Field(field).GetAttribute("value").Should().Be(text);
        (await ClientCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ShouldKeepEverythingTypedAndSaySo_WhenTheDatabaseFailsUnexpectedly()
    {
        // A service whose database is unreachable: the failure is not a validation or domain error.
        Services.AddScoped(_ => new ClientService(new UnreachableDatabase(), _host.Get<IChangeNotifier>(), _host.Clock,
            new KtPortal.Domain.Audit.AuditTrail(new KtPortal.Domain.Audit.NoAuditOrigin(), _host.Clock), new PortalSettings()));
        var dialog = await OpenAsync();
        dialog.Type("client-name", "Cedar Clinic");
        dialog.Type("client-email", "billing@cedar.test");
        dialog.Type("client-dev-rate", "120");
        dialog.Type("client-support-rate", "95");

        await dialog.Find("[data-testid=client-save]").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Find("[data-testid=form-error]").TextContent.Should().Contain("What you entered is still here"));
        dialog.Field("client-name").GetAttribute("value").Should().Be("Cedar Clinic");
        dialog.Find("[data-testid=client-save]").HasAttribute("disabled").Should().BeFalse("the user can try again");
    }

    private sealed class UnreachableDatabase : Microsoft.EntityFrameworkCore.IDbContextFactory<KtPortal.Domain.Data.KtPortalDbContext>
    {
        public KtPortal.Domain.Data.KtPortalDbContext CreateDbContext() =>
            throw new InvalidOperationException("The database server did not answer.");
    }

    [Fact]
    public async Task ShouldSaveExactlyWhatWasTyped_WhenEveryNumberReads()
    {
        var dialog = await OpenAsync();
        dialog.Type("client-name", "Cedar Clinic");
        dialog.Type("client-email", "billing@cedar.test");
        dialog.Type("client-dev-rate", "1,120.50");
        dialog.Type("client-support-rate", "95");
        dialog.Type("client-tax-rate", "8.25");
        dialog.Type("client-terms", "30");

        await dialog.Find("[data-testid=client-save]").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.FindAll("[data-testid=client-edit-dialog]").Should().BeEmpty());
        await using var db = await _host.OpenDbAsync();
        var client = db.Clients.Single();
        (client.DevelopmentRateMinor, client.SupportRateMinor, client.TaxRateBasisPoints, client.PaymentTermsDays).Should().Be((1_120_50L, 95_00L, 825, 30));
    }
}

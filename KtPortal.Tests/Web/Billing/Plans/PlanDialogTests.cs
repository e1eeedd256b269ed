using Bunit;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Billing.Plans;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.Web.Billing.Plans;

/// <summary>
/// The plan dialog over the real plan service. Typing "abc" in Monthly fee once showed "Not a valid number" and still
/// saved a 0 h, $0.00 plan; "-5" hours silently became 0. Now both are refused at their field and nothing is saved.
/// </summary>
public sealed class PlanDialogTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private int _acme;
    private Actor _staff = null!;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        _acme = await _host.CreateClientAsync("Acme Dental");
        _staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<PlanService>());
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<SupportTypeQueries>());
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<PlanTemplateService>());
        SignInAs(_staff);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    private Task<IRenderedComponent<MudDialogProvider>> OpenAsync() =>
        this.OpenDialogAsync("plan-dialog", new DialogParameters<PlanDialog>
        {
            { d => d.ClientId, _acme },
            { d => d.DefaultDevelopmentRateMinor, 120_00 },
            { d => d.DefaultSupportRateMinor, 95_00 },
        });

    private async Task<int> PlanCountAsync()
    {
        await using var db = await _host.OpenDbAsync();
        return db.Plans.Count();
    }

    [Theory]
    [InlineData("plan-fee", "abc", "The monthly fee must be a number")]
    [InlineData("plan-fee", "500.005", "at most two decimals")]
    [InlineData("plan-fee", "-50", "The monthly fee must be between")]
    [InlineData("plan-hours", "-5", "cannot be negative")]
    [InlineData("plan-hours", "ten", "monthly hours")]
    [InlineData("plan-support-rate", "", "Enter the support rate")]
    public async Task ShouldKeepTheDialogOpenWithAFieldMessage_AndSaveNothing_WhenANumberIsRefused(string field, string text, string message)
    {
        var dialog = await OpenAsync();
        dialog.Type("plan-name", "Basic");
        dialog.Type("plan-hours", "10");
        dialog.Type("plan-fee", "500");
        dialog.Type(field, text);

        await dialog.Find("[data-testid=plan-save]").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Markup.Should().Contain(message));
        dialog.FindAll("[data-testid=plan-dialog]").Should().NotBeEmpty("the dialog stays open with what was typed");
        dialog.Field(field).GetAttribute("value").Should().Be(text);
        (await PlanCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ShouldSaveExactlyWhatWasTyped_WhenEveryNumberReads()
    {
        var dialog = await OpenAsync();
        dialog.Type("plan-name", "Basic");
        dialog.Type("plan-hours", "7.5");
        dialog.Type("plan-fee", "1,250.50");

        await dialog.Find("[data-testid=plan-save]").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.FindAll("[data-testid=plan-dialog]").Should().BeEmpty());
        await using var db = await _host.OpenDbAsync();
        var plan = db.Plans.Single();
        plan.IncludedMinutes.Should().Be(450);
        plan.MonthlyFeeMinor.Should().Be(1_250_50);
        plan.SupportRateMinor.Should().Be(95_00);
    }
}

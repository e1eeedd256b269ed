using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Recurring;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Recurring;
using KtPortal.Web.Features.Tickets;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.Web.Recurring;

/// <summary>
/// Staff add a client's recurring ticket from its page (a schedule that does not read keeps the form, with messages),
/// and tick a raised ticket's checklist; the client reads the same list without boxes to tick.
/// </summary>
public sealed class RecurringAndChecklistPanelTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private AsyncServiceScope _scope;
    private Actor _staff = null!;
    private Actor _alice = null!;
    private int _acmeId;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        _acmeId = await _host.CreateClientAsync("Acme Dental");
        _staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _alice = await _host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, _acmeId);
        _scope = _host.Services.CreateAsyncScope();
        foreach (var type in new[] { typeof(RecurringTicketService), typeof(TicketChecklistService), typeof(TicketQueries), typeof(SupportTypeQueries) })
        {
            Services.AddSingleton(type, _scope.ServiceProvider.GetRequiredService(type));
        }

        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        SignInAs(_staff);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ShouldKeepTheFormWithItsMessages_ThenListTheRecurringTicketWithItsNextDay()
    {
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<RecurringTicketsPanel>(p => p.Add(c => c.ClientId, _acmeId));
        panel.WaitForElement("[data-testid=recurring-empty]");

        _ = panel.InvokeAsync(() => panel.Find("[data-testid=recurring-add]").Click());
        dialogs.WaitForElement("[data-testid=recurring-dialog]");
        dialogs.Type("recurring-title", "Monthly updates");
        dialogs.Type("recurring-checklist", "Update plugins\nCheck backups");
        dialogs.Type("recurring-day", "31");
        await dialogs.Find("[data-testid=recurring-save]").ClickAsync(new());

        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Choose a day from 1 to 28").And.Contain("Description is required."));
        dialogs.Field("recurring-title").GetAttribute("value").Should().Be("Monthly updates");

        // Not a number: refused at its field and kept as typed (a number field kept its last good value and saved it).
        dialogs.Type("recurring-day", "abc");
        await dialogs.Find("[data-testid=recurring-save]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("The day of the month must be a whole number."));
        dialogs.Field("recurring-day").GetAttribute("value").Should().Be("abc");
        panel.FindAll("[data-testid=recurring-row]").Should().BeEmpty();

        dialogs.Type("recurring-day", "1");
        dialogs.Type("recurring-description", "Plugins, themes and core.");
        await dialogs.Find("[data-testid=recurring-save]").ClickAsync(new());

        panel.WaitForAssertion(() => panel.Find("[data-testid=recurring-row]").TextContent
            .Should().Contain("Monthly updates").And.Contain("Monthly on day 1").And.Contain("Tue Dec 1, 2026"));
    }

    [Fact]
    public async Task ShouldLetStaffTickTheChecklist_AndShowTheClientTheTicksOnly()
    {
        await _host.WithAsync<RecurringTicketService, int>(s => s.SaveAsync(_staff, _acmeId, null, new RecurringTicketInput(
            "Monthly updates", "Plugins.", "Update plugins\nCheck backups", TicketType.ServiceRequest, SupportType.WordPressId, TicketPriority.Normal, null,
            RecurrenceKind.Monthly, 24, 1, DayOfWeek.Monday, new DateOnly(2026, 11, 24), null), null));
        await _host.WithAsync<RecurringTicketService, int>(s => s.RaiseDueAsync());
        var number = (await _host.WithAsync<TicketQueries, PagedResult<TicketListItem>>(q => q.ListAsync(_staff, TicketFilter.None, 0, 10))).Items.Single().Number;

        var staffView = Render<TicketChecklistPanel>(p => p.Add(c => c.Number, number).Add(c => c.Actor, _staff));
        staffView.WaitForElements("[data-testid=checklist-item]").Should().HaveCount(2);
        await staffView.InvokeAsync(() => staffView.FindAll("[data-testid=checklist-tick]")[0].Change(true));
        staffView.WaitForAssertion(() => staffView.FindAll("[data-testid=checklist-item]")[0].GetAttribute("data-done").Should().Be("true"));

        var clientView = Render<TicketChecklistPanel>(p => p.Add(c => c.Number, number).Add(c => c.Actor, _alice));
        clientView.WaitForAssertion(() => clientView.FindAll("[data-testid=checklist-item]").Select(i => i.GetAttribute("data-done")).Should().Equal("true", "false"));
        clientView.FindAll("input, button").Should().BeEmpty("the client reads the checklist; staff tick it");
        clientView.Find("[data-testid=ticket-checklist]").TextContent.Should().Contain("1 of 2 done");
    }
}

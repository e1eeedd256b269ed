using Bunit;
using KtPortal.Domain.CannedReplies;
using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.CannedReplies;
using KtPortal.Web.Features.Tickets;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.Web.CannedReplies;

/// <summary>Canned replies in the reply box, in their dialog and on their page, over the real services.</summary>
public sealed class CannedReplyComponentTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private Actor _staff = null!;
    private Actor _alice = null!;
    private int _ticket;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        var acme = await _host.CreateClientAsync("Acme Dental");
        _staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _alice = await _host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, acme);
        _ticket = await _host.CreateTicketAsync(acme, _alice.UserId, "Gallery broken");
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<CannedReplyService>());
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<TicketConversationService>());
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new AttachmentOptions()));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    private Task<int> CreateAsync(string title, string body, bool shared = false) =>
        _host.WithAsync<CannedReplyService, int>(s => s.CreateAsync(_staff, new CannedReplyInput(title, body, shared)));

    private async Task<IRenderedComponent<TicketReplyBox>> ReplyBoxAsync(Actor actor)
    {
        SignInAs(actor);
        var ticket = (await _host.WithAsync<TicketQueries, TicketDetails?>(q => q.GetByNumberAsync(actor, _ticket)))!;
        return Render<TicketReplyBox>(p => p.Add(x => x.Ticket, ticket).Add(x => x.Actor, actor));
    }

    [Fact]
    public async Task ShouldInsertTheChosenReplyFilledIn_AfterWhatWasTyped()
    {
        await CreateAsync("Greeting", "Hi {{requester.first_name}}, we are on {{ticket.number}} for {{client.name}}.");
        await CreateAsync("Closing", "Closing this now.");
        var dialogs = Render<MudDialogProvider>();
        var box = await ReplyBoxAsync(_staff);
        box.Type("reply-body", "Thanks for the screenshots.");

        _ = box.InvokeAsync(() => box.Find("[data-testid=reply-canned]").Click());
        dialogs.WaitForElement("[data-testid=canned-reply-picker]");
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=canned-reply-choice]").Should().HaveCount(2));
        dialogs.Type("canned-reply-search", "greet");
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=canned-reply-choice]").Should().ContainSingle());
        dialogs.Find("[data-testid=canned-reply-choice]").Click();

        box.WaitForAssertion(() => box.Field("reply-body").TextContent.Should()
            .Be($"Thanks for the screenshots.\n\nHi alice, we are on KT-{_ticket} for Acme Dental."));
    }

    [Fact]
    public async Task ShouldOfferNoCannedRepliesToClients()
    {
        var box = await ReplyBoxAsync(_alice);

        box.FindAll("[data-testid=reply-canned]").Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldKeepTheDialogOpenWithWhatWasTyped_WhenAVariableIsUnknown()
    {
        SignInAs(_staff);
        var dialog = await this.OpenDialogAsync<CannedReplyDialog>("canned-reply-dialog");
        dialog.Type("canned-reply-title", "Hours");
        dialog.Type("canned-reply-body", "You have {{plan.hours}} left.");

        await dialog.Find("[data-testid=canned-reply-save]").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Markup.Should().Contain("{{plan.hours}} is not a variable"));
        dialog.Field("canned-reply-body").TextContent.Should().Be("You have {{plan.hours}} left.");
        (await _host.WithAsync<CannedReplyService, IReadOnlyList<CannedReplyView>>(s => s.ListAsync(_staff))).Should().BeEmpty();

        dialog.Type("canned-reply-body", "You have {{plan.hours_left}} hours left.");
        await dialog.Find("[data-testid=canned-reply-save]").ClickAsync(new());
        dialog.WaitForAssertion(() => dialog.FindAll("[data-testid=canned-reply-dialog]").Should().BeEmpty());
        (await _host.WithAsync<CannedReplyService, IReadOnlyList<CannedReplyView>>(s => s.ListAsync(_staff))).Should().ContainSingle()
            .Which.Body.Should().Be("You have {{plan.hours_left}} hours left.");
    }

    [Fact]
    public async Task ShouldRemoveFromThePage_AndPutItBackOnUndo()
    {
        await CreateAsync("Closing", "Closing this now.", shared: true);
        SignInAs(_staff);
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<CannedRepliesPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=canned-reply-row-title]").Should().ContainSingle());

        await page.Find("[data-testid=canned-reply-remove]").ClickAsync(new());

        page.WaitForElement("[data-testid=canned-replies-empty]");
        snackbars.WaitForAssertion(() => snackbars.Markup.Should().Contain("Closing removed."));
        await snackbars.Find("[data-testid=undo-move]").ClickAsync(new());
        page.WaitForAssertion(() => page.FindAll("[data-testid=canned-reply-row-title]").Should().ContainSingle().Which.TextContent.Should().Be("Closing"));
    }
}

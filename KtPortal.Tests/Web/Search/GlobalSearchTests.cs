using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Search;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.Search;

/// <summary>The app bar's search box and the results page over the real index, for staff and for two clients.</summary>
public sealed class GlobalSearchTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private AsyncServiceScope _scope;
    private Actor _staff = null!;
    private Actor _alice = null!;
    private int _acmeTicket;
    private int _birchTicket;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        var acme = await _host.CreateClientAsync("Acme Dental");
        var birch = await _host.CreateClientAsync("Birch & Co");
        _staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _alice = await _host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, acme);
        _acmeTicket = await _host.CreateTicketAsync(acme, _alice.UserId, "Gateway timeout on checkout");
        _birchTicket = await _host.CreateTicketAsync(birch, null, "Gateway declined every card");
        _scope = _host.Services.CreateAsyncScope();
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<GlobalSearchService>());
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    private IRenderedComponent<SearchPage> RenderPage(string q)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("q", q));
        return Render<SearchPage>();
    }

    private static void Type(IRenderedComponent<GlobalSearchBox> box, string text)
    {
        box.Find("[data-testid=global-search]").Focus();
        box.Find("[data-testid=global-search]").Input(text);
    }

    [Fact]
    public void ShouldListTheClientsOwnTicketsAsTheyType_AndOpenTheOneChosenWithTheKeyboard()
    {
        SignInAs(_alice);
        var box = Render<GlobalSearchBox>();

        Type(box, "gatew");

        box.WaitForAssertion(() => box.FindAll("[data-testid=global-search-option]").Should().ContainSingle()
            .Which.TextContent.Should().Contain($"KT-{_acmeTicket} Gateway timeout on checkout"));
        box.Markup.Should().NotContain("declined", "Birch's ticket is not Alice's to see");
        var input = box.Find("[data-testid=global-search]");
        input.GetAttribute("aria-expanded").Should().Be("true");

        input.KeyDown("ArrowDown");
        box.Find("[data-testid=global-search]").GetAttribute("aria-activedescendant").Should().Be("global-search-option-0");

        // Enter is the browser's (portal.js, proved in SearchE2ETests): it opens the active option's address.
        box.Find("#global-search-option-0").GetAttribute("data-href").Should().Be($"/tickets/KT-{_acmeTicket}");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/tickets/KT-{_acmeTicket}");
        box.WaitForAssertion(() => box.Find("[data-testid=global-search]").GetAttribute("value").Should().BeEmpty("the box is ready for the next search"));
        box.FindAll("[data-testid=global-search-results]").Should().BeEmpty();
    }

    [Fact]
    public void ShouldPointEnterAtTheResultsPage_WithNothingChosen_AndForgetAChoiceWhenTheTextChanges()
    {
        SignInAs(_staff);
        var box = Render<GlobalSearchBox>();

        Type(box, "gateway card");
        box.WaitForAssertion(() => box.Find("[data-testid=global-search-results]").GetAttribute("aria-busy").Should().Be("false"));
        box.Find("[data-testid=global-search-all]").GetAttribute("data-href").Should().Be("/search?q=gateway%20card");
        box.Find("[data-testid=global-search]").HasAttribute("aria-activedescendant").Should().BeFalse("nothing is chosen: Enter opens the results page");

        box.Find("[data-testid=global-search]").KeyDown("ArrowDown");
        box.WaitForAssertion(() => box.Find("[data-testid=global-search]").HasAttribute("aria-activedescendant").Should().BeTrue());
        box.Find("[data-testid=global-search]").Input("gateway cards");
        box.Find("[data-testid=global-search]").HasAttribute("aria-activedescendant").Should().BeFalse("the choice was among the results for the text before");
    }

    [Fact]
    public void ShouldSaySo_WhenNothingMatches_AndCloseOnEscape()
    {
        SignInAs(_staff);
        var box = Render<GlobalSearchBox>();

        Type(box, "zzzz");

        box.WaitForAssertion(() => box.Find("[data-testid=global-search-empty]").TextContent.Should().Contain("Nothing found for “zzzz”"));
        box.Find("[data-testid=global-search]").KeyDown("Escape");
        box.WaitForAssertion(() => box.FindAll("[data-testid=global-search-results]").Should().BeEmpty());
        box.Find("[data-testid=global-search]").GetAttribute("value").Should().Be("zzzz", "Escape closes the list and keeps what was typed");
    }

    [Fact]
    public void ShouldGroupStaffResultsOnThePage_WithLinksEachCanOpen()
    {
        SignInAs(_staff);
        var page = RenderPage("gateway");

        page.WaitForAssertion(() => page.Find("[data-testid=search-page]").GetAttribute("data-ready").Should().Be("true"));
        var links = page.FindAll("[data-testid=search-result] a").Select(a => a.GetAttribute("href")).ToList();
        links.Should().BeEquivalentTo([$"/tickets/KT-{_birchTicket}", $"/tickets/KT-{_acmeTicket}"]);
        page.Find("[data-testid=search-group]").TextContent.Should().Contain("Tickets (2)");
    }

    [Fact]
    public void ShouldShowAClientOnlyItsOwnResults_OnThePage()
    {
        SignInAs(_alice);
        var page = RenderPage("declined");

        page.WaitForAssertion(() => page.Find("[data-testid=search-page-empty]").TextContent.Should().Contain("Nothing found for “declined”"));

        var birch = RenderPage($"KT-{_birchTicket}");
        birch.WaitForAssertion(() => birch.Find("[data-testid=search-page]").GetAttribute("data-ready").Should().Be("true"));
        birch.FindAll("[data-testid=search-result]").Should().BeEmpty();
    }

    [Fact]
    public void ShouldExplainWhatCanBeFound_BeforeAnythingIsTyped()
    {
        SignInAs(_alice);
        var page = Render<SearchPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=search-page-hint]").TextContent.Should().Contain("your colleagues by name"));
    }
}

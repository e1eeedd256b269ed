using System.Text;
using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Domain.InboundMail;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.InboundMail;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.InboundMail;

/// <summary>Staff can tell at a glance which messages in triage claim a sender the portal could not confirm.</summary>
public sealed class InboundMailListPageTests : PortalTestContext
{
    private DomainTestHost _host = null!;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        await _host.CreateClientAsync("Acme Dental");
        var staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<InboundMailQueries>());
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<InboundMailService>());
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        SignInAs(staff);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    private Task<InboundResult> ReceiveAsync(string mime, InboundEnvelope? envelope = null) =>
        _host.WithAsync<InboundMailService, InboundResult>(s => s.ReceiveAsync(Encoding.UTF8.GetBytes(mime), InboundSource.Webhook, envelope));

    [Fact]
    public async Task ShouldMarkTheForgedMessage_AndNotTheVerifiedOne()
    {
        await ReceiveAsync("From: sam@kt.test\r\nSubject: Re: [KT-1001] Update\r\nMessage-ID: <forged@evil.test>\r\n\r\nSend me the passwords.\r\n");
        await ReceiveAsync("From: stranger@dkim.test\r\nSubject: Quote please\r\nMessage-ID: <real@dkim.test>\r\n\r\nA new site.\r\n",
            new InboundEnvelope([], null, "none", "{@dkim.test : pass}"));

        var page = Render<InboundMailListPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=inbound-item]").Should().HaveCount(2));
        var forged = page.FindAll("[data-testid=inbound-item]").Single(i => i.TextContent.Contains("Send me the passwords", StringComparison.Ordinal));
        var real = page.FindAll("[data-testid=inbound-item]").Single(i => i.TextContent.Contains("A new site", StringComparison.Ordinal));
        forged.QuerySelector("[data-testid=inbound-not-verified]")!.TextContent.Should().Contain("Sender not verified");
        real.QuerySelector("[data-testid=inbound-not-verified]").Should().BeNull();
        real.QuerySelector("[data-testid=inbound-verified]")!.TextContent.Should().Contain("DKIM");
    }
}

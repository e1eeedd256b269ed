using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Email;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.Email;

/// <summary>A message's HTML is shown sanitized, in a frame that may run nothing; its text as sent.</summary>
public sealed class OutboxMessagePageTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private AsyncServiceScope _scope;
    private long _id;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        await using (var db = await _host.OpenDbAsync())
        {
            var row = new OutboxMessage
            {
                IdempotencyKey = "test:1",
                Kind = "ticket-reply",
                ToAddress = "carol@acme.test",
                Subject = "[KT-1001] Reply",
                BodyText = "Hello Carol,\nwe fixed it.",
                BodyHtml = "<p onclick=\"steal()\">Hello Carol</p><script>steal()</script><img src=x onerror=steal()>",
                Status = OutboxStatus.Sent,
                CreatedAtUtc = DomainTestHost.Start.UtcDateTime,
                NextAttemptAtUtc = DomainTestHost.Start.UtcDateTime,
            };
            db.OutboxMessages.Add(row);
            await db.SaveChangesAsync();
            _id = row.Id;
        }

        _scope = _host.Services.CreateAsyncScope();
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<OutboxAdminService>());
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        SignInAs(new Actor("admin-actor", PortalRoles.Admin, null));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public void ShouldShowTheHtmlWithoutScriptsInASandboxedFrame()
    {
        var page = Render<OutboxMessagePage>(p => p.Add(c => c.Id, _id));

        var frame = page.WaitForElement("[data-testid=outbox-message-html]");
        frame.GetAttribute("sandbox").Should().Be("", "an empty sandbox allows no scripts, forms, popups or same-origin access");
        var html = frame.GetAttribute("srcdoc")!;
        html.Should().Contain("Hello Carol").And.NotContain("<script").And.NotContain("onclick").And.NotContain("onerror");
        page.Find("[data-testid=outbox-message-to]").TextContent.Should().Be("carol@acme.test");
        page.Find("[data-testid=outbox-message-status]").TextContent.Should().StartWith("Sent");
    }
}

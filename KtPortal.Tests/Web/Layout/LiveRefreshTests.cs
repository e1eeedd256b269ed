using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.Layout;

public sealed class LiveRefreshTests : PortalTestContext
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<PortalChange> _received = new();

    private IRenderedComponent<LiveRefresh> RenderFor(Actor actor, params string[] topics)
    {
        SignInAs(actor);
        return Render<LiveRefresh>(p => p
            .Add(c => c.Topics, topics)
            .Add(c => c.OnChange, EventCallback.Factory.Create<PortalChange>(this, c => _received.Enqueue(c))));
    }

    [Fact]
    public async Task ShouldPassOnTheClientsOwnChangesOfItsTopics_AndNothingElse()
    {
        RenderFor(new Actor("c", PortalRoles.ClientUser, 1), PortalChange.Topics.Ticket);
        var notifier = Services.GetRequiredService<IChangeNotifier>();

        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Ticket, "KT-1", 1));
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Ticket, "KT-2", 2));
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Client, "1", 1));
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Ticket, "KT-3", 1));

        // Delivery is handed over, not awaited by the publisher: wait for the last change the page should get.
        await KtPortal.Tests.TestSupport.Eventually.TrueAsync(() => _received.Any(c => c.EntityId == "KT-3"), "the page gets its client's ticket changes");
        _received.Select(c => c.EntityId).Should().Equal("KT-1", "KT-3");
    }

    [Fact]
    public async Task ShouldUnsubscribe_WhenDisposed()
    {
        var component = RenderFor(new Actor("s", PortalRoles.Staff, null), PortalChange.Topics.Ticket);
        var notifier = (InProcessChangeNotifier)Services.GetRequiredService<IChangeNotifier>();
        notifier.SubscriberCount.Should().Be(1);

        await DisposeComponentsAsync();
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Ticket, "KT-1", 1));

        notifier.SubscriberCount.Should().Be(0);
        _received.Should().BeEmpty();
        component.Should().NotBeNull();
    }
}

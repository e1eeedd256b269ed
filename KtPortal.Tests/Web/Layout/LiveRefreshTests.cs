using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.Layout;

public sealed class LiveRefreshTests : PortalTestContext
{
    private readonly List<PortalChange> _received = [];

    private IRenderedComponent<LiveRefresh> RenderFor(Actor actor, params string[] topics)
    {
        SignInAs(actor);
        return Render<LiveRefresh>(p => p
            .Add(c => c.Topics, topics)
            .Add(c => c.OnChange, EventCallback.Factory.Create<PortalChange>(this, c => _received.Add(c))));
    }

    [Fact]
    public async Task ShouldPassOnTheClientsOwnChangesOfItsTopics_AndNothingElse()
    {
        RenderFor(new Actor("c", PortalRoles.ClientUser, 1), PortalChange.Topics.Ticket);
        var notifier = Services.GetRequiredService<IChangeNotifier>();

        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Ticket, "KT-1", 1));
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Ticket, "KT-2", 2));
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Client, "1", 1));

        _received.Select(c => c.EntityId).Should().Equal("KT-1");
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

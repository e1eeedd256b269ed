using KtPortal.Web.Components.Shared;

namespace KtPortal.Tests.Web.Shared;

public sealed class RenderGateTests
{
    private sealed record Shown(string Title, int Count);

    [Fact]
    public void ShouldSayChanged_OnlyWhenTheValueDiffersFromTheLastShown_AndTakeTheSeedAsTheFirstRender()
    {
        var gate = new RenderGate<Shown>();
        gate.Seed(new Shown("a", 1));
        gate.Seed(new Shown("b", 2)); // only the first seed counts: it is what the first render showed

        gate.Changed(new Shown("a", 1)).Should().BeFalse("an equal record is nothing new");
        gate.Changed(new Shown("a", 2)).Should().BeTrue();
        gate.Changed(new Shown("a", 2)).Should().BeFalse("that value is now the one shown");
        gate.Changed(new Shown("a", 1)).Should().BeTrue();
    }

    [Fact]
    public void ShouldSayChanged_WhenNothingWasSeeded()
    {
        var gate = new RenderGate<(int, int)>();

        gate.Changed((0, 0)).Should().BeTrue("without a seed nothing is known to be shown, even a default value");
        gate.Changed((0, 0)).Should().BeFalse();
    }
}

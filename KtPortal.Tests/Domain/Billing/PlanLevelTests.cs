using KtPortal.Domain.Billing;

namespace KtPortal.Tests.Domain.Billing;

/// <summary>Rule 4's threshold, in one place: the warning e-mail, the meter's colour and the board card all read it.</summary>
public sealed class PlanLevelTests
{
    [Theory]
    [InlineData(0, 600, PlanLevel.Fine)]
    [InlineData(479, 600, PlanLevel.Fine)]
    [InlineData(480, 600, PlanLevel.Warning)]
    [InlineData(600, 600, PlanLevel.Warning)]
    [InlineData(601, 600, PlanLevel.Over)]
    [InlineData(120, 0, PlanLevel.Fine)]
    public void ShouldReadTheLevelFromUsedAndIncludedMinutes(int used, int included, PlanLevel level)
    {
        PlanLevels.Of(used, included).Should().Be(level);
        new PlanHealth(1, included > 0, used, included).Level.Should().Be(level);
    }
}

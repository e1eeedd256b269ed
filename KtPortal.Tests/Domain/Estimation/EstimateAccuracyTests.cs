using KtPortal.Domain.Estimation;
using KtPortal.Domain.Tickets;

namespace KtPortal.Tests.Domain.Estimation;

public sealed class EstimateAccuracyTests
{
    [Fact]
    public void ShouldReportMeanAbsoluteErrorAndShareWithinAQuarterOfTheCharge()
    {
        // Errors 0, 30, 120 minutes; within ±25 % of 120, 120 and 240: yes, no (30 > 30? no: 30 ≤ 30 yes), no.
        var figures = EstimateAccuracy.Figures([(120, 120), (90, 120), (360, 240)]);

        figures.Count.Should().Be(3);
        figures.MeanAbsoluteErrorMinutes.Should().Be(50);
        figures.WithinQuarterShare.Should().BeApproximately(2 / 3.0, 1e-9, "120 and 90 are within 25 % of 120; 360 is 50 % over 240");
    }

    [Fact]
    public void ShouldCoverAllTicketsEachTypeAndSupportType_WithAdjustedOnlyWhereSettled()
    {
        EstimateOutcome[] outcomes =
        [
            new(TicketType.Troubleshooting, "WordPress", 60, 60, 60),
            new(TicketType.Troubleshooting, "Email", 120, 60, null),
            new(TicketType.ServiceRequest, "Development", 480, 240, 420),
        ];

        var rows = EstimateAccuracy.Summarize(outcomes);

        rows.Select(r => r.Group).Should().Equal(
            "All tickets", "Service Request", "Service Request · Development", "Troubleshooting", "Troubleshooting · Email", "Troubleshooting · WordPress");
        rows[0].Local.Should().Be(new AccuracyFigures(3, (0 + 60 + 240) / 3.0, 1 / 3.0));
        rows[0].Adjusted.Should().Be(new AccuracyFigures(2, (0 + 60) / 2.0, 1.0));
        rows[4].Adjusted.Should().Be(AccuracyFigures.Empty);
    }

    [Fact]
    public void ShouldGiveEmptyFigures_WhenThereAreNoOutcomes() =>
        EstimateAccuracy.Summarize([]).Should().ContainSingle().Which.Local.Should().Be(AccuracyFigures.Empty);
}

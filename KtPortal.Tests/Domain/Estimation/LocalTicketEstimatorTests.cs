using KtPortal.Domain.Estimation;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;

namespace KtPortal.Tests.Domain.Estimation;

public sealed class LocalTicketEstimatorTests
{
    private const int Acme = 1;
    private const int Birch = 2;
    private static readonly DateTime Resolved = new(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly LocalTicketEstimator _estimator = new();

    private static ResolvedTicket Past(int number, int client, string title, int minutes, TicketType type = TicketType.Troubleshooting,
        int supportType = SupportType.TroubleshootingId, string description = "") =>
        new(number, client, type, supportType, title, description, minutes, Resolved);

    private static EstimateSubject Subject(string title, int client = Acme, TicketType type = TicketType.Troubleshooting,
        int supportType = SupportType.TroubleshootingId, string description = "") =>
        new(client, type, supportType, "Troubleshooting", title, description);

    [Fact]
    public void ShouldProposeTheMedianWithQuartilesAndNameTheTickets_WhenSimilarTicketsExist()
    {
        IReadOnlyList<ResolvedTicket> history =
        [
            Past(1012, Acme, "Contact form not sending e-mails", 120),
            Past(988, Acme, "Contact form stopped sending e-mails", 180),
            Past(975, Acme, "Contact form e-mails missing", 150),
            Past(960, Birch, "Website redesign for the shop", 2400),
            Past(961, Birch, "SSL certificate expired", 60),
        ];

        var proposal = _estimator.Estimate(Subject("Contact form not sending any e-mails"), history);

        proposal.BasisKind.Should().Be(EstimateBasisKind.SimilarTickets);
        proposal.Basis.Select(b => b.Number).Should().BeEquivalentTo([1012, 988, 975]);
        proposal.Basis[0].Number.Should().Be(1012, "the nearly identical title is the most similar");
        proposal.Minutes.Should().Be(150, "the median of 2 h, 2.5 h and 3 h");
        proposal.LowMinutes.Should().Be(135);
        proposal.HighMinutes.Should().Be(165);
        proposal.Explanation.Should().StartWith("Based on KT-1012 (2 h)").And.Contain("KT-988 (3 h)").And.Contain("KT-975 (2.5 h)").And.EndWith("of this client.");
        proposal.EstimatorName.Should().Be(LocalTicketEstimator.Name);
    }

    [Fact]
    public void ShouldPreferTheSameClientsTickets_ThenFillUpWithOtherClients()
    {
        IReadOnlyList<ResolvedTicket> history =
        [
            Past(1, Birch, "Backups failing nightly", 60),
            Past(2, Birch, "Backups failing nightly on the old server", 60),
            Past(3, Acme, "Nightly backups failing", 240),
        ];

        var proposal = _estimator.Estimate(Subject("Backups failing nightly"), history);

        proposal.Basis.Select(b => b.Number).Should().Equal(3, 1, 2);
        proposal.Basis[0].SameClient.Should().BeTrue();
        proposal.Explanation.Should().Be("Based on KT-3 (4 h) of this client and KT-1 (1 h), KT-2 (1 h) of other clients.");
    }

    [Fact]
    public void ShouldWeighATicketOfAnotherTypeLess_ThanTheSameTextOfTheSameType()
    {
        IReadOnlyList<ResolvedTicket> history =
        [
            Past(1, Acme, "Newsletter sign-up form", 600, TicketType.ServiceRequest, SupportType.DevelopmentId),
            Past(2, Acme, "Newsletter sign-up form", 60),
        ];

        var similar = LocalTicketEstimator.FindSimilar(Subject("Newsletter sign-up form broken"), history);

        similar[0].Number.Should().Be(2);
        similar[1].Similarity.Should().BeLessThan(similar[0].Similarity * 0.5, "another type (×0.5) and support type (×0.8)");
    }

    [Fact]
    public void ShouldSaySoAndUseTheTypesMedian_WhenNothingIsSimilar()
    {
        IReadOnlyList<ResolvedTicket> history =
        [
            Past(1, Acme, "SSL certificate expired", 60),
            Past(2, Acme, "Site slow on mobile", 240),
            Past(3, Birch, "Login loop in the admin", 90),
            Past(4, Birch, "Quarterly sale landing page", 480, TicketType.ServiceRequest, SupportType.DevelopmentId),
        ];

        var proposal = _estimator.Estimate(Subject("Quantum flux calibration of the aquarium"), history);

        proposal.BasisKind.Should().Be(EstimateBasisKind.TypeDefault);
        proposal.Basis.Should().BeEmpty();
        proposal.Minutes.Should().Be(90, "the median of 1 h, 1.5 h and 4 h");
        proposal.Confidence.Should().Be(EstimateConfidence.Low);
        proposal.Explanation.Should().Be("No similar resolved tickets. Type-level default: the median of 3 resolved Troubleshooting tickets.");
    }

    [Fact]
    public void ShouldUseTheBuiltInDefault_WhenTheTypeHasNoHistory()
    {
        var proposal = _estimator.Estimate(Subject("Quarterly sale landing page", type: TicketType.ServiceRequest, supportType: SupportType.DevelopmentId), []);

        proposal.BasisKind.Should().Be(EstimateBasisKind.BuiltInDefault);
        proposal.Minutes.Should().Be(240);
        proposal.LowMinutes.Should().Be(120);
        proposal.HighMinutes.Should().Be(480);
        proposal.Explanation.Should().StartWith("No similar resolved tickets").And.Contain("Built-in default for Service Request: 4 h");
    }

    [Fact]
    public void ShouldProposeQuarterHours_NeverUnderTheOneHourMinimum()
    {
        IReadOnlyList<ResolvedTicket> history =
        [
            Past(1, Acme, "Update opening hours", 60),
            Past(2, Acme, "Update opening hours for summer", 70),
        ];

        var proposal = _estimator.Estimate(Subject("Update opening hours for the holidays"), history);

        proposal.Minutes.Should().Be(60, "the median 65 min rounds to the quarter hour, 60");
        proposal.LowMinutes.Should().Be(60);
        proposal.HighMinutes.Should().Be(75, "the highest, 70 min, rounded up to the quarter");
        (proposal.Minutes % 15).Should().Be(0);
    }

    [Fact]
    public void ShouldBeHighlyConfident_OnlyWithSeveralCloseConsistentMatches()
    {
        IReadOnlyList<ResolvedTicket> consistent =
        [
            Past(1, Acme, "Backups failing nightly", 90),
            Past(2, Acme, "Backups failing nightly", 90),
            Past(3, Acme, "Backups failing nightly", 105),
        ];
        IReadOnlyList<ResolvedTicket> scattered =
        [
            Past(1, Acme, "Backups failing nightly", 60),
            Past(2, Acme, "Backups failing nightly", 600),
        ];

        _estimator.Estimate(Subject("Backups failing nightly"), consistent).Confidence.Should().Be(EstimateConfidence.High);
        _estimator.Estimate(Subject("Backups failing nightly"), scattered).Confidence.Should().Be(EstimateConfidence.Low);
    }

    [Theory]
    [InlineData("Images broken!", new[] { "image", "broken" })]
    [InlineData("Sending e-mails FAILED", new[] { "send", "mail", "fail" })]
    [InlineData("Please fix the categories", new[] { "fix", "category" })]
    public void ShouldLowercaseDropCommonWordsAndTrimEndings_WhenTokenizing(string text, string[] expected) =>
        TextTokenizer.Tokens(text).Should().Equal(expected);
}

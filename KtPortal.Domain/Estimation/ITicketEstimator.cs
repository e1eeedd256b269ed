namespace KtPortal.Domain.Estimation;

/// <summary>Proposes how many hours a ticket will be charged, given the resolved history it may learn from.</summary>
public interface ITicketEstimator
{
    Task<EstimateProposal> EstimateAsync(EstimateSubject subject, IReadOnlyList<ResolvedTicket> history, CancellationToken cancellationToken = default);
}

using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.Estimation;

/// <summary>A resolved ticket the estimators learn from: what it asked for and the hours it was charged (rule 1).</summary>
public sealed record ResolvedTicket(
    int Number, int ClientId, TicketType Type, int SupportTypeId, string Title, string Description, int ChargedMinutes, DateTime ResolvedAtUtc);

/// <summary>The ticket to estimate. <see cref="SupportTypeName"/> only words the explanation.</summary>
public sealed record EstimateSubject(int ClientId, TicketType Type, int SupportTypeId, string SupportTypeName, string Title, string Description);

public enum EstimateConfidence
{
    Low,
    Medium,
    High,
}

/// <summary>Where a proposal's number came from.</summary>
public enum EstimateBasisKind
{
    /// <summary>The median of similar resolved tickets.</summary>
    SimilarTickets,

    /// <summary>No similar ticket: the median of resolved tickets of the same type (and support type where there are enough).</summary>
    TypeDefault,

    /// <summary>No resolved history of that type at all: a fixed starting point per ticket type.</summary>
    BuiltInDefault,
}

/// <summary>A resolved ticket that informed a proposal, with how similar it is (0..1, after the type weights).</summary>
public sealed record SimilarTicket(int Number, bool SameClient, int ChargedMinutes, double Similarity);

/// <summary>
/// An estimate of the hours a ticket will be charged (whole minutes, at least the one-hour minimum), with a range,
/// a confidence and the reasons. Every estimator returns this shape.
/// </summary>
public sealed record EstimateProposal(
    int Minutes,
    int LowMinutes,
    int HighMinutes,
    EstimateConfidence Confidence,
    EstimateBasisKind BasisKind,
    IReadOnlyList<SimilarTicket> Basis,
    string Explanation,
    string EstimatorName)
{
    /// <summary>Set when an AI estimator was asked but its answer could not be used, so this is the local proposal.</summary>
    public string? FallbackReason { get; init; }
}

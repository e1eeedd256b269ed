namespace KtPortal.Domain.Estimation;

/// <summary>
/// A ticket's internal estimate: what the estimator proposed (kept as it was) and what staff settled on. Staff only;
/// clients see only quotes (<see cref="TicketQuote"/>). One per ticket.
/// </summary>
public sealed class TicketEstimate
{
    public const int ExplanationMaxLength = 2000;
    public const int NoteMaxLength = 1000;
    public const int EstimatorMaxLength = 100;

    /// <summary>Adjusted estimates are whole quarter hours from 15 minutes to this (a thousand hours).</summary>
    public const int MaxMinutes = 60_000;

    public int Id { get; set; }

    public int TicketId { get; set; }

    /// <summary>Which estimator made the proposal: the local one, or the AI model's name.</summary>
    public string Estimator { get; set; } = string.Empty;

    public int ProposedMinutes { get; set; }

    public int LowMinutes { get; set; }

    public int HighMinutes { get; set; }

    public EstimateConfidence Confidence { get; set; }

    public EstimateBasisKind BasisKind { get; set; }

    public string Explanation { get; set; } = string.Empty;

    /// <summary>The local estimator's own proposal, always kept: accuracy is reported for it even when an AI proposed.</summary>
    public int LocalMinutes { get; set; }

    /// <summary>Why the AI estimator was not used (failure, timeout, unusable answer); null when it was, or is not configured.</summary>
    public string? FallbackReason { get; set; }

    public List<TicketEstimateSimilar> Similar { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>What staff settled on: the proposal when accepted, their own figure when adjusted. Null until then.</summary>
    public int? AdjustedMinutes { get; set; }

    public string? AdjustedById { get; set; }

    public DateTime? AdjustedAtUtc { get; set; }

    public string? AdjustmentNote { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>A resolved ticket a proposal rested on, in the order the estimator ranked it.</summary>
public sealed class TicketEstimateSimilar
{
    public int Id { get; set; }

    public int TicketEstimateId { get; set; }

    public int Rank { get; set; }

    public int TicketNumber { get; set; }

    public bool SameClient { get; set; }

    public int ChargedMinutes { get; set; }

    /// <summary>Weighted text similarity, 0..100.</summary>
    public int SimilarityPercent { get; set; }
}

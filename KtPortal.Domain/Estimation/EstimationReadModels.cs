using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.Estimation;

/// <summary>A similar resolved ticket as staff see it under an estimate.</summary>
public sealed record SimilarTicketView(int Number, string Title, string ClientName, bool SameClient, int ChargedMinutes, int SimilarityPercent)
{
    public string DisplayNumber => TicketNumber.Format(Number);
}

/// <summary>A ticket's internal estimate (staff only).</summary>
public sealed record EstimateView(
    int Number,
    TicketType Type,
    string Estimator,
    int ProposedMinutes,
    int LowMinutes,
    int HighMinutes,
    EstimateConfidence Confidence,
    EstimateBasisKind BasisKind,
    string Explanation,
    int LocalMinutes,
    string? FallbackReason,
    IReadOnlyList<SimilarTicketView> Similar,
    DateTime CreatedAtUtc,
    int? AdjustedMinutes,
    string? AdjustedByName,
    DateTime? AdjustedAtUtc,
    string? AdjustmentNote,
    Guid ConcurrencyStamp)
{
    public bool IsSettled => AdjustedMinutes is not null;
}

/// <summary>A quote as the client and staff see it.</summary>
public sealed record QuoteView(
    int Id,
    int Minutes,
    long RateMinor,
    long AmountMinor,
    string Message,
    QuoteStatus Status,
    string SentByName,
    DateTime SentAtUtc,
    string? RespondedByName,
    DateTime? RespondedAtUtc,
    string? ResponseNote,
    string Currency)
{
    public string Sentence => QuoteText.Sentence(Minutes, AmountMinor, Currency);
}

/// <summary>A ticket's quotes, newest first, and whether this actor may answer the pending one.</summary>
public sealed record TicketQuotes(IReadOnlyList<QuoteView> Quotes, bool CanRespond)
{
    public QuoteView? Pending => Quotes.FirstOrDefault(q => q.Status == QuoteStatus.Pending);
}

/// <summary>A quote waiting for the client's answer, for their dashboard.</summary>
public sealed record PendingQuote(int Number, string Title, string Sentence, DateTime SentAtUtc)
{
    public string DisplayNumber => TicketNumber.Format(Number);
}

/// <summary>Why a Service Request being worked on is flagged on the board.</summary>
public enum QuoteAlert
{
    /// <summary>Work started and no quote was ever sent.</summary>
    NotQuoted,

    /// <summary>A quote is waiting for the client.</summary>
    AwaitingApproval,

    /// <summary>The client declined the latest quote.</summary>
    Declined,
}

/// <summary>The accuracy page: figures per group, and how many resolved tickets had an estimate at all.</summary>
public sealed record AccuracyReport(IReadOnlyList<AccuracyRow> Rows, int ResolvedWithEstimate, int AdjustedCount);

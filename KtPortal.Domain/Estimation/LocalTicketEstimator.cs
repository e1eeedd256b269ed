using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.Estimation;

/// <summary>
/// The default estimator, offline and explainable: TF-IDF cosine similarity over title and description, weighted by
/// ticket type and support type; the most similar resolved tickets of the same client first, then of all clients;
/// the median of their charged hours, the quartiles as the range. With nothing similar it says so and falls back to
/// the median of resolved tickets of the same type (docs/estimates.md).
/// </summary>
public sealed class LocalTicketEstimator : ITicketEstimator
{
    public const string Name = "Local (similar tickets)";

    /// <summary>How many similar tickets a proposal rests on at most.</summary>
    public const int Neighbours = 5;

    /// <summary>Below this weighted similarity a resolved ticket is not "similar".</summary>
    public const double MinSimilarity = 0.2;

    /// <summary>A same-client ticket goes first only if it is at least this share as similar as the best match anywhere.</summary>
    public const double SameClientShareOfBest = 0.5;

    public const double OtherTypeWeight = 0.5;
    public const double OtherSupportTypeWeight = 0.8;

    /// <summary>Type-level defaults rest on at least this many resolved tickets.</summary>
    public const int MinTypeHistory = 3;

    private const int Quarter = 15;
    private const int MinimumCharge = UsageCalculator.MinimumChargeMinutes;

    public Task<EstimateProposal> EstimateAsync(EstimateSubject subject, IReadOnlyList<ResolvedTicket> history, CancellationToken cancellationToken = default) =>
        Task.FromResult(Estimate(subject, history));

    public EstimateProposal Estimate(EstimateSubject subject, IReadOnlyList<ResolvedTicket> history)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(history);
        var similar = FindSimilar(subject, history);
        return similar.Count > 0 ? FromSimilar(similar) : TypeDefault(subject, history);
    }

    /// <summary>The similar resolved tickets a proposal rests on, most similar first within same client, then others.</summary>
    public static IReadOnlyList<SimilarTicket> FindSimilar(EstimateSubject subject, IReadOnlyList<ResolvedTicket> history)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return [];
        }

        var index = new TfIdfIndex([.. history.Select(t => TextTokenizer.Tokens(t.Title + "\n" + t.Title + "\n" + t.Description))]);
        // The title counts twice: it is what the ticket is about; descriptions wander.
        var query = index.Vectorize(TextTokenizer.Tokens(subject.Title + "\n" + subject.Title + "\n" + subject.Description));
        var scored = new List<SimilarTicket>();
        for (var i = 0; i < history.Count; i++)
        {
            var past = history[i];
            var score = index.Similarity(query, i)
                * (past.Type == subject.Type ? 1.0 : OtherTypeWeight)
                * (past.SupportTypeId == subject.SupportTypeId ? 1.0 : OtherSupportTypeWeight);
            if (score >= MinSimilarity)
            {
                scored.Add(new SimilarTicket(past.Number, past.ClientId == subject.ClientId, past.ChargedMinutes, Math.Round(score, 3, MidpointRounding.AwayFromZero)));
            }
        }

        if (scored.Count == 0)
        {
            return [];
        }

        var bar = Math.Max(MinSimilarity, scored.Max(s => s.Similarity) * SameClientShareOfBest);
        var sameClient = scored.Where(s => s.SameClient && s.Similarity >= bar)
            .OrderByDescending(s => s.Similarity).ThenByDescending(s => s.Number).Take(Neighbours).ToList();
        var others = scored.Except(sameClient)
            .OrderByDescending(s => s.Similarity).ThenByDescending(s => s.Number).Take(Neighbours - sameClient.Count);
        return [.. sameClient, .. others];
    }

    private static EstimateProposal FromSimilar(IReadOnlyList<SimilarTicket> similar)
    {
        var minutes = similar.Select(s => (double)s.ChargedMinutes).Order().ToList();
        var median = Percentile(minutes, 0.5);
        var (low, high) = similar.Count >= 3 ? (Percentile(minutes, 0.25), Percentile(minutes, 0.75)) : (minutes[0], minutes[^1]);
        var proposal = Shape(median, low, high);
        var meanSimilarity = similar.Average(s => s.Similarity);
        var spread = (proposal.High - proposal.Low) / (double)proposal.Minutes;
        var confidence = similar.Count >= 3 && meanSimilarity >= 0.45 && spread <= 0.75 ? EstimateConfidence.High
            : similar.Count >= 2 && meanSimilarity >= 0.3 && spread <= 1.5 ? EstimateConfidence.Medium
            : EstimateConfidence.Low;
        return new EstimateProposal(proposal.Minutes, proposal.Low, proposal.High, confidence, EstimateBasisKind.SimilarTickets, similar,
            Explain(similar), Name);
    }

    /// <summary>"Based on KT-1012 (2 h), KT-988 (3 h) of this client and KT-975 (2.5 h) of other clients."</summary>
    public static string Explain(IReadOnlyList<SimilarTicket> similar)
    {
        ArgumentNullException.ThrowIfNull(similar);
        static string List(IEnumerable<SimilarTicket> tickets) =>
            string.Join(", ", tickets.Select(t => $"{TicketNumber.Format(t.Number)} ({Hours.Format(t.ChargedMinutes)} h)"));
        var own = similar.Where(s => s.SameClient).ToList();
        var others = similar.Where(s => !s.SameClient).ToList();
        var parts = new List<string>();
        if (own.Count > 0)
        {
            parts.Add(List(own) + " of this client");
        }

        if (others.Count > 0)
        {
            parts.Add(List(others) + " of other clients");
        }

        return "Based on " + string.Join(" and ", parts) + ".";
    }

    private static EstimateProposal TypeDefault(EstimateSubject subject, IReadOnlyList<ResolvedTicket> history)
    {
        var typeLabel = TicketRules.Label(subject.Type);
        var sameSupport = history.Where(t => t.Type == subject.Type && t.SupportTypeId == subject.SupportTypeId).ToList();
        var sameType = history.Where(t => t.Type == subject.Type).ToList();
        var (pool, what) = sameSupport.Count >= MinTypeHistory
            ? (sameSupport, TicketRules.Label(subject.Type, subject.SupportTypeName))
            : (sameType, typeLabel);
        if (pool.Count >= MinTypeHistory)
        {
            var minutes = pool.Select(t => (double)t.ChargedMinutes).Order().ToList();
            var shaped = Shape(Percentile(minutes, 0.5), Percentile(minutes, 0.25), Percentile(minutes, 0.75));
            return new EstimateProposal(shaped.Minutes, shaped.Low, shaped.High, EstimateConfidence.Low, EstimateBasisKind.TypeDefault, [],
                $"No similar resolved tickets. Type-level default: the median of {pool.Count} resolved {what} tickets.", Name);
        }

        var (fixedMinutes, fixedLow, fixedHigh) = subject.Type == TicketType.ServiceRequest ? (240, 120, 480) : (60, 60, 120);
        return new EstimateProposal(fixedMinutes, fixedLow, fixedHigh, EstimateConfidence.Low, EstimateBasisKind.BuiltInDefault, [],
            $"No similar resolved tickets, and too few resolved {typeLabel} tickets for a type-level median. Built-in default for {typeLabel}: {Hours.Format(fixedMinutes)} h.",
            Name);
    }

    /// <summary>Quarter hours, never under the one-hour minimum, and the range always holds the proposal.</summary>
    private static (int Minutes, int Low, int High) Shape(double median, double low, double high)
    {
        var minutes = Math.Max(MinimumCharge, (int)Math.Round(median / Quarter, MidpointRounding.AwayFromZero) * Quarter);
        var lowMinutes = Math.Min(minutes, Math.Max(MinimumCharge, (int)Math.Floor(low / Quarter) * Quarter));
        var highMinutes = Math.Max(minutes, (int)Math.Ceiling(high / Quarter) * Quarter);
        return (minutes, lowMinutes, highMinutes);
    }

    /// <summary>Linear-interpolated percentile of sorted values (p in 0..1).</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 1)
        {
            return sorted[0];
        }

        var position = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(sorted.Count - 1, lower + 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}

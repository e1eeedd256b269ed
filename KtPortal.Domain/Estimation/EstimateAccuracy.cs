using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.Estimation;

/// <summary>One resolved ticket's estimates against the hours it was charged. Adjusted is null when staff never settled one.</summary>
public sealed record EstimateOutcome(TicketType Type, string SupportTypeName, int ChargedMinutes, int LocalMinutes, int? AdjustedMinutes);

/// <summary>How close one source of estimates came: mean absolute error in minutes and the share within ±25 % of the charge.</summary>
public sealed record AccuracyFigures(int Count, double MeanAbsoluteErrorMinutes, double WithinQuarterShare)
{
    public static AccuracyFigures Empty { get; } = new(0, 0, 0);
}

/// <summary>A group (all tickets, a type, or a type and support type) with its local and adjusted figures.</summary>
public sealed record AccuracyRow(string Group, TicketType? Type, string? SupportTypeName, AccuracyFigures Local, AccuracyFigures Adjusted);

/// <summary>Compares estimates with charged hours, overall and per ticket type and support type.</summary>
public static class EstimateAccuracy
{
    /// <summary>An estimate is "close" when it is within this share of the charged hours either way.</summary>
    public const double Tolerance = 0.25;

    public static IReadOnlyList<AccuracyRow> Summarize(IReadOnlyCollection<EstimateOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var rows = new List<AccuracyRow> { Row("All tickets", null, null, outcomes) };
        foreach (var byType in outcomes.GroupBy(o => o.Type).OrderBy(g => g.Key))
        {
            rows.Add(Row(TicketRules.Label(byType.Key), byType.Key, null, [.. byType]));
            foreach (var bySupport in byType.GroupBy(o => o.SupportTypeName).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                rows.Add(Row($"{TicketRules.Label(byType.Key)} · {bySupport.Key}", byType.Key, bySupport.Key, [.. bySupport]));
            }
        }

        return rows;
    }

    public static AccuracyFigures Figures(IEnumerable<(int Estimated, int Charged)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var list = pairs.ToList();
        if (list.Count == 0)
        {
            return AccuracyFigures.Empty;
        }

        var mae = list.Average(p => (double)Math.Abs(p.Estimated - p.Charged));
        var within = list.Count(p => Math.Abs(p.Estimated - p.Charged) <= Tolerance * p.Charged) / (double)list.Count;
        return new AccuracyFigures(list.Count, mae, within);
    }

    private static AccuracyRow Row(string group, TicketType? type, string? supportType, IReadOnlyCollection<EstimateOutcome> outcomes) =>
        new(group, type, supportType,
            Figures(outcomes.Select(o => (o.LocalMinutes, o.ChargedMinutes))),
            Figures(outcomes.Where(o => o.AdjustedMinutes is not null).Select(o => (o.AdjustedMinutes!.Value, o.ChargedMinutes))));
}

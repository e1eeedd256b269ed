namespace KtPortal.Domain.Data;

/// <summary>
/// <c>Tickets.FirstResponseMinutes</c> and <c>ResolutionMinutes</c> for tickets saved before the columns existed: whole
/// minutes rounded half up from the millisecond difference, never negative, resolution only while resolved or closed
/// (as <c>TicketStatsKeeper</c> sets them from now on). The day counts are built from these at the next start.
/// </summary>
public static class TicketMinutesBackfill
{
    public const string Sqlite = """
        UPDATE Tickets SET
            FirstResponseMinutes = CASE WHEN FirstResponseAtUtc IS NULL THEN NULL
                ELSE MAX(0, (CAST(round((julianday(FirstResponseAtUtc) - julianday(CreatedAtUtc)) * 86400000) AS INTEGER) + 30000) / 60000) END,
            ResolutionMinutes = CASE WHEN ResolvedAtUtc IS NULL OR Status NOT IN ('Resolved', 'Closed') THEN NULL
                ELSE MAX(0, (CAST(round((julianday(ResolvedAtUtc) - julianday(CreatedAtUtc)) * 86400000) AS INTEGER) + 30000) / 60000) END;
        """;

    public const string SqlServer = """
        UPDATE Tickets SET
            FirstResponseMinutes = CASE WHEN FirstResponseAtUtc IS NULL THEN NULL
                WHEN DATEDIFF_BIG(millisecond, CreatedAtUtc, FirstResponseAtUtc) < 0 THEN 0
                ELSE CAST((DATEDIFF_BIG(millisecond, CreatedAtUtc, FirstResponseAtUtc) + 30000) / 60000 AS int) END,
            ResolutionMinutes = CASE WHEN ResolvedAtUtc IS NULL OR Status NOT IN ('Resolved', 'Closed') THEN NULL
                WHEN DATEDIFF_BIG(millisecond, CreatedAtUtc, ResolvedAtUtc) < 0 THEN 0
                ELSE CAST((DATEDIFF_BIG(millisecond, CreatedAtUtc, ResolvedAtUtc) + 30000) / 60000 AS int) END;
        """;
}

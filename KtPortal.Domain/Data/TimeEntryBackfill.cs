namespace KtPortal.Domain.Data;

/// <summary>
/// A time entry's derived columns from scratch, for when they are added: the ticket's client and support type, and rule 1
/// (the one-hour minimum per ticket) in SQL for <c>TimeEntries.ChargedMinutes</c>: each entry's charge is
/// <c>charged(logged up to and including it) − charged(logged before it)</c>, where
/// <c>charged(x) = 0</c> when x is 0 and <c>max(60, x)</c> after, over the ticket's billable entries in billing order (work date,
/// created at, id). After that the column is kept by <c>TimeEntryKeeper</c>; a test runs this again over data built
/// through the services and expects the same numbers, so the two can never drift apart unnoticed.
/// </summary>
public static class TimeEntryBackfill
{
    private const string Charges = """
        SELECT Id,
            (CASE WHEN Upto = 0 THEN 0 WHEN Upto < 60 THEN 60 ELSE Upto END)
            - (CASE WHEN Upto - Own = 0 THEN 0 WHEN Upto - Own < 60 THEN 60 ELSE Upto - Own END) AS Charge
        FROM (
            SELECT Id, CASE WHEN Billable = 1 THEN Minutes ELSE 0 END AS Own,
                SUM(CASE WHEN Billable = 1 THEN Minutes ELSE 0 END)
                    OVER (PARTITION BY TicketId ORDER BY WorkDate, CreatedAtUtc, Id ROWS UNBOUNDED PRECEDING) AS Upto
            FROM TimeEntries) AS r
        """;

    public const string Sqlite = $"""
        UPDATE TimeEntries SET ChargedMinutes = c.Charge
        FROM ({Charges}) AS c
        WHERE c.Id = TimeEntries.Id;
        UPDATE TimeEntries SET ClientId = t.ClientId, SupportTypeId = t.SupportTypeId
        FROM Tickets AS t
        WHERE t.Id = TimeEntries.TicketId;
        """;

    public const string SqlServer = $"""
        UPDATE e SET ChargedMinutes = c.Charge
        FROM TimeEntries AS e
        INNER JOIN ({Charges}) AS c ON c.Id = e.Id;
        UPDATE e SET ClientId = t.ClientId, SupportTypeId = t.SupportTypeId
        FROM TimeEntries AS e
        INNER JOIN Tickets AS t ON t.Id = e.TicketId;
        """;
}

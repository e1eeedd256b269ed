using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KtPortal.Bench;

/// <summary>
/// <c>sql DB "STATEMENT" [RUNS]</c>: times one statement on a kept bench database with the portal's own SQLite build
/// (FTS5 with contentless_delete, which Debian's sqlite3 lacks), to weigh a query before it goes into the code (or to add
/// an index to try: the statement runs as given, writes included). Prints
/// the first row and the median, p95 and max of RUNS runs after three warm-ups, on one connection as a page would have;
/// RUNS 0 runs it once, untimed.
/// </summary>
internal static class SqlTimer
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: sql DATABASE-FILE \"STATEMENT\" [RUNS]");
            return 2;
        }

        var runs = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        using var connection = new SqliteConnection($"Data Source={args[0]}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = args[1];
        command.CommandTimeout = 600;
        if (runs == 0)
        {
            // Once, untimed: a change to try (an index, a table), which must not run again as a warm-up would.
            Console.WriteLine($"{command.ExecuteNonQuery()} rows changed");
            return 0;
        }

        string firstRow = "(no rows)";
        var times = new List<double>();
        for (var i = 0; i < runs + 3; i++)
        {
            var watch = Stopwatch.StartNew();
            using (var reader = command.ExecuteReader())
            {
                var rows = 0;
                while (reader.Read())
                {
                    if (rows++ == 0)
                    {
                        firstRow = string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(c => Convert.ToString(reader.GetValue(c), CultureInfo.InvariantCulture)));
                    }
                }

                firstRow += rows > 1 ? $" (+{rows - 1} more rows)" : string.Empty;
            }

            if (i >= 3)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine(firstRow);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {times[times.Count / 2]:N2} ms, p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:N2} ms, max {times[^1]:N2} ms over {runs} runs"));
        return 0;
    }
}

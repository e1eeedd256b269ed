using System.Globalization;

namespace KtPortal.Bench.Live;

/// <summary>
/// The whole machine's CPU use between two readings of <c>/proc/stat</c> (Linux), in cores busy: the server and the
/// bench are one process, the browser many, and on a 2-core machine they compete, so the report shows both.
/// </summary>
internal sealed class MachineCpu
{
    private readonly (long Busy, long Total)? _start = Read();

    /// <summary>Cores busy on average since this reading began; null where /proc/stat is not there.</summary>
    public double? CoresBusy()
    {
        if (_start is not { } start || Read() is not { } end || end.Total == start.Total)
        {
            return null;
        }

        return (double)(end.Busy - start.Busy) / (end.Total - start.Total) * Environment.ProcessorCount;
    }

    private static (long Busy, long Total)? Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }

        // "cpu  user nice system idle iowait irq softirq steal ..." in clock ticks; idle and iowait are not busy.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        return (total - fields[3] - fields[4], total);
    }
}

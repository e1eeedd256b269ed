using System.Globalization;

namespace KtPortal.Bench.Live;

/// <summary>
/// <c>live [N ...] [--trace DIR]</c>: the session counts to run (20 and 100 when none), and optionally a Chromium
/// performance trace of the first run's change phase written to DIR (open it in DevTools' Performance panel or
/// Perfetto). Tracing slows every page, so a traced run does not write RESULTS.md.
/// </summary>
internal sealed record LiveOptions(IReadOnlyList<int> Sizes, string? TraceDirectory)
{
    public const string Usage = "Usage: live [N ...] [--trace DIR]   N: sessions per run, an even number from 2 to 400 (default 20 100).";

    /// <summary>The browserless run takes the same session counts and nothing else.</summary>
    public const string ServerUsage = "Usage: live-server [N ...]   N: sessions per run, an even number from 2 to 400 (default 20 100).";

    public static bool TryParse(IReadOnlyList<string> args, out LiveOptions options, out string error)
    {
        var sizes = new List<int>();
        string? trace = null;
        options = new LiveOptions([], null);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--trace")
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    error = "--trace needs a directory to write the trace to.";
                    return false;
                }

                trace = args[++i];
            }
            else if (int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 2 and <= 400 && size % 2 == 0)
            {
                sizes.Add(size);
            }
            else
            {
                error = $"'{args[i]}' is not a session count (an even number from 2 to 400) or --trace DIR.";
                return false;
            }
        }

        options = new LiveOptions(sizes.Count > 0 ? sizes : [20, 100], trace);
        error = "";
        return true;
    }
}

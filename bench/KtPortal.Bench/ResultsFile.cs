namespace KtPortal.Bench;

/// <summary>RESULTS.md is one file with a section per benchmark; each run replaces its own section (from its marker to the next one).</summary>
internal static class ResultsFile
{
    private const string MarkerStart = "<!-- ";

    public static void ReplaceSection(string path, string marker, string section)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var start = existing.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            File.WriteAllText(path, existing.TrimEnd() + Environment.NewLine + Environment.NewLine + section);
            return;
        }

        var next = existing.IndexOf(MarkerStart, start + marker.Length, StringComparison.Ordinal);
        var tail = next < 0 ? string.Empty : Environment.NewLine + existing[next..];
        File.WriteAllText(path, existing[..start] + section.TrimEnd() + Environment.NewLine + tail);
    }
}

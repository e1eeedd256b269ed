namespace KtPortal.Bench.Live;

/// <summary>
/// What one change cost, averaged over the change phase: the server's database commands and Blazor render diffs (all
/// circuits together), the server process's and the whole machine's CPU, and each browser page's main-thread time.
/// </summary>
internal sealed record ChangeCost(
    double DbCommands, double DbMs, double RenderDiffs, double RenderedEdits, double ServerCores, double? MachineCores,
    double DashboardBrowserMs, double BoardBrowserMs)
{
    public static ChangeCost From(
        ServerProfile profile, int changes, TimeSpan serverCpu, TimeSpan elapsed, double? machineCores, IReadOnlyList<(bool IsStaff, double Ms)> browserMs)
    {
        var totals = profile.Totals;
        (long Count, double Sum) Total(string name) => totals.GetValueOrDefault(name);
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        }

        return new ChangeCost(
            Total("db.command").Count / (double)changes,
            Total("db.command").Sum / changes,
            Total("aspnetcore.components.render_diff.size").Count / (double)changes,
            Total("aspnetcore.components.render_diff.size").Sum / changes,
            serverCpu.TotalSeconds / elapsed.TotalSeconds,
            machineCores,
            Median(browserMs.Where(b => !b.IsStaff).Select(b => b.Ms)),
            Median(browserMs.Where(b => b.IsStaff).Select(b => b.Ms)));
    }
}

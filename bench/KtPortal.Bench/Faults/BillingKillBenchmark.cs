using System.Globalization;
using System.Text;

namespace KtPortal.Bench.Faults;

/// <summary>
/// <c>billing-kill [clients] [moments]</c>: the billing run over many clients (generated with <c>seed --plans</c>) killed
/// with SIGKILL at random moments and started again, each on a fresh copy of the same data, compared with a run left
/// alone: every invoice once, numbers without gaps, nothing half-written (<c>billing check</c>). Also three runs started
/// together. Writes its section of bench/RESULTS.md.
/// </summary>
internal static class BillingKillBenchmark
{
    public const string Marker = "<!-- billing-kill -->";

    public static async Task<int> RunAsync(string repositoryRoot, int clients, int moments)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"ktportal-kill-{Guid.NewGuid():N}")).FullName;
        var asOf = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(32).AddHours(12).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string[] run = ["billing", "run", "--as-of", asOf];
        string[] check = ["billing", "check"];
        try
        {
            var seeded = Path.Combine(folder, "seeded.db");
            var seed = await PortalCli.RunAsync(repositoryRoot, seeded, ["seed", "--clients", clients.ToString(CultureInfo.InvariantCulture), "--tickets", (clients * 10).ToString(CultureInfo.InvariantCulture), "--plans"]);
            Require(seed, "seed");
            Console.WriteLine($"Seeded {clients:N0} clients with plans and time in {seed.Elapsed.TotalSeconds:N0} s");

            string Copy(string name)
            {
                var path = Path.Combine(folder, name + ".db");
                File.Copy(seeded, path);
                return path;
            }

            var referenceDb = Copy("reference");
            var reference = await PortalCli.RunAsync(repositoryRoot, referenceDb, run);
            Require(reference, "reference run");
            var expected = (await PortalCli.RunAsync(repositoryRoot, referenceDb, check)).Ledger();
            File.Delete(referenceDb);
            Console.WriteLine($"Reference: {expected.Issued} invoices in {reference.Elapsed.TotalSeconds:N1} s, digest {expected.Digest}, problems {expected.Problems}");

            var togetherDb = Copy("together");
            var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PortalCli.RunAsync(repositoryRoot, togetherDb, run)));
            var togetherLedger = (await PortalCli.RunAsync(repositoryRoot, togetherDb, check)).Ledger();
            File.Delete(togetherDb);
            var togetherErrors = together.Sum(r => r.Output.Split('\n').Count(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.Contains("Unhandled", StringComparison.Ordinal)));
            Console.WriteLine($"Three together: exit {string.Join("/", together.Select(r => r.ExitCode))}, error lines {togetherErrors}, digest {togetherLedger.Digest}");

            var random = new Random(1);
            var rows = new List<string>();
            var failures = 0;
            for (var i = 1; i <= moments; i++)
            {
                var db = Copy($"kill-{i}");
                var moment = TimeSpan.FromMilliseconds(random.Next(500, (int)reference.Elapsed.TotalMilliseconds));
                var killed = await PortalCli.RunAsync(repositoryRoot, db, run, moment);
                var atKill = (await PortalCli.RunAsync(repositoryRoot, db, check)).Ledger();
                var resumed = await PortalCli.RunAsync(repositoryRoot, db, run);
                var after = (await PortalCli.RunAsync(repositoryRoot, db, check)).Ledger();
                File.Delete(db);
                var same = after.Digest == expected.Digest && after.Issued == expected.Issued;
                failures += same && after.Problems == 0 && atKill.Problems == 0 && resumed.ExitCode == 0 ? 0 : 1;
                var row = string.Create(CultureInfo.InvariantCulture,
                    $"| {i} | {moment.TotalSeconds:N1} | {(killed.Killed ? "yes" : "no (ended first)")} | {atKill.Issued} | {atKill.Drafts} | {atKill.Problems} | {resumed.ExitCode} | {after.Issued} | {after.Problems} | {(same ? "yes" : "**no**")} |");
                rows.Add(row);
                Console.WriteLine(row);
            }

            var section = new StringBuilder()
                .AppendLine(Marker)
                .AppendLine("## Billing run killed part-way, and several at once (issue 26)")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/KtPortal.Bench -- billing-kill {clients} {moments}`.")
                .AppendLine(CultureInfo.InvariantCulture, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores; SQLite file database; each run is `KtPortal.Web billing run --as-of {asOf}` as its own process.")
                .AppendLine(CultureInfo.InvariantCulture, $"Data: `seed --clients {clients} --tickets {clients * 10} --plans` ({seed.Elapsed.TotalSeconds:N0} s): every client on a plan from its current period, time logged today on up to three of its tickets.")
                .AppendLine(CultureInfo.InvariantCulture, $"Reference: one run left alone on a copy issues **{expected.Issued} invoices** in {reference.Elapsed.TotalSeconds:N1} s; `billing check` digest `{expected.Digest}`, {expected.Problems} problems.")
                .AppendLine(CultureInfo.InvariantCulture, $"Three runs started together on one copy: exit codes {string.Join(", ", together.Select(r => r.ExitCode))}, {togetherErrors} error lines, {togetherLedger.Issued} invoices, {togetherLedger.Problems} problems, digest {(togetherLedger.Digest == expected.Digest ? "the reference's" : $"**{togetherLedger.Digest}, not the reference's**")}.")
                .AppendLine()
                .AppendLine("Each row: a fresh copy; the run is sent SIGKILL at the moment shown (seconds after the process started, uniformly random within the reference run's length, seeded); `billing check` reads the ledger as the kill left it; a new run finishes; `billing check` again. \"Problems\" counts numbers missing or used twice, a counter ahead of the numbers, invoices without lines or whose lines do not add up, and two live invoices for one period and kind.")
                .AppendLine()
                .AppendLine("| # | killed at s | killed | issued at kill | drafts at kill | problems at kill | next run exit | issued after | problems after | same invoices as the reference |")
                .AppendLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var row in rows)
            {
                section.AppendLine(row);
            }

            section.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Duplicates 0 and gaps 0 in every row where \"problems\" is 0; {failures} of {moments} moments differ from the reference.");
            ResultsFile.ReplaceSection(Path.Combine(repositoryRoot, "bench", "RESULTS.md"), Marker, section.ToString());
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Require(PortalCli result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed ({result.ExitCode}):\n{result.Output}");
        }
    }
}

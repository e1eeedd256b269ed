using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KtPortal.Bench.Faults;

/// <summary>The portal's own command line (the Release build of KtPortal.Web) run as a process on a database file,
/// optionally killed with SIGKILL after a while, as a crash would.</summary>
internal sealed partial record PortalCli(int ExitCode, string Output, bool Killed, TimeSpan Elapsed)
{
    public static async Task<PortalCli> RunAsync(string repositoryRoot, string database, IEnumerable<string> arguments, TimeSpan? killAfter = null)
    {
        var web = Path.Combine(repositoryRoot, "KtPortal.Web");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(web, "bin", "Release", "net10.0", "KtPortal.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["KtPortal__Jobs__Enabled"] = "false";
        start.Environment["ConnectionStrings__KtPortal"] = $"Data Source={database}";
        start.Environment["KtPortal__Attachments__Path"] = database + "-files";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var killed = false;
        if (killAfter is { } wait)
        {
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(wait)) != exited)
            {
                process.Kill(entireProcessTree: true);
                killed = true;
            }
        }

        await process.WaitForExitAsync();
        return new PortalCli(process.ExitCode, await output + await errors, killed, watch.Elapsed);
    }

    /// <summary>What <c>billing check</c> printed: issued, drafts, digest, problems.</summary>
    public (int Issued, int Drafts, string Digest, int Problems) Ledger()
    {
        var match = LedgerLine().Match(Output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"billing check said something else:\n{Output}");
        }

        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Groups[3].Value,
            Output.Split('\n').Count(l => l.TrimStart().StartsWith("problem:", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"Invoices: (\d+) issued, (\d+) draft\(s\); digest ([0-9A-F]{16})")]
    private static partial Regex LedgerLine();
}

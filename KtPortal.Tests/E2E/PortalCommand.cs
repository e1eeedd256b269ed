using System.Diagnostics;

namespace KtPortal.Tests.E2E;

/// <summary>A portal command (<c>seed</c>, <c>billing run</c>, <c>billing check</c>) run as its own process, as an
/// operator or a second instance would run it, with what it printed and how it ended.</summary>
public sealed record PortalCommand(int ExitCode, string Output, bool Killed)
{
    /// <summary>Production settings, jobs off: only the command itself touches the database.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["KtPortal__Jobs__Enabled"] = "false",
    };

    /// <summary>
    /// Runs to the end, or until <paramref name="killAfter"/> has passed, or until <paramref name="killWhen"/> says so
    /// (asked every 20 ms while it runs): then SIGKILL, as a crash would.
    /// </summary>
    public static async Task<PortalCommand> RunAsync(string databasePath, IEnumerable<string> arguments, TimeSpan? killAfter = null, Func<bool>? killWhen = null)
    {
        var start = PortalProcess.StartInfo(databasePath, Settings, arguments);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal command.");
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

        while (killWhen is not null && !process.HasExited)
        {
            if (killWhen())
            {
                process.Kill(entireProcessTree: true);
                killed = true;
                break;
            }

            await Task.Delay(20);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new PortalCommand(process.ExitCode, await output + await errors, killed);
    }

    /// <summary>The digest <c>billing check</c> printed ("digest 91CE455D32DF73A9"), after asserting it found nothing wrong.</summary>
    public string SoundLedgerDigest()
    {
        ExitCode.Should().Be(0, $"billing check finds nothing wrong:\n{Output}");
        var at = Output.IndexOf("digest ", StringComparison.Ordinal);
        at.Should().BeGreaterThan(-1, Output);
        return Output.Substring(at + "digest ".Length, 16);
    }
}

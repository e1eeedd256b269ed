using System.Diagnostics;
using System.Text;

namespace KtPortal.Tests.E2E;

/// <summary>
/// One running portal: the web project's build output (same configuration as the tests) as its own process on a free
/// loopback port, in Development with the demo data, on the SQLite file it is given. Two of them on one file are two
/// instances of one portal. Kill it as a crash would; what it printed stays readable for failure messages.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private PortalProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public bool HasExited => _process.HasExited;

    /// <summary>What the portal printed.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the portal and waits until it says it is running (first start migrates and seeds: up to
    /// <paramref name="timeout"/>, generous because the rest of the suite keeps both cores busy).</summary>
    public static async Task<PortalProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = KtPortal.Tests.TestSupport.LoopbackPort.Free();
        var start = StartInfo(databasePath, settings, ["--urls", $"http://127.0.0.1:{port}"]);
        var portal = new PortalProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal."), port);
        await portal.WaitForBannerAsync(timeout);
        return portal;
    }

    /// <summary>
    /// How to run the portal's build output on <paramref name="databasePath"/>: to serve (<paramref name="arguments"/>
    /// <c>--urls …</c>) or as a command (<c>billing run</c>, <c>seed …</c>). Output is redirected for the caller to read.
    /// </summary>
    public static ProcessStartInfo StartInfo(string databasePath, IReadOnlyDictionary<string, string> settings, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(arguments);
        var webProject = Path.Combine(PortalAppFixture.RepositoryRoot, "KtPortal.Web");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(webProject, "bin", configuration, "net10.0", "KtPortal.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The portal is not built at {dll}: build the solution before the E2E tests.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(webProject);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__KtPortal"] = $"Data Source={databasePath}";
        start.Environment["KtPortal__Attachments__Path"] = databasePath + "-files";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to open pages, as when an instance dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitForBannerAsync(TimeSpan timeout)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) => Record(e.Data, ready);
        _process.ErrorDataReceived += (_, e) => Record(e.Data, null);
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The portal exited early:\n{Output}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The portal exited early:\n{Output}");
        }

        try
        {
            await ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The portal did not start within {timeout}:\n{Output}");
        }
    }

    private void Record(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("KT-Portal is running at", StringComparison.Ordinal))
        {
            ready?.TrySetResult();
        }
    }
}

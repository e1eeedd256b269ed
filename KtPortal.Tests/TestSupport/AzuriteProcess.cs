using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KtPortal.Tests.TestSupport;

/// <summary>
/// Azurite's blob service (Microsoft's Azure Storage emulator, from npm; <c>.ci/run</c> installs it) on a free loopback
/// port, in memory only. Tests that need it fail with a message saying how to install it.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account and key (published in its documentation).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteProcess(Process process, int port)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static string Executable
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("KTPORTAL_AZURITE");
            var installed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ktportal-tools", "node_modules", ".bin", "azurite-blob");
            var path = string.IsNullOrWhiteSpace(configured) ? installed : configured;
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"No azurite-blob at {path}: run bash .ci/run (it installs Azurite with npm) or set KTPORTAL_AZURITE.");
        }
    }

    public static async Task<AzuriteProcess> StartAsync()
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--silent", "--loose" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new AzuriteProcess(process, port);
            }
            catch (SocketException) when (!process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

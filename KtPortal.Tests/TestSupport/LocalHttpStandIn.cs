using System.Net;

namespace KtPortal.Tests.TestSupport;

/// <summary>
/// A real HTTP server on a free loopback port, standing in for an outside API (Stripe, SendGrid) in tests. Subclasses
/// answer each request; the listening loop, the port and the shutdown live here once.
/// </summary>
public abstract class LocalHttpStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    protected LocalHttpStandIn()
    {
        BaseUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";

        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Reads the request and writes the answer; the base closes the response.</summary>
    protected abstract Task AnswerAsync(HttpListenerContext context);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                await AnswerAsync(context);
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                // Stopped while answering (a test that stopped waiting for a slow answer): nothing left to send.
                return;
            }
        }
    }

    public void Dispose()
    {
        // Web factories dispose twice (async and sync paths).
        if (!_listener.IsListening)
        {
            return;
        }

        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        GC.SuppressFinalize(this);
    }
}

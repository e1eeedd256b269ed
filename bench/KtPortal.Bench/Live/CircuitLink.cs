using Microsoft.Playwright;

namespace KtPortal.Bench.Live;

/// <summary>
/// Routes a context's Blazor WebSockets through Playwright so the bench can cut them: Playwright's offline mode stops
/// new requests but leaves an open WebSocket alone, so on its own it would not cut a circuit.
/// </summary>
internal sealed class CircuitLink
{
    private readonly List<(IWebSocketRoute Page, IWebSocketRoute Server)> _open = [];
    private volatile bool _cut;

    public static async Task<CircuitLink> RouteAsync(IBrowserContext context)
    {
        var link = new CircuitLink();
        await context.RouteWebSocketAsync("**/_blazor**", async socket =>
        {
            if (link._cut)
            {
                await socket.CloseAsync(new() { Code = 1011, Reason = "bench: network cut" });
                return;
            }

            var server = socket.ConnectToServer();
            lock (link._open)
            {
                link._open.Add((socket, server));
            }
        });
        return link;
    }

    public async Task CutAsync()
    {
        _cut = true;
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var (page, server) in open)
        {
            await server.CloseAsync();
            await page.CloseAsync();
        }
    }

    public void Restore() => _cut = false;
}

using System.Text.Json;
using Microsoft.Playwright;

namespace KtPortal.Bench.Live;

/// <summary>
/// One signed-in browser session (its own context) on a live page, with a MutationObserver that records, for each
/// watched ticket, when it first appeared In Progress (Unix ms, the page's clock) and how many times it arrived.
/// </summary>
internal sealed class LiveSession(IBrowserContext context, IPage page, bool isStaff, CircuitLink? link)
{
    private readonly List<JsonElement> _traceEvents = [];
    private ICDPSession? _devTools;
    private ICDPSession? _tracer;
    private TaskCompletionSource? _traceDone;

    // Re-checks the watched tickets after every DOM mutation; an "arrival" is a watched ticket showing In Progress that
    // did not a moment before (a second arrival would be a duplicate delivery, or a re-render that dropped it).
    private const string ObserverScript = """
        (watched) => {
            const wanted = new Set(watched);
            window.__live = { first: {}, arrivals: {} };
            let present = new Set();
            const check = () => {
                const now = performance.timeOrigin + performance.now();
                const current = new Set();
                document.querySelectorAll('[data-ticket-number][data-status="InProgress"]').forEach(e => {
                    const n = e.getAttribute('data-ticket-number');
                    if (wanted.has(n)) current.add(n);
                });
                current.forEach(n => {
                    if (!present.has(n)) {
                        window.__live.arrivals[n] = (window.__live.arrivals[n] || 0) + 1;
                        if (!(n in window.__live.first)) window.__live.first[n] = now;
                    }
                });
                present = current;
            };
            new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
            check();
        }
        """;

    public IBrowserContext Context => context;

    public bool IsStaff => isStaff;

    /// <summary>Signs in and waits for the live page. A <paramref name="cuttable"/> session's circuit runs through a WebSocket route the bench can cut.</summary>
    public static async Task<LiveSession> OpenAsync(IBrowser browser, string baseUrl, string email, string password, bool isStaff, bool cuttable = false)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1400, Height = 900 } });
        var link = cuttable ? await CircuitLink.RouteAsync(context) : null;
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith(isStaff ? "/board" : "/dashboard", StringComparison.Ordinal), new() { Timeout = 120_000 });
        var ready = isStaff ? "board" : "dashboard-title";
        await page.Locator($"[data-testid={ready}][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        return new LiveSession(context, page, isStaff, link);
    }

    /// <summary>Network off: HTTP fails (Playwright offline) and the circuit's WebSocket is closed, new ones refused.</summary>
    public async Task CutAsync()
    {
        await context.SetOfflineAsync(true);
        await (link ?? throw new InvalidOperationException("Open the session as cuttable.")).CutAsync();
    }

    public async Task RestoreAsync()
    {
        link!.Restore();
        await context.SetOfflineAsync(false);
    }

    /// <summary>
    /// Seconds the page's main thread has spent on tasks so far (script, style, layout, paint; Chromium's DevTools
    /// Performance domain, TaskDuration). Wall time of those tasks, so on a busy machine it includes waiting for a core.
    /// </summary>
    public async Task<double> MainThreadSecondsAsync()
    {
        if (_devTools is null)
        {
            _devTools = await context.NewCDPSessionAsync(page);
            await _devTools.SendAsync("Performance.enable");
        }

        var answer = await _devTools.SendAsync("Performance.getMetrics");
        return answer!.Value.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "TaskDuration").GetProperty("value").GetDouble();
    }

    /// <summary>
    /// Starts a Chromium performance trace (all pages: tracing is browser-wide) through this page's DevTools session;
    /// the same categories DevTools' Performance panel records.
    /// </summary>
    public async Task StartTraceAsync()
    {
        _tracer = await context.NewCDPSessionAsync(page);
        _traceEvents.Clear();
        _traceDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tracer.Event("Tracing.dataCollected").OnEvent += (_, data) =>
        {
            lock (_traceEvents)
            {
                _traceEvents.AddRange(data!.Value.GetProperty("value").EnumerateArray().Select(e => e.Clone()));
            }
        };
        _tracer.Event("Tracing.tracingComplete").OnEvent += (_, _) => _traceDone.TrySetResult();
        await _tracer.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["categories"] = "devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,v8,toplevel",
            ["transferMode"] = "ReportEvents",
        });
    }

    /// <summary>Ends the trace and writes it in Chrome's trace format (<c>{"traceEvents": [...]}</c>).</summary>
    public async Task StopTraceAsync(string path)
    {
        await (_tracer ?? throw new InvalidOperationException("Start the trace first.")).SendAsync("Tracing.end");
        await _traceDone!.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = File.Create(path);
        lock (_traceEvents)
        {
            JsonSerializer.Serialize(file, new { traceEvents = _traceEvents });
        }
    }

    public Task WatchAsync(IReadOnlyList<string> ticketNumbers) => page.EvaluateAsync(ObserverScript, ticketNumbers);

    public async Task<(Dictionary<string, double> First, Dictionary<string, int> Arrivals)> ReadAsync()
    {
        // As a string: Playwright hands large numbers over in its own encoding; JSON.stringify keeps them plain.
        using var document = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.__live)"));
        var json = document.RootElement;
        var first = json.GetProperty("first").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var arrivals = json.GetProperty("arrivals").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        return (first, arrivals);
    }
}

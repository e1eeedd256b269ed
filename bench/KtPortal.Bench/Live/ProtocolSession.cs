using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Bench.Live;

/// <summary>
/// A session without a browser: signs in over HTTP, reads the page's server-component markers, and opens that page's
/// circuit over Blazor's own hub protocol (blazorpack) with SignalR's .NET client, as blazor.web.js would: StartCircuit,
/// UpdateRootComponents with the markers, every render batch acknowledged, every JS call answered. It records when each
/// render batch arrives and whether it carries a text, i.e. when a browser would start applying the change; the
/// browser's own work (decoding, DOM, style, layout, paint) is what it leaves out.
/// </summary>
internal sealed partial class ProtocolSession : IAsyncDisposable
{
    private static readonly Lazy<IHubProtocol> BlazorPack = new(CreateBlazorPack);
    private readonly HttpClient _http;
    private readonly HubConnection _connection;
    private readonly byte[] _watchedText;
    private readonly List<double> _arrivals = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _error;

    private ProtocolSession(HttpClient http, HubConnection connection, string watchedText)
    {
        _http = http;
        _connection = connection;
        _watchedText = Encoding.UTF8.GetBytes(watchedText);
    }

    /// <summary>Render batches received so far (each acknowledged).</summary>
    public int Batches { get; private set; }

    /// <summary>When (Unix ms) each batch that carried the watched text arrived, in order.</summary>
    public IReadOnlyList<double> Arrivals
    {
        get
        {
            lock (_arrivals)
            {
                return [.. _arrivals];
            }
        }
    }

    /// <summary>Signs in as <paramref name="email"/>, opens <paramref name="path"/>'s circuit and waits for its interactive render.</summary>
    public static async Task<ProtocolSession> OpenAsync(Uri address, string email, string path, string watchedText)
    {
        var cookies = new CookieContainer();
        var http = await SignedInClient.CreateAsync(address, cookies, email);
        var page = new Uri(address, path);
        var html = await http.GetStringAsync(page);
        var markers = MarkerPattern().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(m => (string?)m["type"] == "server" && m["descriptor"] is not null).ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} as {email} has no interactive server component.");
        }

        var state = StatePattern().Match(html) is { Success: true } found ? found.Groups[1].Value : "";
        var builder = new HubConnectionBuilder().WithUrl(new Uri(address, "/_blazor"), HttpTransportType.WebSockets, options => options.Cookies = cookies);
        builder.Services.AddSingleton(BlazorPack.Value); // the last protocol registered is the one the connection speaks
        var session = new ProtocolSession(http, builder.Build(), watchedText);
        session.Listen();
        await session._connection.StartAsync();
        var secret = await session._connection.InvokeAsync<string?>("StartCircuit", address.ToString(), page.ToString(), "[]", state);
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"The portal refused to start a circuit for {path} as {email}: {session._error}");
        }

        // What blazor.web.js sends for the page's prerendered components: one "add" per marker, the marker as found.
        var operations = new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray([.. markers.Select((marker, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = marker,
            })]),
        };
        await session._connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state);
        await session._ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return session;
    }

    private void Listen()
    {
        _connection.On("JS.RenderBatch", [typeof(long), typeof(byte[])], async (args, _) =>
        {
            var at = (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;
            var batch = (byte[])args[1]!;
            if (batch.AsSpan().IndexOf(_watchedText) >= 0)
            {
                lock (_arrivals)
                {
                    _arrivals.Add(at);
                }
            }

            Batches++;
            if (batch.AsSpan().IndexOf("data-ready"u8) >= 0)
            {
                _ready.TrySetResult();
            }

            await _connection.SendAsync("OnRenderCompleted", (long)args[0]!, null);
        }, state: this);

        // .NET 10 sends (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType).
        _connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async (args, _) =>
        {
            var handle = (long)args[0]!;
            if (handle == 0)
            {
                return; // a call that wants no answer
            }

            var result = Answer((string)args[1]!);
            var json = $"[{handle},true,{result}]";
            await _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, json);
        }, state: this);

        _connection.On<string>("JS.Error", error =>
        {
            _error = error;
            _ready.TrySetException(new InvalidOperationException($"The circuit failed: {error}"));
        });
        _connection.On("JS.EndUpdateRootComponents", [typeof(long)], (_, _) => Task.CompletedTask, state: this);
    }

    /// <summary>What the browser would answer: a 1400 × 900 desktop window, no stored theme, nothing for the rest.</summary>
    private static string Answer(string identifier) => identifier switch
    {
        _ when identifier.EndsWith("getBrowserWindowSize", StringComparison.Ordinal) => """{"height":900,"width":1400}""",
        _ when identifier.EndsWith("getBreakpoint", StringComparison.Ordinal) => "3", // MudBlazor's Breakpoint.Lg
        _ when identifier.EndsWith("matchMedia", StringComparison.Ordinal) => "false",
        _ => "null",
    };

    /// <summary>Blazor's own hub protocol (MessagePack under the name "blazorpack"); internal to the framework, which the portal in this process has loaded.</summary>
    private static IHubProtocol CreateBlazorPack()
    {
        var type = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly
            .GetType("Microsoft.AspNetCore.Components.Server.BlazorPack.BlazorPackHubProtocol", throwOnError: true)!;
        return (IHubProtocol)Activator.CreateInstance(type, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, [], null)!;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _http.Dispose();
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StatePattern();
}

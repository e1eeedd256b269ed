using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace KtPortal.Bench.Live;

/// <summary>
/// What each open circuit holds on its own: a heap dump of this process (the portal runs in it), read with ClrMD,
/// and every object reachable from one circuit's <c>CircuitHost</c> and from no other circuit's counted for that circuit.
/// Unlike the heap's growth while sessions open, this leaves out what the bench and Playwright hold per session,
/// pooled buffers and caches that happen to grow meanwhile, and what circuits share.
/// </summary>
/// <remarks>
/// The walk from a circuit does not enter another circuit's host, renderer, navigation manager, JS runtime or service
/// scope, nor the objects through which every circuit reaches every other: the root service provider, the circuit
/// registry, the change notifier (its subscribers are every circuit's components) and the runtime's timer queue.
/// An object is the circuit's when exactly one walk reached it. Each object is visited by at most two walks: a walk
/// stops where another walk has been, and marks what lies behind as shared.
/// </remarks>
public static class CircuitHeapWalk
{
    private const int Shared = -1;

    private static readonly string[] SharedHubs =
    [
        "Microsoft.Extensions.DependencyInjection.ServiceProvider",
        "Microsoft.AspNetCore.Components.Server.Circuits.CircuitRegistry",
        "System.Threading.TimerQueueTimer",
        "System.Threading.TimerQueue",
    ];

    private static readonly string[] AnchorFields =
        ["<Renderer>k__BackingField", "_navigationManager", "<JSRuntime>k__BackingField", "<Services>k__BackingField"];

    /// <summary>Owned bytes of each circuit, with the page it shows (the routed page component's type name).</summary>
    public sealed record CircuitHolding(string Page, long OwnedBytes, int Components, long FrameBytes, IReadOnlyDictionary<string, long> BytesByType);

    public static IReadOnlyList<CircuitHolding> Measure()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ktportal-bench-{Environment.ProcessId}-{Guid.NewGuid():N}.dmp");
        try
        {
            new DiagnosticsClient(Environment.ProcessId).WriteDump(DumpType.WithHeap, path);
            return Walk(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IReadOnlyList<CircuitHolding> Walk(string dumpPath)
    {
        using var target = DataTarget.LoadDump(dumpPath);
        // The dump is of this very runtime, so its own data-access library reads it (ClrMD cannot tell the version from
        // a createdump dump and would otherwise look for a matching one on a symbol server).
        var dac = Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "libmscordaccore.so");
        using var runtime = target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true);
        var heap = runtime.Heap;

        var hosts = new List<ClrObject>();
        var states = new List<ClrObject>();
        foreach (var obj in heap.EnumerateObjects())
        {
            switch (obj.Type?.Name)
            {
                case "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost":
                    hosts.Add(obj);
                    break;
                case "Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState":
                    states.Add(obj);
                    break;
            }
        }

        var anchors = new Dictionary<ulong, int>();
        for (var i = 0; i < hosts.Count; i++)
        {
            anchors[hosts[i].Address] = i;
            foreach (var field in AnchorFields)
            {
                var anchor = hosts[i].ReadObjectField(field);
                if (!anchor.IsNull)
                {
                    anchors[anchor.Address] = i;
                }
            }
        }

        var owner = new Dictionary<ulong, int>();
        for (var i = 0; i < hosts.Count; i++)
        {
            var pending = new Stack<ulong>();
            pending.Push(hosts[i].Address);
            while (pending.Count > 0)
            {
                var address = pending.Pop();
                var isAnchor = anchors.TryGetValue(address, out var anchorOf);
                if (isAnchor && anchorOf != i)
                {
                    continue;
                }

                if (owner.TryGetValue(address, out var seenBy))
                {
                    if (seenBy != i && seenBy != Shared)
                    {
                        MarkShared(heap, owner, anchors, address);
                    }

                    continue;
                }

                var obj = heap.GetObject(address);
                if (!obj.IsValid || (!isAnchor && IsSharedHub(obj)))
                {
                    continue;
                }

                owner[address] = i;
                foreach (var reference in obj.EnumerateReferences(carefully: false, considerDependantHandles: true))
                {
                    if (reference.Address != 0)
                    {
                        pending.Push(reference.Address);
                    }
                }
            }
        }

        var pages = new string[hosts.Count];
        var owned = new long[hosts.Count];
        var byType = Enumerable.Range(0, hosts.Count).Select(_ => new Dictionary<string, long>()).ToArray();
        foreach (var (address, circuit) in owner)
        {
            if (circuit == Shared)
            {
                continue;
            }

            var obj = heap.GetObject(address);
            var name = obj.Type?.Name ?? "?";
            owned[circuit] += (long)obj.Size;
            byType[circuit][name] = byType[circuit].GetValueOrDefault(name) + (long)obj.Size;
        }

        var components = new int[hosts.Count];
        var frames = new long[hosts.Count];
        foreach (var state in states)
        {
            if (!owner.TryGetValue(state.Address, out var circuit) || circuit == Shared)
            {
                continue;
            }

            components[circuit]++;
            var component = state.ReadObjectField("<Component>k__BackingField");
            if (component.Type?.Name is { } type && type.EndsWith("Page", StringComparison.Ordinal))
            {
                pages[circuit] = type[(type.LastIndexOf('.') + 1)..];
            }

            foreach (var field in new[] { "<CurrentRenderTree>k__BackingField", "_nextRenderTree" })
            {
                var items = state.ReadObjectField(field) is { IsNull: false } builder ? builder.ReadObjectField("_entries").ReadObjectField("_items") : default;
                frames[circuit] += items.IsNull ? 0 : (long)items.Size;
            }
        }

        return [.. Enumerable.Range(0, hosts.Count).Select(i => new CircuitHolding(pages[i] ?? "?", owned[i], components[i], frames[i], byType[i]))];
    }

    private static bool IsSharedHub(ClrObject obj) =>
        obj.Type?.Name is { } name && (SharedHubs.Contains(name) || name.EndsWith("Notifier", StringComparison.Ordinal));

    /// <summary>
    /// Two circuits reach this object: it and everything reached through it are shared, except another circuit's
    /// anchors (no walk enters those but their own circuit's, which reaches them from its host).
    /// </summary>
    private static void MarkShared(ClrHeap heap, Dictionary<ulong, int> owner, Dictionary<ulong, int> anchors, ulong start)
    {
        var pending = new Stack<ulong>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var address = pending.Pop();
            if (!owner.TryGetValue(address, out var seenBy) || seenBy == Shared || anchors.ContainsKey(address))
            {
                continue;
            }

            owner[address] = Shared;
            foreach (var reference in heap.GetObject(address).EnumerateReferences(carefully: false, considerDependantHandles: true))
            {
                pending.Push(reference.Address);
            }
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace KtPortal.Tests.TestSupport;

/// <summary>A loopback port nothing listens on right now, for a server a test starts (the portal, Redis, a stand-in).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

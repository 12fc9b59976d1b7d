using System.Net;
using System.Net.Sockets;

namespace Hooks.Sdk.TestInfrastructure;

/// <summary>Loopback ports for the servers and processes a test starts.</summary>
public static class Ports
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

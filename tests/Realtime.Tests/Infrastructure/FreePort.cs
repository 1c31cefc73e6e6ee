using System.Net;
using System.Net.Sockets;

namespace Realtime.Tests.Infrastructure;

/// <summary>Finds a free TCP port on 127.0.0.1 (asks the OS for an ephemeral port and releases it).</summary>
public static class FreePort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

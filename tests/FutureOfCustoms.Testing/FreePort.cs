using System.Net;
using System.Net.Sockets;

namespace FutureOfCustoms.Testing;

public static class FreePort
{
    // The OS picks a free loopback port; also checked on all interfaces because the Playground binds there.
    public static int Pick()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var loopback = new TcpListener(IPAddress.Loopback, 0);
            loopback.Start();
            var port = ((IPEndPoint)loopback.LocalEndpoint).Port;
            loopback.Stop();
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free TCP port found in 20 attempts.");
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var any = new TcpListener(IPAddress.Any, port);
            any.Start();
            any.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

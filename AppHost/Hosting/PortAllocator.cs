using System.Net;
using System.Net.Sockets;

namespace Platform.AppHost.Hosting;

public static class PortAllocator
{
    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static async Task WaitUntilListeningAsync(int port, Func<bool> hasFailed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!IsListening(port))
        {
            if (hasFailed())
            {
                throw new InvalidOperationException($"The process exited before it listened on port {port}.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Nothing listened on port {port} within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}

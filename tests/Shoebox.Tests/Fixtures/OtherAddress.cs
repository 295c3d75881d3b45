using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A client that is not on loopback, from this machine: its connections leave from one of the machine's own network
/// addresses, so the server sees a remote client even when it listens on 127.0.0.1 (Linux routes the two).
/// </summary>
public static class OtherAddress
{
    /// <summary>The machine's first IPv4 address that is up and not loopback; null on a machine with loopback only.</summary>
    public static IPAddress? Find() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    /// <summary>An HttpClient whose connections come from <see cref="Find"/>'s address.</summary>
    public static HttpClient Client(Uri baseAddress)
    {
        var local = Find() ?? throw new InvalidOperationException("This machine has no network address but loopback.");
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress };
    }
}

/// <summary>A test that needs <see cref="OtherAddress"/>: skipped, saying so, on a machine with loopback only.</summary>
public sealed class OtherAddressFactAttribute : FactAttribute
{
    public OtherAddressFactAttribute()
    {
        if (OtherAddress.Find() is null)
        {
            Skip = "this machine has no network address but loopback";
        }
    }
}

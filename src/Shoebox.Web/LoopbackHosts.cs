using System.Net;

namespace Shoebox.Web;

internal static class LoopbackHosts
{
    /// <summary>Whether a host name or address (as in a URL or a Host header, without the port) means this machine only.</summary>
    public static bool IsLoopback(string host)
    {
        var bare = host.Trim('[', ']');
        if (bare.Equals("localhost", StringComparison.OrdinalIgnoreCase) || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }
}

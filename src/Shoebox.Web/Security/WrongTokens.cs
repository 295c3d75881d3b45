using System.Net;
using System.Net.Sockets;

namespace Shoebox.Web.Security;

/// <summary>
/// Wrong access tokens per client: the first <see cref="FreeTries"/> cost nothing (a mistyped link), each one after
/// that shuts the client out for twice as long as the one before, up to <see cref="LongestWait"/>, so guessing gets
/// nowhere. Only different tokens count: a browser sending the cookie of a token from before a restart, page after
/// page, is not guessing. A client is its IP address, or its /64 for IPv6, where one machine holds a whole /64.
/// Forgotten after <see cref="Memory"/> without a wrong token, or at once on the right one.
/// </summary>
internal sealed class WrongTokens(TimeProvider clock)
{
    public const int FreeTries = 5;
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    // Bounds the memory a spray of addresses can take; past it, the forgotten are dropped first, then everyone.
    private const int MaxClients = 10_000;

    // The tokens a client already sent (their hashes), so that sending one again does not count; the latest few.
    private const int Remembered = 16;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Record> _clients = new(StringComparer.Ordinal);

    private sealed record Record(int Count, DateTimeOffset Last, DateTimeOffset ShutUntil, IReadOnlyList<int> Sent);

    /// <summary>How long the client must still wait before a token of its is looked at; zero when it need not.</summary>
    public TimeSpan WaitOf(IPAddress? address)
    {
        lock (_lock)
        {
            return _clients.TryGetValue(KeyOf(address), out var record) && record.ShutUntil > clock.GetUtcNow()
                ? record.ShutUntil - clock.GetUtcNow()
                : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Counts a wrong token; returns how many different ones this client has sent in a row, how long it is now shut
    /// out, and whether this token is one it had not sent before (only those count).
    /// </summary>
    public (int Count, TimeSpan Wait, bool New) Failed(IPAddress? address, string token)
    {
        var now = clock.GetUtcNow();
        var key = KeyOf(address);
        var hash = StringComparer.Ordinal.GetHashCode(token);
        lock (_lock)
        {
            var known = _clients.TryGetValue(key, out var record) && now - record.Last < Memory ? record : null;
            if (known is not null && known.Sent.Contains(hash))
            {
                return (known.Count, TimeSpan.Zero, false);
            }
            var count = (known?.Count ?? 0) + 1;
            var wait = count <= FreeTries ? TimeSpan.Zero : Min(TimeSpan.FromSeconds(Math.Pow(2, Math.Min(count - FreeTries - 1, 20))), LongestWait);
            if (_clients.Count >= MaxClients && !_clients.ContainsKey(key))
            {
                Forget(now);
            }
            _clients[key] = new Record(count, now, now + wait, [.. (known?.Sent ?? []).TakeLast(Remembered - 1), hash]);
            return (count, wait, true);
        }
    }

    public void Succeeded(IPAddress? address)
    {
        lock (_lock)
        {
            _clients.Remove(KeyOf(address));
        }
    }

    /// <summary>The client as the log names it: its address, or its /64.</summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return $"{new IPAddress(bytes)}/64";
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var stale in _clients.Where(c => now - c.Value.Last >= Memory).Select(c => c.Key).ToList())
        {
            _clients.Remove(stale);
        }
        if (_clients.Count >= MaxClients)
        {
            _clients.Clear();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

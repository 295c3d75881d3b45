using System.Data.Common;

namespace Shoebox.Indexing;

/// <summary>Tells a database that went away from a catalog or request that is wrong: only the first is worth waiting for.</summary>
internal static class ConnectionLoss
{
    /// <summary>
    /// Whether <paramref name="error"/> means the database went away (restarted, unreachable, shutting down) rather
    /// than that something is wrong with the catalog or the request: only then is waiting and reconnecting right.
    /// </summary>
    public static bool Is(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(Is);
            }
            if (e is DbException db && (db.IsTransient || db.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P0", StringComparison.Ordinal))))
            {
                return true;
            }
            if (e is System.Net.Sockets.SocketException or TimeoutException or EndOfStreamException)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The message that says what went wrong: the database's own, not its wrappers'.</summary>
    public static string Describe(Exception error)
    {
        var innermost = error;
        while (innermost.InnerException is not null && innermost is not DbException)
        {
            innermost = innermost.InnerException;
        }
        return innermost.Message;
    }
}

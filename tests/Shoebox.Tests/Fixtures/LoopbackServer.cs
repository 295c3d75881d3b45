using System.Net;
using System.Net.Sockets;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A real HTTP server on a free loopback port, for tests that talk to a service (a model hub, a vision model
/// server): each request is answered on its own task by <see cref="AnswerAsync"/>.
/// </summary>
public abstract class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    protected LoopbackServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    protected abstract Task AnswerAsync(HttpListenerContext context);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the listener was closed under a pending request
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A loopback port nothing listens on (just freed).</summary>
    protected static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }
}

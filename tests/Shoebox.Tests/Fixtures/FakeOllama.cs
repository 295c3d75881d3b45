using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Shoebox.Tests.Fixtures;

/// <summary>One answer of the fake server: the status, the body as sent, and how long to wait before sending it.</summary>
public sealed record OllamaReply(int Status, string Body, TimeSpan Delay = default)
{
    public static OllamaReply Caption(string text, TimeSpan delay = default) =>
        new(200, JsonSerializer.Serialize(new { model = "llava", created_at = "2024-01-01T00:00:00Z", response = text, done = true }), delay);

    public static OllamaReply Error(int status, string message) => new(status, JsonSerializer.Serialize(new { error = message }));
}

/// <summary>A generate request as the fake server received it.</summary>
public sealed record OllamaRequest(string? Model, string? Prompt, IReadOnlyList<byte[]> Images, bool? Stream);

/// <summary>
/// A local HTTP server speaking Ollama's API: GET /api/tags lists <see cref="Models"/>, POST /api/generate answers
/// with <see cref="Reply"/> (given the request's number, from 0). It counts the requests it is working on at once.
/// </summary>
public sealed class FakeOllama : LoopbackServer
{
    private readonly Lock _gate = new();
    private readonly List<OllamaRequest> _requests = [];
    private int _inFlight;

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public string[] Models { get; set; } = ["llava:latest", "moondream:latest"];

    public Func<int, OllamaReply> Reply { get; set; } = n => OllamaReply.Caption($"A photo numbered {n}.");

    /// <summary>Called with each generate request's number as it arrives, before it is answered.</summary>
    public Action<int>? Received { get; set; }

    public int MaxInFlight { get; private set; }

    public IReadOnlyList<OllamaRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>A loopback address nothing listens on: a server that is down.</summary>
    public static Uri NobodyListening => new($"http://127.0.0.1:{FreePort()}");

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            if (context.Request.HttpMethod == "GET" && path == "/api/tags")
            {
                await SendAsync(context, new OllamaReply(200, JsonSerializer.Serialize(new { models = Models.Select(m => new { name = m, model = m }) })));
                return;
            }
            if (context.Request.HttpMethod != "POST" || path != "/api/generate")
            {
                await SendAsync(context, new OllamaReply(404, "404 page not found"));
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = Parse(await reader.ReadToEndAsync());
            int number;
            lock (_gate)
            {
                number = _requests.Count;
                _requests.Add(request);
                _inFlight++;
                MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            }
            try
            {
                Received?.Invoke(number);
                var reply = Reply(number);
                if (reply.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.Delay);
                }
                await SendAsync(context, reply);
            }
            finally
            {
                lock (_gate)
                {
                    _inFlight--;
                }
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // the client gave up (a timeout) or the server is closing
        }
    }

    private static async Task SendAsync(HttpListenerContext context, OllamaReply reply)
    {
        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static OllamaRequest Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var images = root.TryGetProperty("images", out var list)
            ? list.EnumerateArray().Select(i => Convert.FromBase64String(i.GetString()!)).ToList()
            : [];
        return new OllamaRequest(
            root.TryGetProperty("model", out var model) ? model.GetString() : null,
            root.TryGetProperty("prompt", out var prompt) ? prompt.GetString() : null,
            images,
            root.TryGetProperty("stream", out var stream) ? stream.GetBoolean() : null);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A local HTTP server that answers like the Hugging Face hub: /{repo}/resolve/{rev}/{path} redirects to the file
/// with its SHA-256 and size in X-Linked-ETag and X-Linked-Size, and files honour Range requests. It can cut a
/// transfer short, or serve bytes that do not match the published hash.
/// </summary>
public sealed class FakeHub : LoopbackServer
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>Bytes after which the next transfer is cut (the connection is dropped); null serves whole files.</summary>
    public long? CutAfter { get; set; }

    /// <summary>Bytes after which the next transfer stops sending but keeps the connection open.</summary>
    public long? StallAfter { get; set; }

    /// <summary>Publish a hash that does not match the bytes served.</summary>
    public bool PublishWrongHash { get; set; }

    public List<string> RangeRequests { get; } = [];

    public void Add(string repositoryPath, byte[] content) => _files[repositoryPath] = content;

    /// <summary>Requests wait for it before they are answered: a download stays under way until the test opens it.</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        await Gate;
        Answer(context);
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath.TrimStart('/');
        var response = context.Response;
        try
        {
            var resolve = path.IndexOf("/resolve/", StringComparison.Ordinal);
            if (resolve >= 0)
            {
                var repository = path[..resolve];
                var file = string.Join('/', path[(resolve + "/resolve/".Length)..].Split('/').Skip(1));
                if (!_files.TryGetValue($"{repository}/{file}", out var content))
                {
                    response.StatusCode = 404;
                    response.Close();
                    return;
                }
                var hash = Convert.ToHexStringLower(SHA256.HashData(PublishWrongHash ? [1, 2, 3] : content));
                response.StatusCode = 302;
                response.AddHeader("Location", $"/files/{repository}/{file}");
                response.AddHeader("X-Linked-ETag", $"\"{hash}\"");
                response.AddHeader("X-Linked-Size", content.Length.ToString());
                response.Close();
                return;
            }
            if (path.StartsWith("files/", StringComparison.Ordinal) && _files.TryGetValue(path["files/".Length..], out var bytes))
            {
                ServeFile(context, bytes);
                return;
            }
            response.StatusCode = 404;
            response.Close();
        }
        catch (HttpListenerException)
        {
            // the client went away
        }
    }

    private void ServeFile(HttpListenerContext context, byte[] bytes)
    {
        var response = context.Response;
        var start = 0L;
        var range = context.Request.Headers["Range"];
        if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            lock (RangeRequests)
            {
                RangeRequests.Add(range);
            }
            start = long.Parse(range["bytes=".Length..].TrimEnd('-'));
            response.StatusCode = 206;
            response.AddHeader("Content-Range", $"bytes {start}-{bytes.Length - 1}/{bytes.Length}");
        }
        var length = bytes.Length - start;
        response.ContentLength64 = length;
        if (StallAfter is { } stall && stall < length)
        {
            StallAfter = null;
            response.OutputStream.Write(bytes, (int)start, (int)stall);
            response.OutputStream.Flush();
            Thread.Sleep(TimeSpan.FromSeconds(10)); // silent, connection open
            response.Abort();
            return;
        }
        var cut = CutAfter;
        if (cut is { } limit && limit < length)
        {
            CutAfter = null;
            response.OutputStream.Write(bytes, (int)start, (int)limit);
            response.OutputStream.Flush();
            response.Abort(); // drops the connection mid-transfer
            return;
        }
        response.OutputStream.Write(bytes, (int)start, (int)length);
        response.Close();
    }
}

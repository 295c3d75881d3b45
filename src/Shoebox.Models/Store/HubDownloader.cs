using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Shoebox.Models.Registry;

namespace Shoebox.Models.Store;

/// <summary>
/// Fetches one file from a Hugging Face style hub: resumable (a `.partial` file grows until it is complete),
/// checked against the SHA-256 pinned in the registry or published by the hub, and moved into place only
/// when whole, so a half-downloaded file is never taken for a model.
/// </summary>
/// A connection that stays open but stops sending is given up after <paramref name="stallTimeout"/>.
internal sealed class HubDownloader(HttpClient http, Uri endpoint, TimeSpan stallTimeout)
{
    private const int MaxRedirects = 5;

    private readonly TimeSpan _stallTimeout = stallTimeout;

    public static Uri UrlOf(Uri endpoint, string repository, string revision, string file) =>
        new(endpoint, $"{repository}/resolve/{revision}/{file}");

    public Task DownloadAsync(ModelDescriptor model, ModelFile file, string destination, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken) =>
        DownloadAsync(UrlOf(endpoint, model.Repository!, model.Revision, file.Path), file, destination, progress, cancellationToken);

    /// <summary>Any URL, e.g. a package registry's tarball; <paramref name="file"/> names it and pins its size and hash.</summary>
    public async Task DownloadAsync(Uri url, ModelFile file, string destination, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var partial = destination + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var (response, published) = await SendAsync(url, File.Exists(partial) ? new FileInfo(partial).Length : 0, cancellationToken);
        using (response)
        {
            var expectedHash = file.Sha256 ?? published.Sha256;
            var resumed = response.StatusCode == HttpStatusCode.PartialContent;
            var total = file.Size ?? published.Size ?? TotalOf(response);
            await using (var output = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            await using (var input = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                var buffer = new byte[1 << 16];
                var done = output.Length;
                int read;
                while ((read = await ReadAsync(input, buffer, file.Path, cancellationToken)) > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    done += read;
                    progress?.Report(new DownloadProgress(file.Path, done, total));
                }
            }
            Check(partial, file.Path, total, expectedHash, url);
            File.Move(partial, destination, overwrite: true);
        }
    }

    private async Task<int> ReadAsync(Stream input, byte[] buffer, string name, CancellationToken cancellationToken)
    {
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(_stallTimeout);
        try
        {
            return await input.ReadAsync(buffer, stalled.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelUnavailableException(
                $"The download of {name} stalled (nothing received for {_stallTimeout.TotalSeconds:0} s). Run the command again: it resumes where it stopped.");
        }
    }

    // The hub answers /resolve/ with a redirect to its file store; the redirect carries the file's SHA-256
    // (X-Linked-ETag) and size, which the final answer does not, so redirects are followed here by hand.
    private async Task<(HttpResponseMessage Response, (string? Sha256, long? Size) Published)> SendAsync(Uri url, long offset, CancellationToken cancellationToken)
    {
        (string? Sha256, long? Size) published = (null, null);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
            }
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            published = (published.Sha256 ?? Sha256Of(response), published.Size ?? SizeOf(response));
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect
                or HttpStatusCode.PermanentRedirect or HttpStatusCode.MovedPermanently or HttpStatusCode.SeeOther
                && response.Headers.Location is { } location)
            {
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                response.Dispose();
                continue;
            }
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
            {
                response.Dispose();
                offset = 0; // the partial file is no prefix of this file (it changed upstream): start again
                hop--;
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var reason = response.ReasonPhrase;
                response.Dispose();
                throw new ModelUnavailableException(status is 401 or 403 or 404
                    ? $"{url} answered {status}: the file is not there (or needs an account). Check the model's source."
                    : $"{url} answered {status} {reason}.");
            }
            return (response, published);
        }
        throw new ModelUnavailableException($"{url} redirected more than {MaxRedirects} times.");
    }

    private static void Check(string partial, string name, long? size, string? sha256, Uri url)
    {
        var length = new FileInfo(partial).Length;
        if (size is { } expected && length != expected)
        {
            if (length > expected)
            {
                File.Delete(partial);
            }
            throw new ModelUnavailableException(length < expected
                ? $"The download of {name} stopped at {length:N0} of {expected:N0} bytes; run the command again to resume it."
                : $"{name} from {url} is {length:N0} bytes, not the expected {expected:N0}; the download was discarded.");
        }
        if (sha256 is null)
        {
            return; // neither pinned nor published: the size is all there is to check
        }
        using var stream = File.OpenRead(partial);
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
        {
            stream.Dispose();
            File.Delete(partial);
            throw new ModelUnavailableException($"{name} from {url} does not match its SHA-256 (expected {sha256}, got {actual}); the download was discarded.");
        }
    }

    private static string? Sha256Of(HttpResponseMessage response)
    {
        foreach (var header in new[] { "X-Linked-ETag", "ETag" })
        {
            if (response.Headers.TryGetValues(header, out var values))
            {
                var value = values.First().Replace("W/", "", StringComparison.Ordinal).Trim('"');
                if (value.Length == 64 && value.All(Uri.IsHexDigit))
                {
                    return value.ToLowerInvariant();
                }
            }
        }
        return null;
    }

    private static long? SizeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Linked-Size", out var values) && long.TryParse(values.First(), out var size) ? size : null;

    private static long? TotalOf(HttpResponseMessage response) =>
        response.Content.Headers.ContentRange?.Length ?? response.Content.Headers.ContentLength;
}

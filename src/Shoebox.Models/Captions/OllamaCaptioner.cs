using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Shoebox.Models.Captions;

/// <summary>
/// Asks a vision model served by Ollama (llava, moondream, qwen2.5vl, ...) for a short caption through its HTTP API:
/// POST /api/generate with the image as base64 and streaming off, the caption in the answer's "response".
/// Safe to call from several tasks at once; the caller limits how many.
/// </summary>
public sealed class OllamaCaptioner : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly OllamaOptions _options;

    public OllamaCaptioner(OllamaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException("A model name is needed, such as llava or moondream.", nameof(options));
        }
        _options = options;
        // Timeouts are per request (below), so one slow caption does not cut the others short.
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            BaseAddress = options.BaseUrl,
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public OllamaOptions Options => _options;

    /// <summary>
    /// Checks the server answers and has the model (GET /api/tags), so a wrong URL or an unpulled model is said
    /// once, before any photo is tried.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        string body;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            using var response = await _http.GetAsync(new Uri("api/tags", UriKind.Relative), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return; // not every server speaking the protocol lists its models; the first caption will tell
            }
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (Exception e) when (IsUnreachable(e) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unreachable(e);
        }
        var names = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("models", out var models) && models.ValueKind == JsonValueKind.Array)
            {
                foreach (var model in models.EnumerateArray())
                {
                    if (model.ValueKind == JsonValueKind.Object && model.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        names.Add(name.GetString()!);
                    }
                }
            }
        }
        catch (JsonException)
        {
            return; // an odd list is no reason to refuse; the first caption will tell
        }
        // A name without a tag means its "latest" tag.
        var wanted = _options.Model.Contains(':', StringComparison.Ordinal) ? _options.Model : _options.Model + ":latest";
        if (!names.Any(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(n, _options.Model, StringComparison.OrdinalIgnoreCase)))
        {
            throw ModelMissing();
        }
    }

    /// <summary>A caption for a JPEG, cleaned and capped; throws <see cref="CaptionException"/> when there is none.</summary>
    public async Task<string> CaptionAsync(byte[] jpeg, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        var request = JsonSerializer.SerializeToUtf8Bytes(new GenerateRequest(_options.Model, _options.Prompt, [Convert.ToBase64String(jpeg)], false), Json);
        var delay = _options.RetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt >= _options.Retries;
            try
            {
                return await TryOnceAsync(request, cancellationToken);
            }
            catch (RetryableException e)
            {
                if (last)
                {
                    throw e.Unreachable
                        ? Unreachable(e.InnerException!)
                        : new CaptionFailedException($"{e.Message} (tried {attempt + 1} times)", e.InnerException);
                }
            }
            await Task.Delay(delay, cancellationToken);
            delay *= 2;
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> TryOnceAsync(byte[] request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        HttpStatusCode status;
        string body;
        try
        {
            using var content = new ByteArrayContent(request);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(new Uri("api/generate", UriKind.Relative), content, timeout.Token);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RetryableException($"no answer within {_options.Timeout.TotalSeconds:0.#} s", e, unreachable: false);
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw new RetryableException($"cannot reach {_options.BaseUrl}", e, unreachable: true);
        }
        catch (HttpRequestException e)
        {
            throw new RetryableException($"the connection failed: {e.Message}", e, unreachable: false);
        }

        var error = ErrorIn(body);
        if (status == HttpStatusCode.NotFound && error is not null && error.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            throw ModelMissing();
        }
        if ((int)status >= 500 || status == HttpStatusCode.TooManyRequests)
        {
            throw new RetryableException($"the server answered {(int)status}{(error is null ? "" : ": " + error)}", null, unreachable: false);
        }
        if (status == HttpStatusCode.NotFound)
        {
            throw new CaptionServerException($"{_options.BaseUrl} has no Ollama API (404 for /api/generate). Check --url.");
        }
        if (!IsSuccess(status))
        {
            throw new CaptionFailedException($"the server refused the image ({(int)status}{(error is null ? "" : ": " + error)})");
        }
        if (error is not null)
        {
            throw new CaptionFailedException($"the model failed: {error}");
        }
        string? answer;
        try
        {
            using var document = JsonDocument.Parse(body);
            answer = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.String
                ? response.GetString()
                : throw new CaptionFailedException($"the server's answer has no \"response\" text: {Excerpt(body)}");
        }
        catch (JsonException e)
        {
            throw new CaptionFailedException($"the server's answer is not valid JSON: {Excerpt(body)}", e);
        }
        var caption = CaptionText.Clean(answer ?? "", _options.MaxLength);
        return caption.Length > 0 ? caption : throw new CaptionFailedException("the model gave an empty caption");
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static string? ErrorIn(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length == 0 ? "(empty)" : flat.Length <= 80 ? flat : flat[..80] + "…";
    }

    private static bool IsUnreachable(Exception e) =>
        e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    private CaptionServerException Unreachable(Exception e) => new(
        $"Cannot reach the caption server at {_options.BaseUrl} ({e.Message}). Is Ollama running? Start it with `ollama serve`, or give its address with --url.", e);

    private CaptionServerException ModelMissing() => new(
        $"The server at {_options.BaseUrl} does not have the model {_options.Model}. Get it with `ollama pull {_options.Model}`, or choose another with --model.");

    private sealed record GenerateRequest(string Model, string Prompt, string[] Images, bool Stream);

    private sealed class RetryableException(string message, Exception? inner, bool unreachable) : Exception(message, inner)
    {
        public bool Unreachable { get; } = unreachable;
    }
}

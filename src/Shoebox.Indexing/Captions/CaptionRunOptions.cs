using Shoebox.Catalog;
using Shoebox.Models.Captions;

namespace Shoebox.Indexing.Captions;

public sealed record CaptionRunOptions
{
    /// <summary>The library whose photos are captioned (from its preview thumbnails).</summary>
    public required Library Library { get; init; }

    public required OllamaOptions Server { get; init; }

    /// <summary>Requests in flight at once. Ollama runs one at a time per model unless OLLAMA_NUM_PARALLEL says more.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>Caption at most this many photos in this run; the rest stay pending.</summary>
    public int? Limit { get; init; }

    public bool RetryFailed { get; init; }
}

using Shoebox.Models.Captions;

namespace Shoebox.Indexing.Captions;

public sealed record CaptionRunOptions
{
    public required string LibraryFolder { get; init; }

    /// <summary>A PostgreSQL URL for a catalog shared by several machines; null keeps it in <see cref="LibraryFolder"/> (SQLite).</summary>
    public string? Catalog { get; init; }

    public required OllamaOptions Server { get; init; }

    /// <summary>Requests in flight at once. Ollama runs one at a time per model unless OLLAMA_NUM_PARALLEL says more.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>Caption at most this many photos in this run; the rest stay pending.</summary>
    public int? Limit { get; init; }

    public bool RetryFailed { get; init; }
}

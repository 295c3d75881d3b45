using Shoebox.Core;

namespace Shoebox.Search.Engine;

/// <summary>
/// Search over one library: parse the query, take candidates from the vector index and the full-text index, fuse
/// them, apply the filters and cut out one page. Thread-safe: the web server calls it from many requests at once.
/// </summary>
public sealed class SearchEngine : IDisposable
{
    public SearchEngine(SearchEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        throw new NotImplementedException();
    }

    public ModelIdentity? Model { get; }

    public bool CanSearchByText { get; }

    public bool CanSearchByImage { get; }

    /// <exception cref="ArgumentException">LikePhoto names no photo, or the photo has no vector.</exception>
    public SearchPage Search(SearchRequest request) => throw new NotImplementedException();

    public PhotoDetails? GetPhoto(long id) => throw new NotImplementedException();

    /// <summary>The photo's main location that exists on disk now, or null.</summary>
    public string? OriginalPath(long id) => throw new NotImplementedException();

    /// <summary>The vector of an image file that need not be in the library (an upload, a path).</summary>
    /// <exception cref="BadImageException">It cannot be decoded or is over the pixel limit.</exception>
    /// <exception cref="InvalidOperationException">No image model is available (<see cref="CanSearchByImage"/> is false).</exception>
    public float[] EmbedImage(string path) => throw new NotImplementedException();

    /// <summary>Takes in what indexing has changed in the catalog since the last call (new, moved, removed photos).</summary>
    public void Refresh() => throw new NotImplementedException();

    /// <summary>Loads the vector index and runs the text model once, so the first real search answers quickly.</summary>
    public void Warm() => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}

using Shoebox.Catalog;

namespace Shoebox.Indexing;

/// <summary>
/// Everything a run needs over one library: where it lives, how to run, and the services that do the work. Hosts get
/// one from <see cref="IndexingFactory"/>, so `index`, `import`, `worker` and `serve` give a new photo the same stages;
/// <see cref="Indexer"/> and <see cref="Worker"/> run it, as often as the host likes.
/// </summary>
public sealed class IndexingPipeline : IDisposable
{
    public IndexingPipeline(Library library, IndexSettings? settings = null, IndexingServices? services = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        Library = library;
        Settings = settings ?? new IndexSettings();
        Services = services ?? new IndexingServices();
    }

    /// <summary>The library indexed into: its folder (thumbnails, lock) and catalog (SQLite there, or a shared database).</summary>
    public Library Library { get; }

    public IndexSettings Settings { get; }

    public IndexingServices Services { get; }

    public void Dispose() => Services.Dispose();
}
